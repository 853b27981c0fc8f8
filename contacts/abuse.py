"""Abuse of the public forms and the tracking page, without a CAPTCHA (CAPTCHAs fail
accessibility): limits per client address and per email address on forms sent, per client
address and per reference on tracking attempts, per client address on files and survey
answers, with one GOV.UK page for whoever goes over.

Counts are django-ratelimit's in CACHES["ratelimit"] (RATELIMIT_USE_CACHE), which counts in
PostgreSQL while Redis is unreachable (core/cache.py): an outage neither stops residents nor lifts
the limits. The client address is core.client_ip's (RATELIMIT_IP_META_KEY)."""

import hashlib
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, is_ratelimited

from cases.models import reference_clean

Limited = Literal["forms", "tracking", "files", "surveys"]


def _key(value: str):
    # django-ratelimit calls a key function with the group and the request.
    return lambda group, request: value


def _counted(request: HttpRequest, *, group: str, key, rate: str) -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method=ALL, increment=True)


def submission_limited(request: HttpRequest, *, email: str) -> bool:
    """Whether the form being sent is one too many from this client address
    (settings.CONTACT_FORM_RATE_IP) or to this email address, in any letter case
    (CONTACT_FORM_RATE_EMAIL; a form with no email counts per address only). Counts this form:
    call it once, in the final POST, for a form about to be sent. Both counts go up even when the
    first is over, so a client cannot spend one limit while the other refuses it."""
    by_address = _counted(request, group="contacts.form-ip", key="ip", rate=settings.CONTACT_FORM_RATE_IP)
    email = email.strip().lower()
    # Only a digest of the address is ever a key, in Redis or in the database.
    digest = hashlib.sha256(email.encode()).hexdigest()
    by_email = bool(email) and _counted(
        request, group="contacts.form-email", key=_key(digest), rate=settings.CONTACT_FORM_RATE_EMAIL
    )
    return by_address or by_email


def tracking_limited(request: HttpRequest, *, reference: str) -> bool:
    """Whether this attempt to find a case by its reference and email or postcode is one too many
    from this client address, or for this reference from anywhere (settings.TRACKING_RATE each):
    the second stops guessing one resident's postcode from many addresses. Counts this attempt.
    The signed link from an email is not counted: it cannot be guessed, and it still works for a
    resident whose reference someone else is guessing at."""
    by_address = _counted(request, group="contacts.track-ip", key="ip", rate=settings.TRACKING_RATE)
    by_reference = _counted(
        request, group="contacts.track-reference", key=_key(reference_clean(reference)), rate=settings.TRACKING_RATE
    )
    return by_address or by_reference


def upload_limited(request: HttpRequest) -> bool:
    """Whether this file is one too many from this client address (settings.ATTACHMENT_UPLOAD_RATE_IP),
    checked or not: checking it is the work. Counts this file: call it once for each file sent."""
    return _counted(request, group="contacts.upload-ip", key="ip", rate=settings.ATTACHMENT_UPLOAD_RATE_IP)


def survey_limited(request: HttpRequest) -> bool:
    """Whether this survey answer is one too many from this client address (settings.SURVEY_RATE),
    accepted or not. Counts this answer: call it once for each answer sent."""
    return _counted(request, group="contacts.survey-ip", key="ip", rate=settings.SURVEY_RATE)


def _wait(seconds: int) -> str:
    # The limits' windows in words: "a minute", "an hour", "10 minutes".
    for unit, length, one in (("day", 86400, "a day"), ("hour", 3600, "an hour"), ("minute", 60, "a minute")):
        if seconds >= length and seconds % length == 0:
            count = seconds // length
            return one if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"


def limited_response(request: HttpRequest, *, what: Limited) -> HttpResponse:
    """The GOV.UK "too many" page (429), with Retry-After the longest window of the limits `what`
    is counted under: the residents' way round it is the phone."""
    rates = {
        "forms": (settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL),
        "tracking": (settings.TRACKING_RATE,),
        "files": (settings.ATTACHMENT_UPLOAD_RATE_IP,),
        "surveys": (settings.SURVEY_RATE,),
    }[what]
    seconds = max(_split_rate(rate)[1] for rate in rates)
    response = render(request, "contacts/limited.html", {"what": what, "wait": _wait(seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response
