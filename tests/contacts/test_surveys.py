"""Satisfaction surveys: who is invited (a resolved case, a contact resolved at first point with an
email address known; once, and not again within the quiet period), the signed single-use link
from the email, one answer per invitation however it is sent, expired and forged links, bad
input, and survey_results' numbers worked out by hand."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import CustomerType
from cases.tracking import tracking_token_make
from contacts import selectors, services
from contacts.models import Outcome, SurveyAnswer, SurveyInvitation
from contacts.surveys import SALT, survey_token_make
from core.models import OutboundEmail
from standards.models import Channel

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/survey/[^/\s]+/)")
ANSWER = {"satisfaction": "4", "resolved": "yes", "comment": "  Quick and kind.  "}


def _emails():
    return OutboundEmail.objects.filter(purpose=selectors.SURVEY)


def _expire() -> None:
    # Time passing: sent 29 days ago, its link's 28 days are up.
    now = timezone.now()
    SurveyInvitation.objects.update(sent_at=now - timedelta(days=29), expires_at=now - timedelta(days=1))


def _link(email: OutboundEmail) -> str:
    found = LINK.search(email.body_text)
    assert found is not None, email.body_text
    return found[1]


# --- Who is invited --------------------------------------------------------------------------------


def test_a_resolved_case_invites_its_customer_by_email(world, case_resolved, customer):
    case = case_resolved()
    invitation = SurveyInvitation.objects.get()
    assert (invitation.case, invitation.contact, invitation.customer) == (case, None, customer)
    # What it was about is copied, for the response rate of any slice.
    assert (invitation.channel, invitation.service_area, invitation.customer_type) == (
        Channel.EMAIL, world.area_a, CustomerType.INDIVIDUAL,
    )  # fmt: skip
    assert invitation.email == "rita@example.org"
    assert invitation.expires_at - invitation.sent_at == timedelta(days=28)
    email = _emails().get()
    assert email.to == "rita@example.org"
    assert case.reference in email.body_text and "Collect a sofa" in email.body_text
    assert _link(email) in email.body_html


def test_a_contact_resolved_at_first_point_invites_a_customer_with_an_email(world, contact_logged, customer):
    contact = contact_logged(topic=world.directory["homeless"])
    invitation = SurveyInvitation.objects.get()
    assert (invitation.contact, invitation.case, invitation.customer) == (contact, None, customer)
    assert (invitation.channel, invitation.service_area) == (Channel.PHONE, world.area_b)
    assert _emails().get().to == "rita@example.org"


def test_no_invitation_without_an_email_address_or_a_customer(contact_logged, customer_make):
    contact_logged(customer=customer_make(name="Paul Phone", email=""))
    contact_logged(customer=None)
    assert not SurveyInvitation.objects.exists() and not _emails().exists()


def test_no_invitation_for_the_other_outcomes(world, contact_logged):
    contact_logged(outcome=Outcome.SIGNPOSTED, partner=world.directory["county"])
    contact_logged(outcome=Outcome.PASSED_ON, passed_to=world.directory["olive"])
    assert not SurveyInvitation.objects.exists() and not _emails().exists()


def test_no_second_invitation_within_the_quiet_period(case_resolved, contact_logged, settings):
    settings.SURVEY_QUIET_DAYS = 30
    contact_logged()
    contact_logged()
    case_resolved()
    assert SurveyInvitation.objects.count() == 1 and _emails().count() == 1
    # Once the quiet period is over, they are asked again.
    SurveyInvitation.objects.update(sent_at=timezone.now() - timedelta(days=31), expires_at=timezone.now())
    contact_logged()
    assert SurveyInvitation.objects.count() == 2 and _emails().count() == 2


def test_a_case_reopened_and_resolved_again_is_not_surveyed_twice(world, case_resolved, settings):
    settings.SURVEY_QUIET_DAYS = 0
    case = case_resolved()
    case = case_services.case_reopen(case=case, by=world.officer_a, reason="Sofa still there")
    case_services.case_resolve(case=case, by=world.officer_a, resolution="Collected, really")
    assert SurveyInvitation.objects.filter(case=case).count() == 1 and _emails().count() == 1


# --- The link from the email -----------------------------------------------------------------------


def test_the_emails_link_opens_the_survey_about_the_case_without_personal_details(client, case_resolved):
    case = case_resolved()
    response = client.get(_link(_emails().get()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "How satisfied are you with how we dealt with your request?" in html
    assert "Was your query resolved?" in html and "Very dissatisfied" in html and "Very satisfied" in html
    assert "You can enter up to 2,000 characters" in html or "You can enter up to 2000 characters" in html
    assert case.reference in html and "Collect a sofa" in html
    # A forwarded email shows nobody who the customer is, or what else the case says.
    for private in ("Rita", "rita@example.org", "WY1 4AB", "blue front door", "Collected"):
        assert private not in html
    assert "no-store" in response["Cache-Control"]


def test_the_survey_about_a_contact_names_its_channel_and_day(client, contact_logged):
    contact_logged(channel=Channel.FACE_TO_FACE, summary="Asked about council tax")
    html = client.get(_link(_emails().get())).content.decode()
    assert "how we dealt with your visit to our offices on " in html
    assert "council tax" not in html and "Rita" not in html


def test_an_answer_is_saved_once_and_the_thanks_has_its_own_address(client, case_resolved):
    case_resolved()
    link = _link(_emails().get())
    response = client.post(link, ANSWER)
    assert response.status_code == 302 and response["Location"] == f"{link}done/"
    answer = SurveyAnswer.objects.get()
    assert (answer.satisfaction, answer.resolved, answer.comment) == (4, True, "Quick and kind.")
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Thank you for your feedback" in thanks.content.decode()
    # The link works once: read again or sent again, it says so and keeps the first answer.
    for again in (client.get(link), client.post(link, {**ANSWER, "satisfaction": "1"})):
        assert again.status_code == 200
        assert "You have already answered this survey" in again.content.decode()
    assert SurveyAnswer.objects.get().satisfaction == 4


def test_the_thanks_page_before_an_answer_goes_back_to_the_survey(client, case_resolved):
    case_resolved()
    link = _link(_emails().get())
    response = client.get(f"{link}done/")
    assert response.status_code == 302 and response["Location"] == link


def test_resolved_no_and_no_comment_are_answers_too(client, case_resolved):
    case_resolved()
    response = client.post(_link(_emails().get()), {"satisfaction": "1", "resolved": "no"})
    assert response.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.satisfaction, answer.resolved, answer.comment) == (1, False, "")


def test_missing_answers_are_listed_in_the_error_summary(client, case_resolved):
    case_resolved()
    response = client.post(_link(_emails().get()), {})
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Select how satisfied you are" in html and "Select yes if your query was resolved" in html
    assert "<title>Error: " in html
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**ANSWER, "satisfaction": "0"}, "Select how satisfied you are"),
        ({**ANSWER, "satisfaction": "6"}, "Select how satisfied you are"),
        ({**ANSWER, "satisfaction": "abc"}, "Select how satisfied you are"),
        ({**ANSWER, "satisfaction": "4" * 10_000}, "Select how satisfied you are"),
        ({**ANSWER, "satisfaction": "4\x00"}, "Select how satisfied you are"),
        ({**ANSWER, "resolved": "maybe"}, "Select yes if your query was resolved"),
        ({**ANSWER, "comment": "x" * 10_000}, "Your comment must be 2,000 characters or fewer"),
        ({**ANSWER, "comment": "x" * 2001}, "Your comment must be 2,000 characters or fewer"),
        ({**ANSWER, "comment": "Good\x00 service"}, "Your comment must not contain control characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_never_a_500(client, case_resolved, data, message):
    case_resolved()
    response = client.post(_link(_emails().get()), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_a_comment_of_2000_characters_is_kept(client, case_resolved):
    case_resolved()
    assert client.post(_link(_emails().get()), {**ANSWER, "comment": "é" * 2000}).status_code == 302
    assert SurveyAnswer.objects.get().comment == "é" * 2000


# --- Expired, reused and forged links -------------------------------------------------------------


def test_an_expired_link_says_so_and_takes_no_answer(client, case_resolved):
    case_resolved()
    link = _link(_emails().get())
    _expire()
    for response in (client.get(link), client.post(link, ANSWER)):
        assert response.status_code == 410
        assert "This survey has closed" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "MQ:1aBcDe:forgedforgedforgedforgedforgedforged",
        "x" * 10_000,
        "%00%00",
        "a%00b",
        "'\";--",
        "%E2%80%AE%F0%9F%98%80",
    ],
)
def test_a_forged_or_damaged_link_is_a_404_with_plain_words(client, case_resolved, token):
    case_resolved()
    for url in (f"/survey/{token}/", f"/survey/{token}/done/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "This link does not work" in response.content.decode()
    assert client.post(f"/survey/{token}/", ANSWER).status_code == 404
    assert not SurveyAnswer.objects.exists()


def test_a_link_cut_or_padded_with_slashes_is_not_found(client, case_resolved):
    case_resolved()
    link = _link(_emails().get())
    for url in (link[:-6] + "/", link.replace("/survey/", "/survey/../"), f"{link}..%2F..%2Fetc/", f"{link}x/"):
        assert client.get(url).status_code == 404, url


def test_a_signed_token_of_another_kind_or_for_no_invitation_is_a_404(client, case_resolved):
    case = case_resolved()
    invitation = SurveyInvitation.objects.get()
    # The tracking link's token, signed with the same secret under another salt.
    assert client.get(f"/survey/{tracking_token_make(case.reference)}/").status_code == 404
    # Well signed, but for an invitation that does not exist, or not an id at all.
    for value in (invitation.pk + 1000, str(invitation.pk), True, [invitation.pk]):
        token = signing.dumps(value, salt=SALT, compress=False)
        assert client.get(reverse("contacts:survey", args=[token])).status_code == 404, value
    assert client.get(reverse("contacts:survey", args=[survey_token_make(invitation)])).status_code == 200


def test_only_post_and_get(client, case_resolved):
    case_resolved()
    link = _link(_emails().get())
    assert client.put(link).status_code == 405
    assert client.post(f"{link}done/").status_code == 405


def test_the_survey_answers_are_rate_limited_per_address(case_resolved, settings):
    settings.SURVEY_RATE = "2/m"
    case_resolved()
    link = _link(_emails().get())
    visitor = Client(REMOTE_ADDR="192.0.2.40")
    assert visitor.post(link, {}).status_code == 200
    assert visitor.post(link, {}).status_code == 200
    limited = visitor.post(link, ANSWER)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert "You have sent a lot of survey answers in a short time" in limited.content.decode()
    assert not SurveyAnswer.objects.exists()
    # Another address is counted apart; reading the page is not counted.
    assert visitor.get(link).status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.41").post(link, ANSWER).status_code == 302


def test_the_rate_limit_holds_with_redis_unreachable(case_resolved, settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": {**settings.CACHES["ratelimit"],
                                                        "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    settings.SURVEY_RATE = "1/m"
    case_resolved()
    link = _link(_emails().get())
    visitor = Client(REMOTE_ADDR="192.0.2.42")
    assert visitor.post(link, {}).status_code == 200
    assert visitor.post(link, ANSWER).status_code == 429


# --- The service -----------------------------------------------------------------------------------


def _answer(invitation, **fields):
    return services.survey_answer(
        invitation=invitation, **{"satisfaction": 5, "resolved": True, "comment": "", **fields}
    )


def test_a_second_answer_is_refused_with_a_clear_error(case_resolved):
    case_resolved()
    invitation = SurveyInvitation.objects.get()
    _answer(invitation, comment="  Thanks  ")
    assert SurveyAnswer.objects.get().comment == "Thanks"
    with pytest.raises(ValidationError) as refused:
        _answer(invitation, satisfaction=1)
    assert refused.value.code == "answered"
    assert refused.value.messages == ["You have already answered this survey"]
    assert SurveyAnswer.objects.get().satisfaction == 5


def test_an_expired_invitation_takes_no_answer(case_resolved):
    case_resolved()
    _expire()
    with pytest.raises(ValidationError) as refused:
        _answer(SurveyInvitation.objects.get())
    assert refused.value.code == "expired"
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"satisfaction": 0}, "satisfaction"),
        ({"satisfaction": 6}, "satisfaction"),
        ({"comment": "x" * 2001}, "comment"),
        ({"comment": "a\x00b"}, "comment"),
    ],
)
def test_the_service_refuses_bad_answers_by_field(case_resolved, fields, field):
    case_resolved()
    with pytest.raises(ValidationError) as refused:
        _answer(SurveyInvitation.objects.get(), **fields)
    assert field in refused.value.message_dict
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_answers_sent_at_once_keep_one(case_resolved):
    case_resolved()
    invitation = SurveyInvitation.objects.get()
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = _answer(SurveyInvitation.objects.get(pk=invitation.pk), satisfaction=index + 1)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    saved = [result for result in results if isinstance(result, SurveyAnswer)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert refused[0].code == "answered"
    assert SurveyAnswer.objects.get().pk == saved[0].pk


# --- survey_results --------------------------------------------------------------------------------


@pytest.fixture
def surveyed(world, contact_logged, customer_make, settings):
    """Six customers invited after a call each, four of whom answered (score, resolved):

    | who | channel | service area | customer type | answer  |
    | a   | phone   | waste        | individual    | 5, yes  |
    | b   | phone   | housing      | business      | 4, no   |
    | c   | phone   | none         | individual    | 1, no   |
    | d   | email   | waste        | individual    | -       |
    | e   | email   | waste        | voluntary     | 3, yes  |
    | f   | letter  | housing      | individual    | -       |
    """
    bulky, homeless = world.directory["bulky"], world.directory["homeless"]
    people = {
        "a": (Channel.PHONE, bulky, CustomerType.INDIVIDUAL, (5, True)),
        "b": (Channel.PHONE, homeless, CustomerType.BUSINESS, (4, False)),
        "c": (Channel.PHONE, None, CustomerType.INDIVIDUAL, (1, False)),
        "d": (Channel.EMAIL, bulky, CustomerType.INDIVIDUAL, None),
        "e": (Channel.EMAIL, bulky, CustomerType.VOLUNTARY, (3, True)),
        "f": (Channel.LETTER, homeless, CustomerType.INDIVIDUAL, None),
    }
    invitations = {}
    for who, (channel, topic, customer_type, answer) in people.items():
        customer = customer_make(name=f"Person {who}", email=f"{who}@example.org", customer_type=customer_type)
        contact = contact_logged(customer=customer, channel=channel, topic=topic)
        invitations[who] = invitation = SurveyInvitation.objects.get(contact=contact)
        if answer is not None:
            _answer(invitation, satisfaction=answer[0], resolved=answer[1])
    return invitations


def _numbers(result) -> tuple:
    return (result.label, result.invitations, result.answers, result.response_rate, result.average,
            result.satisfied_share, result.resolved_share)  # fmt: skip


def test_results_by_channel(surveyed, django_assert_num_queries):
    with django_assert_num_queries(1):  # the invitations grouped, with their answers joined
        results = selectors.survey_results(by="channel")
    assert [_numbers(row) for row in results.rows] == [
        ("Email", 2, 1, 0.5, 3.0, 0.0, 1.0),
        ("Letter", 1, 0, 0.0, None, None, None),
        ("Phone call", 3, 3, 1.0, pytest.approx(10 / 3), pytest.approx(2 / 3), pytest.approx(1 / 3)),
    ]
    assert [row.key for row in results.rows] == [Channel.EMAIL, Channel.LETTER, Channel.PHONE]
    assert _numbers(results.total) == ("All", 6, 4, pytest.approx(4 / 6), 3.25, 0.5, 0.5)


def test_results_by_service_area(world, surveyed, django_assert_num_queries):
    with django_assert_num_queries(1):  # the invitations grouped, with the areas' names and answers joined
        results = selectors.survey_results(by="service_area")
    assert [_numbers(row) for row in results.rows] == [
        ("Housing", 2, 1, 0.5, 4.0, 1.0, 0.0),
        ("No service area", 1, 1, 1.0, 1.0, 0.0, 0.0),
        ("Waste and recycling", 3, 2, pytest.approx(2 / 3), 4.0, 0.5, 1.0),
    ]
    assert [row.key for row in results.rows] == [world.area_b.pk, None, world.area_a.pk]


def test_results_by_customer_type(surveyed):
    results = selectors.survey_results(by="customer_type")
    assert [_numbers(row) for row in results.rows] == [
        ("Business", 1, 1, 1.0, 4.0, 1.0, 0.0),
        ("Individual", 4, 2, 0.5, 3.0, 0.5, 0.5),
        ("Voluntary organisation", 1, 1, 1.0, 3.0, 0.0, 1.0),
    ]


def test_results_count_the_invitations_sent_in_the_period_with_their_answers(surveyed):
    now = timezone.now()
    # a was invited 40 days ago, and answered since.
    SurveyInvitation.objects.filter(pk=surveyed["a"].pk).update(sent_at=now - timedelta(days=40))
    recent = selectors.survey_results(since=now - timedelta(days=30), by="channel")
    assert _numbers(recent.rows[-1]) == ("Phone call", 2, 2, 1.0, 2.5, 0.5, 0.0)
    assert (recent.total.invitations, recent.total.answers) == (5, 3)
    earlier = selectors.survey_results(until=now - timedelta(days=30), by="channel")
    assert [_numbers(row) for row in earlier.rows] == [("Phone call", 1, 1, 1.0, 5.0, 1.0, 1.0)]
    both = selectors.survey_results(since=now - timedelta(days=41), until=now - timedelta(days=39), by="channel")
    assert both.total.invitations == 1


def test_results_with_no_answers_give_a_zero_rate_and_no_score(contact_logged):
    contact_logged()
    results = selectors.survey_results(by="customer_type")
    assert [_numbers(row) for row in results.rows] == [("Individual", 1, 0, 0.0, None, None, None)]
    assert _numbers(results.total) == ("All", 1, 0, 0.0, None, None, None)


def test_results_with_no_invitations_have_nothing_to_divide(db):
    results = selectors.survey_results(by="service_area")
    assert results.rows == []
    assert _numbers(results.total) == ("All", 0, 0, None, None, None, None)


def test_results_by_anything_else_is_a_programming_error(db):
    with pytest.raises(ValueError, match="Group survey results by one of"):
        selectors.survey_results(by="adviser")


def test_the_survey_page_reads_one_row(client, case_resolved, django_assert_num_queries):
    case_resolved()
    link = _link(_emails().get())
    with django_assert_num_queries(1):  # the invitation, with its case, contact and answer joined
        assert client.get(link).status_code == 200
