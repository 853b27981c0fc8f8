"""The benchmark floors: the cheapest write and read a Django view can do on this stack.

Installed and routed only when BENCH_ENDPOINTS is on (portal/settings.py, portal/root_urls.py).
"""
