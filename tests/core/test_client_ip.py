"""The client's address behind a known number of trusted proxies (core.client_ip)."""

import pytest
from django.test import RequestFactory

from core.client_ip import UNKNOWN, client_ip

# Addresses from the documentation ranges (RFC 5737, RFC 3849).
CLIENT, SPOOFED, PROXY_1, PROXY_2 = "198.51.100.23", "203.0.113.99", "192.0.2.10", "192.0.2.20"


def _request(remote_addr=PROXY_2, forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **meta)


def test_no_proxy_uses_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote_addr=CLIENT)) == CLIENT


def test_no_proxy_never_reads_the_header_a_client_can_set(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote_addr=CLIENT, forwarded_for=SPOOFED)) == CLIENT


def test_one_proxy_takes_the_address_it_added(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent a forged entry; the proxy appended the address it really saw.
    assert client_ip(_request(remote_addr=PROXY_1, forwarded_for=f"{SPOOFED}, {CLIENT}")) == CLIENT
    assert client_ip(_request(remote_addr=PROXY_1, forwarded_for=CLIENT)) == CLIENT


def test_two_proxies_skip_the_inner_proxys_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    header = f"{SPOOFED}, {CLIENT}, {PROXY_1}"
    assert client_ip(_request(remote_addr=PROXY_2, forwarded_for=header)) == CLIENT
    assert client_ip(_request(remote_addr=PROXY_2, forwarded_for=f"{CLIENT},{PROXY_1}")) == CLIENT


def test_every_proxy_bucket_is_per_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    a = client_ip(_request(remote_addr=PROXY_1, forwarded_for="198.51.100.1"))
    b = client_ip(_request(remote_addr=PROXY_1, forwarded_for="198.51.100.2"))
    assert a != b


@pytest.mark.parametrize(
    "header",
    [
        "",  # no header although a proxy is configured: the request did not come through it
        "   ",
        "not-an-address",
        f"{SPOOFED}, garbage",  # the proxy's own entry is unreadable
        f"{CLIENT}, ",  # an empty right-most entry
        "198.51.100.300",
        "198.51.100.1:4711",  # ports are not part of the header the documented proxies write
        "fe80::1%eth0",  # a zone index is local to the proxy's machine
        "x" * 10_000,
        "\x00\r\n",
    ],
)
def test_garbage_falls_back_to_the_connecting_address(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(remote_addr=PROXY_1, forwarded_for=header)) == PROXY_1


def test_fewer_entries_than_proxies_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(remote_addr=PROXY_2, forwarded_for=CLIENT)) == PROXY_2


def test_ipv6_is_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(remote_addr=PROXY_1, forwarded_for="2001:DB8:0:0::1")) == "2001:db8::1"
    # An IPv4 client seen by a dual-stack proxy counts as that IPv4 address.
    assert client_ip(_request(remote_addr=PROXY_1, forwarded_for="::ffff:198.51.100.23")) == CLIENT


def test_missing_or_bad_connecting_address_is_one_shared_bucket(settings):
    """Never an error and never an address a client chose: every such request shares one bucket."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote_addr="")) == UNKNOWN
    assert client_ip(_request(remote_addr="unix:/run/gunicorn.sock")) == UNKNOWN
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(remote_addr="", forwarded_for="junk")) == UNKNOWN


def test_the_rate_limiter_and_axes_use_it(settings):
    from axes.helpers import get_client_ip_address
    from django_ratelimit.core import _get_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = _request(remote_addr=PROXY_1, forwarded_for=f"{SPOOFED}, {CLIENT}")
    assert _get_ip(request) == CLIENT
    assert get_client_ip_address(request) == CLIENT
