"""Fixtures for the contacts tests: the world's online forms, made through contacts.services as a
manager would, and what sending one takes. The cases fixtures (routing rules, standards) are
reused from tests/cases."""

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cases import services as case_services
from cases.models import CustomerType
from contacts import drafts, services
from contacts.models import Datatype, Outcome, RequestType
from contacts.services import Answer
from standards.models import CaseType, Channel
from tests.cases.conftest import case_make, customer, response_standards, rules  # noqa: F401 - the cases fixtures, reused


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


# --- Contacts logged by advisers: the staff list and a contact's page ------------------------------


@pytest.fixture
def log_contact(world, rules):  # noqa: F811
    """log_contact(by, **fields) logs a contact through contacts.services.contact_log, and returns
    it: by default a phone call about bulky waste resolved at first point, from an anonymous
    caller. `customer`, `case`, `chasing`, `new_case` and `visit` go to contact_log as they are."""

    def log(by, *, customer=None, case=None, chasing=False, new_case=None, visit=None, **fields):  # noqa: F811
        values = {"channel": Channel.PHONE, "topic": world.directory["bulky"], "outcome": Outcome.RESOLVED,
                  "summary": "Asked when bulky waste is collected", **fields}  # fmt: skip
        logged = services.contact_log(by=by, key=uuid.uuid4(), fields=values, customer=customer, case=case,
                                      chasing=chasing, new_case=new_case, visit=visit)  # fmt: skip
        return logged.contact

    return log


@pytest.fixture
def send_comment_b(world):
    """send_comment_b() sends a comment form on area B's homelessness topic (a web contact with no
    adviser, about a topic of area B)."""
    comment_b = services.request_type_create(by=None, fields={
        "name": "Comment on housing", "slug": "housing-comment", "group": RequestType.Group.FEEDBACK,
        "topic": world.directory["homeless"], "case_type": CaseType.COMMENT, "is_published": True,
    })  # fmt: skip
    services.question_create(request_type=comment_b, by=None, fields={
        "code": "comment", "datatype": Datatype.TEXT, "required": True, "description": "What is your comment?",
    })  # fmt: skip

    def send():
        answers = [Answer(code="comment", question="What is your comment?", value="Thanks", text="Thanks")]
        sent = services.web_request_send(key=uuid.uuid4(), request_type=comment_b, answers=answers,
                                         details=RESIDENT, location=None)  # fmt: skip
        return sent.contact

    return send


# --- What is surveyed: a case resolved, a contact logged, through the services --------------------


@pytest.fixture
def customer_make(world):
    def make(name="Rita Resident", email="rita@example.org", customer_type=CustomerType.INDIVIDUAL):
        return case_services.customer_create(
            by=world.adviser,
            fields={"name": name, "email": email, "postcode": "WY1 4AB", "customer_type": customer_type},
        )

    return make


@pytest.fixture
def case_resolved(world, rules, customer):  # noqa: F811
    """case_resolved(**fields): a bulky waste request raised, started and resolved by team A."""

    def make(**fields):
        values = {"case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "customer": customer,
                  "topic": world.directory["bulky"], "summary": "Collect a sofa",
                  "description": "An old sofa by the blue front door."}  # fmt: skip
        case = case_services.case_create(by=world.adviser, fields={**values, **fields})
        case = case_services.case_status_set(case=case, by=world.officer_a, action="start", reason="On it")
        return case_services.case_resolve(case=case, by=world.officer_a, resolution="Collected")

    return make


@pytest.fixture
def contact_logged(world, customer):  # noqa: F811
    """contact_logged(outcome=resolved, customer=the customer, **fields): a call the adviser logged."""

    def make(outcome=Outcome.RESOLVED, customer=customer, **fields):
        values = {"channel": Channel.PHONE, "started_at": timezone.now() - timedelta(minutes=3),
                  "summary": "Asked about bin day", "outcome": outcome, **fields}  # fmt: skip
        return services.contact_log(by=world.adviser, key=uuid.uuid4(), fields=values, customer=customer).contact

    return make
