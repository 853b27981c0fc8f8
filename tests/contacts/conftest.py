"""Fixtures for the contacts tests: the world's online forms, made through contacts.services as a
manager would, and what sending one takes. The cases fixtures (routing rules, standards) are
reused from tests/cases."""

import uuid
from types import SimpleNamespace

import pytest

from contacts import drafts, services
from contacts.models import Datatype, RequestType
from contacts.services import Answer
from standards.models import CaseType
from tests.cases.conftest import response_standards, rules  # noqa: F401 - the cases fixtures, reused


@pytest.fixture(autouse=True)
def _rate_limits_fresh(settings):
    """Every test counts forms and tracking attempts from zero: the counts live in the shared
    Redis for up to an hour, and every test client comes from the same address."""
    settings.CACHES = {**settings.CACHES, "ratelimit": {**settings.CACHES["ratelimit"], "KEY_PREFIX": uuid.uuid4().hex}}


@pytest.fixture
def request_types(world, rules, response_standards):  # noqa: F811
    """Published forms: bulky waste (team A's topic, routed to team A) with a list question that
    has a stop answer, a number and an optional text, asking where; a comment form; and a
    phone-only type. The rules and standards make a bulky waste case route and get due times."""
    bulky = services.request_type_create(by=None, fields={
        "name": "Book a bulky waste collection", "slug": "bulky-waste", "group": RequestType.Group.REQUEST,
        "topic": world.directory["bulky"], "case_type": CaseType.SERVICE_REQUEST, "asks_location": True,
        "location_label": "Where should we collect the items from?", "takes_attachments": True,
        "is_published": True, "description": "We collect up to 3 large items.",
    })  # fmt: skip
    items = services.question_create(request_type=bulky, by=None, fields={
        "code": "items", "datatype": Datatype.MULTI, "required": True, "order": 1,
        "description": "What do you need us to collect?",
    })  # fmt: skip
    for order, (key, name, stop) in enumerate([
        ("sofa", "Sofa", ""), ("fridge", "Fridge", ""),
        ("asbestos", "Asbestos sheets", "Asbestos is dangerous: phone us now"),
    ]):  # fmt: skip
        services.question_value_create(question=items, by=None, fields={
            "key": key, "name": name, "order": order, "stop_message": stop,
            "stop_phone": "01632 960000" if stop else "",
        })  # fmt: skip
    services.question_create(request_type=bulky, by=None, fields={
        "code": "item-count", "datatype": Datatype.NUMBER, "required": True, "order": 2,
        "description": "How many items are there?",
    })  # fmt: skip
    services.question_create(request_type=bulky, by=None, fields={
        "code": "item-details", "datatype": Datatype.TEXT, "required": False, "order": 3,
        "description": "Tell us anything else about the items",
    })  # fmt: skip
    comment = services.request_type_create(by=None, fields={
        "name": "Leave a comment", "slug": "comment", "group": RequestType.Group.FEEDBACK,
        "case_type": CaseType.COMMENT, "is_published": True,
    })  # fmt: skip
    services.question_create(request_type=comment, by=None, fields={
        "code": "comment", "datatype": Datatype.TEXT, "required": True, "description": "What is your comment?",
    })  # fmt: skip
    phone_only = services.request_type_create(by=None, fields={
        "name": "Homeless tonight", "slug": "homeless-tonight", "group": RequestType.Group.ASK,
        "case_type": CaseType.SERVICE_REQUEST, "takes_online": False, "is_published": True,
        "phone_reason": "We need to talk to you straight away.", "topic": world.directory["homeless"],
    })  # fmt: skip
    return {"bulky": bulky, "comment": comment, "phone_only": phone_only}


BULKY_ANSWERS = [
    Answer(code="items", question="What do you need us to collect?", value=["sofa"], text="Sofa"),
    Answer(code="item-count", question="How many items are there?", value="2", text="2"),
]
RESIDENT = {"name": "Ann Smith", "email": "ann@example.org", "phone": ""}
LOCATION = {"address": "1 High Street, Wyebridge", "postcode": "WY3 4AB"}


@pytest.fixture
def send_bulky(request_types):
    """send_bulky(key=None, **overrides) sends the bulky waste form through the service."""

    def send(key=None, **overrides):
        values = {"answers": BULKY_ANSWERS, "details": RESIDENT, "location": LOCATION, **overrides}
        return services.web_request_send(key=key or uuid.uuid4(), request_type=request_types["bulky"], **values)

    return send


def bulky_ready(session, *, details: dict = RESIDENT) -> str:
    """Put a bulky waste form ready to send (every step done, as the journey leaves it before
    Send) in `session`, saved; the draft's key, which the check page's Send posts."""
    draft = drafts.Draft(
        answers={answer.code: answer.value for answer in BULKY_ANSWERS},
        location={"line1": "1 High Street", "line2": "", "town": "Wyebridge", "postcode": LOCATION["postcode"]},
        details=dict(details),
    )
    drafts.draft_save(SimpleNamespace(session=session), "bulky-waste", draft)
    session.save()
    return draft.key
