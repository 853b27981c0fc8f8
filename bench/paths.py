"""The hot paths `make bench` measures, as a registry.

Each entry says how to build its request (URL, and body for writes), whether it reads or writes
(which floor it is compared with), whether it needs a signed-in adviser, and how many SQL queries
one request runs. `--check` fails when a measured query count differs from `queries` here: change
the number in the same commit as the code that changes it, and say why.

A capability that adds a hot path appends a HotPath to PATHS, and moves its name out of
NOT_YET_BUILT.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

# The form the submission row sends (its request type is seeded by bench/generate/contacts.py).
FORM_SLUG = "bulky-waste-collection"
FLOOR_WRITE = "floor: write one row"
FLOOR_READ = "floor: read one row by pk"
CLAIM_NEXT = "claim next"
PUBLIC_FORM = "public form submission (bulky waste)"


@dataclass
class Fixtures:
    """What request factories may use: built once per run, after the data is in."""

    floor_ids: list[int]
    service_slugs: list[str]
    topic_paths: list[str]  # "<service area slug>/<topic slug>" of public topics
    search_terms: list[str] = field(default_factory=list)
    queue_slug: str = ""  # the bench officer's team, whose queue is full
    case_reference: str = ""  # the bench officer's case with a 30-event timeline
    csrf_token: str = ""  # sent as the csrftoken cookie and as the POST rows' form token
    # Issue #12 (bench/contacts.py): sessions each holding a new complete draft of the bulky waste
    # form, one per submission; and generated cases to track, with their signed links.
    form_sessions: list[tuple[str, str]] = field(default_factory=list)  # (session key, draft key)
    tracked: list = field(default_factory=list)  # bench.contacts.Tracked
    # Issue #13 (bench/contacts.py): find-as-you-type queries, callers and topics to log under.
    logging: object = None  # bench.contacts.Logging
    _next_form: itertools.count = field(default_factory=itertools.count, repr=False)
    _sending: threading.local = field(default_factory=threading.local, repr=False)

    def form_cookie(self, i: int) -> str:
        """The next unused draft's session (whatever the request number: the query count, the
        warm-up and the run all number from 0), so every submission is a new one. Its draft's
        key goes in this thread's form_body, built next for the same request."""
        from django.conf import settings

        n = next(self._next_form)  # atomic in CPython: the load threads share it
        if n >= len(self.form_sessions):
            raise RuntimeError(f"all {len(self.form_sessions)} prepared form sessions are used")
        session, self._sending.key = self.form_sessions[n]
        return f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={self.csrf_token}"

    def form_body(self, i: int) -> dict:
        """Check your answers' Send: the CSRF token and the draft's key (the page's hidden field)."""
        return {"csrfmiddlewaretoken": self.csrf_token, "key": self._sending.key}

    def __post_init__(self) -> None:
        if not self.search_terms:
            # Imported here: bench.generate needs Django set up, and this module must not (the
            # vocabulary itself is plain data, shared with the demo).
            from directory.vocabulary import SEARCH_TERMS

            self.search_terms = list(SEARCH_TERMS)


@dataclass(frozen=True)
class HotPath:
    name: str
    method: str  # GET or POST
    url: Callable[[Fixtures, int], str]  # (fixtures, request number) -> path and query
    kind: str  # "read" or "write"
    queries: int | None  # asserted SQL queries per request; None: not yet known
    body: Callable[[Fixtures, int], dict] | None = None
    signed_in: bool = False  # sends the bench adviser's session cookie
    expect_status: int = 200
    as_officer: bool = False  # signed in as the bench officer (bench/cases.py) rather than the adviser
    as_manager: bool = False  # signed in as the bench manager (a senior manager: the whole council)
    # The request's own cookies (a resident's session), instead of a signed-in one.
    cookie: Callable[[Fixtures, int], str] | None = None
    # Asserted transactions committed per request (atomic blocks; statements outside them are
    # autocommitted one by one); None: not asserted.
    transactions: int | None = None

    @property
    def floor(self) -> str:
        return FLOOR_WRITE if self.kind == "write" else FLOOR_READ

    @property
    def is_floor(self) -> bool:
        return self.name in (FLOOR_WRITE, FLOOR_READ)


def _search(base: str) -> Callable[[Fixtures, int], str]:
    return lambda fx, i: f"{base}?{urlencode({'q': fx.search_terms[i % len(fx.search_terms)]})}"


