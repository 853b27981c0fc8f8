"""The front door's side of `make bench` (issue #12): what the resident rows send.

- The form submission row posts the bulky waste form's check-answers page, and every request must
  be a new submission (a new draft, so a new idempotency key), or it would measure the cheap
  repeat. So before the rows run, `form_sessions` writes one anonymous session per request into
  the session table, each holding a complete draft of the form as the journey's pages leave it
  (contacts.drafts.draft_save, answers as the question forms store them) with its own resident and
  email address (the acknowledgement cap and the per-email rate limit are per address). Each
  request takes the next unused session (Fixtures.form_cookie), whatever its number, so the
  in-process query count, the warm-up and the measured run never send the same draft twice.
- The tracking rows read generated cases with a customer's email: by the signed link from the
  email (tracking tokens made with the run's SECRET_KEY, which the server shares), and by the
  reference and email address typed into the form.

The sessions and the cases, contacts, customers, events and emails the submissions make stay in
the bench database; a rebuild (any generator change, a new migration or --regenerate) clears them.
They are a few thousand rows beside two million."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models.functions import Mod
from django.utils import timezone
from django.utils.crypto import get_random_string

from .paths import FORM_SLUG

TRACKED_CASES = 200
# The answers of a complete bulky waste draft, as contacts.forms.QuestionForm.stored() keeps them.
BULKY_ANSWERS = {
    "items": ["sofa", "fridge"],
    "item-count": "2",
    "item-details": "The sofa is a two-seater; the fridge is in the garage.",
    "left-at": "front",
}


@dataclass(frozen=True)
class Tracked:
    reference: str
    email: str
    token: str


def _draft_session(i: int, run: str) -> tuple[dict, str]:
    """The session a resident has on the check-answers page of the bulky waste form, and the
    draft's key."""
    from contacts.drafts import Draft, draft_save

    holder = type("Request", (), {"session": {}})()
    draft = Draft(
        answers=dict(BULKY_ANSWERS),
        location={"line1": f"{1 + i % 150} Mill Lane", "line2": "", "town": "Wyebridge", "postcode": "WY1 2AB"},
        details={"name": f"Bench Resident {i}", "email": f"resident.{run}.{i}@example.org", "phone": ""},
    )
    draft_save(holder, FORM_SLUG, draft)
    return holder.session, draft.key


def form_sessions(count: int) -> list[tuple[str, str]]:
    """Write `count` sessions, each with a new complete draft; returns (session key, draft key)
    for each."""
    run = get_random_string(8).lower()
    store = SessionStore()
    expire = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions, keys = [], []
    for i in range(count):
        data, key = _draft_session(i, run)
        session_key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        sessions.append(Session(session_key=session_key, session_data=store.encode(data), expire_date=expire))
        keys.append((session_key, key))
    Session.objects.bulk_create(sessions, batch_size=1000)
    return keys


def tracked_cases() -> list[Tracked]:
    """TRACKED_CASES generated cases whose customer has an email address, spread over the case
    ids (closed ones from years ago and open ones of the last days), with their signed links."""
    from cases.models import Case
    from cases.tracking import tracking_token_make

    last = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # Odd: every tenth generated case has no customer (bench/generate/cases.py).
    step = max(1, last // (TRACKED_CASES * 2)) | 1
    rows = (
        Case.objects.annotate(spread=Mod("id", step))
        .filter(spread=0, customer__email__gt="")
        .order_by("id")
        .values_list("reference", "customer__email")[:TRACKED_CASES]
    )
    return [Tracked(reference, email, tracking_token_make(reference)) for reference, email in rows]


# --- Adviser logging (issue #13) -------------------------------------------------------------------

LOG_SAMPLES = 40  # customers the find and log rows take their queries and callers from


@dataclass(frozen=True)
class Logging:
    """What the adviser rows send: find-as-you-type queries as advisers type them, callers to log
    contacts for, and topics (with a team) to log them under."""

    find_queries: list[str]
    customer_ids: list[int]
    topic_slugs: list[str]


def _misspelt(name: str, i: int) -> str:
    """The name as a caller spells it or an adviser mistypes it: a letter dropped, doubled or
    swapped for a vowel, in the second word (the first in a one-word name), lower case."""
    words = name.lower().split()
    word = words[-1]
    k = 1 + i % max(1, len(word) - 2)
    typo = [word[:k] + word[k + 1 :], word[:k] + word[k] + word[k:], word[:k] + "aeiou"[i % 5] + word[k + 1 :]][i % 3]
    return " ".join([*words[:-1], typo])


def logging_fixtures() -> Logging:
    """Queries of every kind find-as-you-type answers, from generated customers spread over the
    table: misspelt full names ("jon smyth"), a surname's first letters, emails (as typed, any
    case), phones in three formats, postcodes with and without the space, case references."""
    from cases.models import Case, Customer
    from directory.models import Topic

    last = Customer.objects.order_by("-id").values_list("id", flat=True).first() or 0
    step = max(1, last // LOG_SAMPLES)
    sample = list(
        Customer.objects.annotate(spread=Mod("id", step))
        .filter(spread=0, merged_into__isnull=True)
        .order_by("id")
        .values("id", "name", "email", "phone", "postcode")[:LOG_SAMPLES]
    )
    references = list(
        Case.objects.annotate(spread=Mod("id", 9973)).filter(spread=0).values_list("reference", flat=True)[:20]
    )
    queries: list[str] = []
    for i, customer in enumerate(sample):
        queries.append(_misspelt(customer["name"], i))
        queries.append(customer["name"].split()[-1][:3].lower())
        if customer["email"]:
            queries.append(customer["email"].upper() if i % 2 else customer["email"])
        if customer["phone"]:
            digits = customer["phone"].replace(" ", "")
            queries.append([digits, f"+44 {digits[1:]}", customer["phone"]][i % 3])
        if customer["postcode"]:
            queries.append(customer["postcode"].replace(" ", "").lower() if i % 2 else customer["postcode"])
        if references:
            queries.append(references[i % len(references)].lower() if i % 2 else references[i % len(references)])
    topics = list(
        Topic.objects.filter(team__isnull=False, is_public=True).order_by("id").values_list("slug", flat=True)[:50]
    )
    return Logging(find_queries=queries, customer_ids=[c["id"] for c in sample], topic_slugs=topics)
