"""Signed tracking links: the link in a resident's emails opens their case's tracking page without
the reference and email being typed. The token names the case's reference only, signed with the
project's secret under its own salt, so it cannot be forged or reused for anything else; it
lasts as long as a case can be reopened after a year's work on it."""

from datetime import timedelta

from django.core import signing

SALT = "cases.tracking"
MAX_AGE = timedelta(days=730)


def tracking_token_make(reference: str) -> str:
    return signing.dumps(reference, salt=SALT, compress=False)


def tracking_token_read(token: str) -> str | None:
    """The reference a token was made for, or None for a forged, damaged or expired one."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None