def _preview(fx: Fixtures, i: int) -> str:
    """The adviser's "when will they hear back?": an email received on one of 28 days ahead, at 10am."""
    day = _dt.date.today() + _dt.timedelta(days=i % 28)
    params = {"received_on_0": day.day, "received_on_1": day.month, "received_on_2": day.year,
              "received_time": "10am", "channel": "email", "case_type": "service_request"}  # fmt: skip
    return f"/staff/standards/preview/?{urlencode(params)}"


PATHS: list[HotPath] = [
    # The floors: the least a Django view can do on this stack, measured in the same run.
    HotPath(FLOOR_WRITE, "POST", lambda fx, i: "/bench/floor/write/", "write", 1, expect_status=201),
    HotPath(FLOOR_READ, "GET", lambda fx, i: f"/bench/floor/read/{fx.floor_ids[i % len(fx.floor_ids)]}/", "read", 1),
    # The directory (issue #4).
    HotPath("directory search (public)", "GET", _search("/services/search/"), "read", 1),
    # Staff search: 4 staff overhead, the search, then (issue #11) what a transfer needs: the
    # details of the page's teams, topics, officers and partners in one query, today's absences.
    HotPath("phone guide search (staff)", "GET", _search("/staff/phone-guide/search/"), "read", 7, signed_in=True),
    HotPath("phone guide index (staff)", "GET", lambda fx, i: "/staff/phone-guide/", "read", 8, signed_in=True),
    # The A to Z: service areas, then (issue #11) the public topics' first letters and the first
    # letter's topics, each linking to its page; partners.
    HotPath("A to Z of services", "GET", lambda fx, i: "/services/", "read", 4),
    HotPath(
        "service page",
        "GET",
        lambda fx, i: f"/services/{fx.service_slugs[i % len(fx.service_slugs)]}/",
        "read",
        3,
    ),
    # The guide as residents use it (issue #11). The home page reads nothing: the council's contact
    # details in its footer come from the cache. A topic's page: the topic with its team, partner
    # and area (one query), and a few related topics of its area.
    HotPath("home page", "GET", lambda fx, i: "/", "read", 0),
    HotPath(
        "topic page",
        "GET",
        lambda fx, i: f"/services/{fx.topic_paths[i % len(fx.topic_paths)]}/",
        "read",
        2,
    ),
    # Standards (issue #9). Public: the standards in force, the council calendar, its hours, its
    # closures ahead. Preview: 4 staff overhead (session, user, permissions), the council
    # calendar, the standard, the closures in the time, the teams for the form's list (the
    # working calendar is kept in the process after the first request).
    HotPath("customer care standards (public)", "GET", lambda fx, i: "/standards/", "read", 4),
    HotPath("standards preview (staff)", "GET", _preview, "read", 8, signed_in=True),
    # Cases (issue #10), signed in as the bench officer, an officer of the team with the full queue.
    # Each has 4 staff overhead (session, user, two permission look-ups). The queue: the team, the
    # officer's profile, the count for the pager, the page of cases with their owners, customers and
    # topics.
    HotPath(
        "team queue page",
        "GET",
        lambda fx, i: f"/staff/cases/queues/{fx.queue_slug}/",
        "read",
        8,
        signed_in=True,
        as_officer=True,
    ),
    HotPath(
        "case page (30 events)",
        "GET",
        lambda fx, i: f"/staff/cases/{fx.case_reference}/",
        "read",
        # The case with everything it points at (one query), its related cases, its files, its
        # timeline.
        8,
        signed_in=True,
        as_officer=True,
    ),
    # Each request claims one case of the queue's pool (bench/cases.py puts them back next run):
    # the team, the officer's membership of it, the most urgent unclaimed case (FOR UPDATE SKIP
    # LOCKED), its update, the claimed event; then the redirect to the case.
    HotPath(
        CLAIM_NEXT,
        "POST",
        lambda fx, i: f"/staff/cases/queues/{fx.queue_slug}/claim-next/",
        "write",
        9,
        body=lambda fx, i: {"csrfmiddlewaretoken": fx.csrf_token},
        signed_in=True,
        as_officer=True,
        expect_status=302,
    ),
    # The front door (issue #12), as an anonymous resident: Send on check your answers, each
    # request a new draft (bench/contacts.py), answered with the redirect to the confirmation.
    # In autocommit (5): the form, its questions and their answers, the session, and the contact
    # by the draft's key (web_request_send's check for a repeat).
    # The one transaction (24): the customer by email on the lower-case email index;
    # customer_create (its savepoint, the insert, its history); case_create (its savepoint, the new
    # customer again FOR UPDATE, 3 foreign keys checked by full_clean, the rule set's version (the
    # compiled rules are kept in the process until a rule changes), the team routed to, the
    # standard, the team's calendar (its own, else the council's: one query), the insert in its
    # reference-retry savepoint, the created and routed events); attachments_claim; the contact;
    # the acknowledgements sent today; the outbox row.
    # Then the session's save, a transaction of its own: 2 committed.
    HotPath(
        PUBLIC_FORM,
        "POST",
        lambda fx, i: f"/contact/{FORM_SLUG}/check/",
        "write",
        30,
        body=lambda fx, i: fx.form_body(i),
        cookie=lambda fx, i: fx.form_cookie(i),
        expect_status=302,
        transactions=2,
    ),
    # The signed link from the acknowledgement email: the case with its team and standard, its
    # public updates. No session, no rate limit (a signed link cannot be guessed).
    HotPath(
        "tracking page (resident, signed link)",
        "GET",
        lambda fx, i: f"/track/{fx.tracked[i % len(fx.tracked)].token}/",
        "read",
        2,
    ),
    # The same page found by the reference and the email address typed into the form: the case
    # (a refusal stops there, and costs the same), then its public updates. Counted by the
    # tracking rate limits in Redis, which the bench server sets out of reach (bench/__main__.py).
    HotPath(
        "tracking page (resident, reference and email)",
        "POST",
        lambda fx, i: "/track/",
        "read",
        2,
        body=lambda fx, i: {
            "csrfmiddlewaretoken": fx.csrf_token,
            "reference": fx.tracked[i % len(fx.tracked)].reference,
            "proof": fx.tracked[i % len(fx.tracked)].email,
        },
        cookie=lambda fx, i: f"csrftoken={fx.csrf_token}",
    ),
]


