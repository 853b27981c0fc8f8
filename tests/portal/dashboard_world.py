"""Contacts for the dashboard's tests, logged through the contacts service at chosen moments of
February 2027 (whose target is the world's: first-point resolution 45% from 1 February)."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from contacts import services

LONDON = ZoneInfo("Europe/London")


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, tzinfo=LONDON)


def log(by, when: dt.datetime, *, outcome: str = "resolved", channel: str = "phone", customer=None, **fields):
    """One logged contact of a minute at `when`."""
    return services.contact_log(
        by=by, key=uuid.uuid4(), survey=False, customer=customer,
        fields={"channel": channel, "outcome": outcome, "summary": "A question", "started_at": when,
                "ended_at": when + dt.timedelta(minutes=1), **fields},
    ).contact  # fmt: skip
