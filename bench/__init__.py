"""`python -m bench`: the benchmark harness (see docs/performance.md)."""