def _find(fx: Fixtures, i: int) -> str:
    queries = fx.logging.find_queries
    return f"/staff/contacts/log/customers/?{urlencode({'q': queries[i % len(queries)]})}"


def _log_body(outcome: str) -> Callable[[Fixtures, int], dict]:
    """Save on the log-a-contact screen as a practised adviser sends it: a phone call from a
    customer found by find-as-you-type, under a directory topic, with a new form key each time
    (the screen's), opened a minute ago."""

    def body(fx: Fixtures, i: int) -> dict:
        import uuid

        from django.utils import timezone

        from contacts.forms import log_started_sign

        opened = timezone.now() - _dt.timedelta(minutes=1)
        data = {
            "csrfmiddlewaretoken": fx.csrf_token, "action": "save", "key": str(uuid.uuid4()),
            "started": log_started_sign(opened), "start_time": f"{timezone.localtime(opened):%H:%M}",
            "channel": "phone", "customer": fx.logging.customer_ids[i % len(fx.logging.customer_ids)],
            "topic": fx.logging.topic_slugs[i % len(fx.logging.topic_slugs)],
            "summary": "Asked when the bins are collected; told the day and how to check it online.",
            "outcome": outcome,
        }  # fmt: skip
        if outcome == "resolved":
            # Anonymous: a known customer with an email address may be invited to a survey (or not,
            # if invited lately), which would make the statement count vary from call to call.
            data["customer"] = "anonymous"
        if outcome == "case_raised":
            data |= {"case_type": "service_request", "priority": "normal",
                     "description": "The caller's bin has been missed twice; wants it collected."}  # fmt: skip
        return data

    return body


PATHS += [
    # Adviser logging (issue #13), signed in as the bench adviser. Find-as-you-type: 4 staff
    # overhead (session, user, two permission look-ups), then the one find query (none for a
    # query too short to look up).
    HotPath("customer find-as-you-type", "GET", _find, "read", 5, signed_in=True),
    # Save, each a new form key, answered with the redirect to the logged page.
    HotPath(
        "log a contact resolved at first point",
        "POST",
        lambda fx, i: "/staff/contacts/log/",
        "write",
        7,
        body=_log_body("resolved"),
        signed_in=True,
        expect_status=302,
        transactions=1,
    ),
    HotPath(
        "log a contact that raises a case",
        "POST",
        lambda fx, i: "/staff/contacts/log/",
        "write",
        22,
        body=_log_body("case_raised"),
        signed_in=True,
        expect_status=302,
        transactions=1,
    ),
]


