"""contacts.services.web_request_send: one transaction, one case, one email, once."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, CaseEvent, Customer, Status
from contacts.models import Contact, Outcome
from contacts.services import Answer, web_request_send
from core.models import OutboundEmail
from standards.models import Channel

from .conftest import BULKY_ANSWERS, LOCATION, RESIDENT

pytestmark = pytest.mark.django_db


def test_a_bulky_waste_request_is_a_web_contact_and_a_routed_case(
    world, send_bulky, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_bulky()
    contact, case = sent.contact, sent.case
    assert not sent.repeated and sent.emailed
    assert contact.channel == Channel.WEB and contact.outcome == Outcome.CASE_RAISED and contact.case == case
    assert contact.adviser is None and contact.customer.email == "ann@example.org"
    assert contact.answers[0] == {"code": "items", "question": "What do you need us to collect?",
                                  "value": ["sofa"], "text": "Sofa"}  # fmt: skip
    assert case.channel == Channel.WEB and case.team == world.team_a and case.status == Status.ROUTED
    assert case.respond_by is not None and case.location_postcode == "WY3 4AB"
    assert "What do you need us to collect?\nSofa" in case.description
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["created", "routed"]
    email = OutboundEmail.objects.get()
    assert email.to == "ann@example.org" and case.reference in email.subject and case.reference in email.body_text
    assert "/track/" in email.body_text


def test_sending_the_same_form_again_returns_the_first_submission(send_bulky, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_bulky(key=key)
        again = send_bulky(key=key)
    assert again.repeated and not again.emailed and again.case == first.case
    assert Case.objects.count() == 1 and Contact.objects.count() == 1 and OutboundEmail.objects.count() == 1


def test_a_comment_is_recorded_without_a_case(request_types):
    sent = web_request_send(
        key=uuid.uuid4(),
        request_type=request_types["comment"],
        answers=[Answer(code="comment", question="What is your comment?", value="Lovely park", text="Lovely park")],
        details=RESIDENT,
    )
    assert sent.case is None and sent.contact.outcome == Outcome.RECORDED
    assert not Case.objects.exists()


def test_an_answer_that_stops_the_form_cannot_be_sent(send_bulky):
    answers = [
        Answer(code="items", question="?", value=["sofa", "asbestos"], text="Sofa, asbestos"),
        *BULKY_ANSWERS[1:],
    ]
    with pytest.raises(ValidationError) as error:
        send_bulky(answers=answers)
    assert error.value.message_dict == {"items": ["Asbestos is dangerous: phone us now"]}
    assert not Contact.objects.exists() and not Case.objects.exists()


def test_a_required_question_unanswered_or_an_unknown_one_is_refused(send_bulky):
    with pytest.raises(ValidationError, match="How many items"):
        send_bulky(answers=BULKY_ANSWERS[:1])
    with pytest.raises(ValidationError, match="not questions of this form"):
        send_bulky(answers=[*BULKY_ANSWERS, Answer(code="secret", question="?", value="x", text="x")])


def test_a_resident_needs_a_name_and_a_way_to_reply(send_bulky):
    with pytest.raises(ValidationError) as error:
        send_bulky(details={"name": " ", "email": "a@example.org"})
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send_bulky(details={"name": "Ann", "email": "", "phone": ""})
    assert "email" in error.value.message_dict
    assert not Customer.objects.exists()


def test_a_bad_postcode_rolls_everything_back(send_bulky):
    with pytest.raises(ValidationError):
        send_bulky(location={**LOCATION, "postcode": "NOT A POSTCODE"})
    assert not Customer.objects.exists() and not Case.objects.exists() and not Contact.objects.exists()


def test_the_same_resident_again_is_the_same_customer_but_a_stranger_is_not(
    send_bulky, django_capture_on_commit_callbacks
):
    first = send_bulky()
    second = send_bulky()
    other = send_bulky(details={**RESIDENT, "name": "Someone Else"})
    assert first.contact.customer == second.contact.customer != other.contact.customer


def test_acknowledgements_are_capped_per_address_per_day(settings, send_bulky, django_capture_on_commit_callbacks):
    settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY = 2
    results = [send_bulky(details={**RESIDENT, "email": "Ann@Example.org" if i % 2 else "ann@example.org"})
               for i in range(3)]  # fmt: skip
    assert [r.emailed for r in results] == [True, True, False]
    assert Case.objects.count() == 3 and OutboundEmail.objects.count() == 2
