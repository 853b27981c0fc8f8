"""The client's address, the one thing every rate limit and lockout counts by.

Behind the HTTPS proxy REMOTE_ADDR is the proxy, so every client would share one count. Each
proxy appends the address it received the request from to X-Forwarded-For, so with N trusted
proxies in front of the app the client is the N-th entry from the right; anything further left
was written by the client and is never read. TRUSTED_PROXY_COUNT says how many proxies there are;
0 (the default) never reads the header at all.
"""

import ipaddress

from django.conf import settings

# Requests whose connecting address cannot be read (an empty REMOTE_ADDR on a Unix socket, a
# request built in code) share one count rather than escaping every limit.
UNKNOWN = "0.0.0.0"  # noqa: S104 - a bucket name, nothing binds to it

# Longer than any honest chain of proxies; reading further is wasted work on a hostile header.
_MAX_HEADER_CHARS = 2048


def _parse(value: str) -> str | None:
    """The address in `value`, normalised (IPv4-mapped IPv6 as IPv4), or None if it is not one
    plain address. Ports and zone indexes are refused: the documented proxies write neither."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return None
        address = address.ipv4_mapped or address
    return str(address)


def client_ip(request) -> str:
    """The address this request came from, taking TRUSTED_PROXY_COUNT proxies into account.

    Falls back to the connecting address whenever the header cannot be trusted to hold the client:
    missing, shorter than the number of proxies (the request did not come through them all), or
    not an address where the client should be. The fallback is never an address the client chose.
    """
    connecting = _parse(request.META.get("REMOTE_ADDR") or "") or UNKNOWN
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return connecting
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not header or len(header) > _MAX_HEADER_CHARS:
        return connecting
    entries = header.split(",")
    if len(entries) < proxies:
        return connecting
    return _parse(entries[-proxies]) or connecting