def _window(i: int) -> dict:
    """Twelve whole months ending with one of the last 24 months: "any 12-month window"."""
    end = _dt.date.today().replace(day=1) - _dt.timedelta(days=1)
    for _ in range(i % 24):
        end = end.replace(day=1) - _dt.timedelta(days=1)
    index = end.year * 12 + end.month - 12
    first = _dt.date(index // 12, index % 12 + 1, 1)
    return {"first_0": first.day, "first_1": first.month, "first_2": first.year,
            "last_0": end.day, "last_1": end.month, "last_2": end.year}  # fmt: skip


def _month(prefix: str, i: int) -> dict:
    """A list's date filter over the last month of the i-th window."""
    window = _window(i)
    return {f"{prefix}_from_0": 1, f"{prefix}_from_1": window["last_1"], f"{prefix}_from_2": window["last_2"],
            f"{prefix}_to_0": window["last_0"], f"{prefix}_to_1": window["last_1"],
            f"{prefix}_to_2": window["last_2"]}  # fmt: skip


def _drill_down(fx: Fixtures, i: int) -> str:
    """A figure's list: one month's phone calls resolved at first point (the dashboard's link)."""
    params = {**_month("started", i), "logged": "on", "outcome": "resolved", "channel": "phone"}
    return f"/staff/contacts/?{urlencode(params)}"


def _case_drill_down(fx: Fixtures, i: int) -> str:
    """A case figure's list: one month's phone cases whose reply was missed (the standards
    table's link)."""
    return f"/staff/cases/all/?{urlencode({**_month('received', i), 'channel': 'phone', 'measure': 'reply_missed'})}"


def _escalated_drill_down(fx: Fixtures, i: int) -> str:
    """The cases the chaser escalated in a month (the standards headline's link)."""
    return f"/staff/cases/all/?{urlencode({'happened': 'escalated', **_month('happened', i)})}"


def _survey_drill_down(fx: Fixtures, i: int) -> str:
    """A month's answered surveys (the satisfaction headline's link)."""
    return f"/staff/contacts/surveys/?{urlencode({'answers': 'answered', **_month('sent', i)})}"


PATHS += [
    # The managers' dashboard (issue #15), for the whole council as a senior manager: 4 staff
    # overhead, the scope's teams and areas, then the tallies and the sections' other counts, as
    # tests/portal/test_dashboard.py lists them for its administrator.
    HotPath(
        "manager dashboard (12 months)",
        "GET",
        lambda fx, i: f"/staff/dashboard/?{urlencode(_window(i))}",
        "read",
        29,
        signed_in=True,
        as_manager=True,
    ),
    # Its drill-down: 4 staff overhead, the advisers, teams, areas and partners for the filters,
    # the count and the page.
    HotPath("dashboard drill-down (contacts list)", "GET", _drill_down, "read", 10, signed_in=True, as_manager=True),
    # A drill-down to cases: 4 staff overhead, the teams and areas for the filters, the count
    # and the page.
    HotPath("dashboard drill-down (cases list)", "GET", _case_drill_down, "read", 8, signed_in=True, as_manager=True),
    # What happened in a month: the same 8, the count and the page joined to the escalations.
    HotPath(
        "dashboard drill-down (cases escalated)",
        "GET",
        _escalated_drill_down,
        "read",
        8,
        signed_in=True,
        as_manager=True,
    ),
    # The surveys behind satisfaction: 4 staff overhead, the teams, areas and partners for the
    # filters, the count and the page with answers, cases, contacts and services.
    HotPath(
        "dashboard drill-down (surveys list)", "GET", _survey_drill_down, "read", 9, signed_in=True, as_manager=True
    ),
]

# Hot paths of capabilities not built yet; each joins PATHS with its capability.
NOT_YET_BUILT: list[tuple[str, str]] = [
    ("chaser run (Celery task, per 1,000 due cases)", "write"),
    ("Open311 POST requests", "write"),
    ("Open311 GET requests / services", "read"),
]
