"""A small closed-loop HTTP load generator: N threads on keep-alive-capable connections to
127.0.0.1, each sending its next request as soon as the previous answer is read. Bounded by a
request count and by seconds, whichever comes first."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .paths import Fixtures, HotPath


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    connection_errors: int = 0
    samples: list[str] = field(default_factory=list)  # the first few failures, for the report
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies_ms)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 400) + self.connection_errors

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Linear interpolation between closest ranks (NumPy's default)."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        rank = (len(ordered) - 1) * p / 100
        low = int(rank)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def drive(
    port: int,
    path: HotPath,
    fixtures: Fixtures,
    *,
    requests: int,
    seconds: float,
    concurrency: int,
    cookie: str = "",
    start_at: int = 0,
) -> Result:
    result = Result()
    numbers = itertools.count(start_at)
    limit = start_at + requests
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while True:
                with lock:
                    i = next(numbers)
                if i >= limit or time.perf_counter() >= deadline:
                    return
                url = path.url(fixtures, i)
                headers = {"Host": "127.0.0.1", "Accept": "text/html"}
                body = None
                if path.cookie:
                    headers["Cookie"] = path.cookie(fixtures, i)
                elif cookie and path.signed_in:
                    headers["Cookie"] = cookie
                if path.method == "POST":
                    body = urlencode(path.body(fixtures, i) if path.body else {})
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                started = time.perf_counter()
                try:
                    conn.request(path.method, url, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    conn.close()
                    with lock:
                        result.connection_errors += 1
                        if len(result.samples) < 3:
                            result.samples.append(f"{path.method} {url}: {error.__class__.__name__}: {error}")
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    result.latencies_ms.append(elapsed)
                    result.statuses[response.status] += 1
                    if not 200 <= response.status < 400 and len(result.samples) < 3:
                        result.samples.append(f"{path.method} {url}: HTTP {response.status}")
                if response.will_close:
                    conn.close()
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result
