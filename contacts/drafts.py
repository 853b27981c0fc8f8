"""Answers in progress, kept in the resident's session (in PostgreSQL, so a Redis outage loses
nothing) until the form is sent: the back button, a Change link and a page reloaded after a
break all find them. A draft is kept CONTACT_DRAFT_MINUTES after the resident's last step (the
pages warn before that and offer more time), then deleted, as on a shared computer the next
person must not find them. The resident's details are remembered for the session, so a second
form does not ask for them again."""

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

SESSION_KEY = "contact_forms"
DETAILS_KEY = "contact_details"
SENT_KEY = "contact_sent"


@dataclass
class Draft:
    """One form in progress: its key (the submission's idempotency key, fixed for the journey),
    the answers by question code, the location, the resident's details, when it was last saved,
    and whether an older draft had just expired."""

    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    answers: dict[str, Any] = field(default_factory=dict)
    location: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    saved_at: float = 0.0
    expired: bool = False

    def seconds_left(self) -> int:
        return max(0, int(self.saved_at + settings.CONTACT_DRAFT_MINUTES * 60 - time.time()))


def draft_get(request, slug: str) -> Draft:
    """The draft of form `slug`, or a new one (expired=True when one had run out)."""
    stored = request.session.get(SESSION_KEY, {}).get(slug)
    if not stored:
        return Draft(details=dict(request.session.get(DETAILS_KEY, {})))
    draft = Draft(**stored)
    if time.time() - draft.saved_at > settings.CONTACT_DRAFT_MINUTES * 60:
        draft_clear(request, slug)
        return Draft(details=dict(request.session.get(DETAILS_KEY, {})), expired=True)
    return draft


def draft_save(request, slug: str, draft: Draft) -> None:
    draft.saved_at = time.time()
    forms = request.session.get(SESSION_KEY, {})
    forms[slug] = {
        "key": draft.key,
        "answers": draft.answers,
        "location": draft.location,
        "details": draft.details,
        "saved_at": draft.saved_at,
    }
    request.session[SESSION_KEY] = forms
    if draft.details:
        request.session[DETAILS_KEY] = draft.details


def draft_clear(request, slug: str) -> None:
    forms = request.session.get(SESSION_KEY, {})
    if forms.pop(slug, None) is not None:
        request.session[SESSION_KEY] = forms


def sent_remember(request, slug: str, contact_id: int) -> None:
    """The contact the confirmation page of `slug` shows (only in the session that sent it)."""
    sent = request.session.get(SENT_KEY, {})
    sent[slug] = contact_id
    request.session[SENT_KEY] = sent


def sent_get(request, slug: str) -> int | None:
    return request.session.get(SENT_KEY, {}).get(slug)
