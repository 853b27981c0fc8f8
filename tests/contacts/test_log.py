"""The adviser's log-a-contact screen (contacts:log) and its fragments: who may use them, each
outcome through the view, the no-JavaScript round trips (Find, Search, Show topic) keeping what
was typed, bad and hostile input, double submission, and the query counts."""

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Customer, EventKind
from contacts.forms import log_started_sign
from contacts.models import Contact, Outcome, ReceptionVisit
from standards.models import CaseType, Channel

LOG = reverse("contacts:log")
LOGGERS = ["adviser", "officer_a", "officer_b", "team_manager", "service_manager", "administrator"]


def _fields(**overrides) -> dict:
    """What the screen posts for an anonymous caller resolved at first point."""
    now = timezone.now()
    fields = {"key": str(uuid.uuid4()), "started": log_started_sign(now - dt.timedelta(minutes=3)),
              "start_time": f"{timezone.localtime(now - dt.timedelta(minutes=3)):%H:%M}", "end_time": "",
              "channel": Channel.PHONE, "customer": "anonymous", "summary": "Asked when the bins go out",
              "outcome": Outcome.RESOLVED, "action": "save"}  # fmt: skip
    fields.update(overrides)
    return {name: value for name, value in fields.items() if value is not None}


@pytest.fixture
def signed_in(client, world):
    def as_(user):
        client.force_login(user)
        return client

    return as_


@pytest.fixture
def adviser_client(signed_in, adviser):
    return signed_in(adviser)


def _errors(response) -> list[str]:
    html = response.content.decode()
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="#[^"]*">([^<]*)</a>', summary.group(1)) if summary else []


# --- Who may use it --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*LOGGERS, "councillor", "no_role"])
def test_only_those_who_log_contacts_get_the_screen_and_its_fragments(signed_in, world, role):
    client = signed_in(world.users[role])
    allowed = role in LOGGERS
    for url in (LOG, reverse("contacts:log-customers") + "?q=rita",
                reverse("contacts:log-directory") + "?q=bulky",
                reverse("contacts:log-topic", args=["bulky-waste"])):  # fmt: skip
        assert client.get(url).status_code == (200 if allowed else 403), url
    assert client.post(LOG, _fields()).status_code == (302 if allowed else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(LOG)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))


def test_the_confirmation_is_only_the_logging_advisers(signed_in, world):
    response = signed_in(world.adviser).post(LOG, _fields())
    pk = Contact.objects.get().pk
    assert response["Location"] == reverse("contacts:log-logged", args=[pk])
    assert signed_in(world.adviser).get(response["Location"]).status_code == 200
    assert signed_in(world.officer_a).get(response["Location"]).status_code == 404


# --- The screen --------------------------------------------------------------------------------------


def test_the_screen_opens_on_the_advisers_usual_channel(adviser_client, adviser):
    page = adviser_client.get(LOG).content.decode()
    assert 'value="phone" checked' in page  # no contact yet: phone
    adviser_client.post(LOG, _fields(channel=Channel.EMAIL))
    page = adviser_client.get(LOG).content.decode()
    assert 'value="email" checked' in page
    assert re.search(r"Started at \d\d:\d\d", page)


def test_finding_without_javascript_keeps_everything_typed(adviser_client, customer):
    response = adviser_client.post(LOG, _fields(action="find", q="Rita", summary="Half typed", outcome=None,
                                                dq="bulky", channel=Channel.LETTER))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and not _errors(response)
    assert "Rita Resident" in page and f'value="{customer.pk}"' in page
    assert 'value="Half typed"' in page and 'value="letter" checked' in page
    assert "Bulky waste collection" in page  # the directory search, kept too
    assert "1 customer found for \u2018Rita\u2019" in page


def test_choosing_a_customer_shows_their_open_cases_and_recent_contacts(adviser_client, case_make, customer):
    case = case_make()
    adviser_client.post(LOG, _fields(customer=str(customer.pk), summary="First call"))
    page = adviser_client.get(LOG + f"?customer={customer.pk}").content.decode()
    assert case.reference in page and "First call" in page
    fragment = adviser_client.get(reverse("contacts:log-customer", args=[customer.pk])).content.decode()
    assert case.reference in fragment and "First call" in fragment


def test_a_topic_shows_its_script_team_absences_online_form_and_promise(adviser_client, world, request_types):
    from directory.models import Absence
    from directory.services import entry_create

    now = timezone.now()
    away = {"officer": world.directory["olive"], "starts_at": now - dt.timedelta(hours=1),
            "ends_at": now + dt.timedelta(days=2), "reason": "leave"}  # fmt: skip
    entry_create(model=Absence, by=None, fields=away)
    page = adviser_client.get(reverse("contacts:log-topic", args=["bulky-waste"])).content.decode()
    assert "Book online; £35." in page and "Waste collections" in page
    # Who is away and what to tell callers, never why (an adviser is not the officer's manager).
    assert "Olive Shareable" in page and "Not available until" in page and "Reason:" not in page
    assert "/contact/bulky-waste/" in page and "They will hear back by" in page
    partner = adviser_client.get(reverse("contacts:log-topic", args=["potholes"])).content.decode()
    assert "Wyeshire County Council" in partner and "01632 960900" in partner
    assert adviser_client.get(reverse("contacts:log-topic", args=["no-such-topic"])).status_code == 404


def test_show_topic_without_javascript_defaults_signposting_to_its_partner(adviser_client, world):
    page = adviser_client.post(LOG, _fields(action="topic", topic="potholes", outcome=None)).content.decode()
    county = world.directory["county"]
    assert f'<option value="{county.pk}" selected>' in page
    assert "Report potholes to the County Council" in page


# --- Each outcome --------------------------------------------------------------------------------


def test_resolved_at_first_point_for_an_anonymous_caller(adviser_client, adviser, world):
    response = adviser_client.post(LOG, _fields(topic="bulky-waste"))
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert (contact.outcome, contact.adviser, contact.customer, contact.topic) == (
        Outcome.RESOLVED, adviser, None, world.directory["bulky"])  # fmt: skip
    assert contact.ended_at >= contact.started_at
    page = adviser_client.get(response["Location"]).content.decode()
    assert "Contact logged" in page and "Log another contact" in page and "autofocus" in page


def test_a_new_customer_is_created_once_on_a_double_submission(adviser_client):
    fields = _fields(customer="new", new_name="Nina  New", new_email="nina@example.org", new_phone="01632 960123",
                     new_postcode="wy1 1aa")  # fmt: skip
    first = adviser_client.post(LOG, fields)
    second = adviser_client.post(LOG, fields)
    assert first["Location"] == second["Location"]
    assert Contact.objects.count() == 1 and Customer.objects.filter(name="Nina New").count() == 1
    assert Customer.objects.get(name="Nina New").postcode == "WY1 1AA"


def test_signposted_records_the_partner(adviser_client, world):
    adviser_client.post(LOG, _fields(outcome=Outcome.SIGNPOSTED, partner=str(world.directory["county"].pk)))
    assert Contact.objects.get().partner == world.directory["county"]


def test_case_raised_reads_back_the_reference_on_its_own_page(adviser_client, world, rules, response_standards):
    response = adviser_client.post(LOG, _fields(outcome=Outcome.CASE_RAISED, topic="bulky-waste",
                                                case_type=CaseType.SERVICE_REQUEST, priority="normal",
                                                description="A sofa to collect"))  # fmt: skip
    contact = Contact.objects.select_related("case").get()
    assert contact.case.team == world.team_a and contact.case.description == "A sofa to collect"
    page = adviser_client.get(response["Location"]).content.decode()
    assert contact.case.reference in page and "app-reference" in page and "They will hear back by" in page
    # Refreshing the confirmation logs nothing twice.
    adviser_client.get(response["Location"])
    assert Contact.objects.count() == 1


def test_about_an_existing_case_while_chasing_is_avoidable_and_on_the_timeline(adviser_client, case_make):
    case = case_make()
    adviser_client.post(LOG, _fields(outcome=Outcome.EXISTING_CASE, reference=case.reference.lower(), chasing="on"))
    contact = Contact.objects.get()
    assert contact.case == case and contact.is_avoidable
    assert case.events.filter(kind=EventKind.CONTACTED).count() == 1


def test_passed_to_another_officer(adviser_client, world):
    adviser_client.post(LOG, _fields(outcome=Outcome.PASSED_ON, passed_to=str(world.directory["olive"].pk)))
    assert Contact.objects.get().passed_to == world.directory["olive"]


def test_a_reception_visitor_opens_as_face_to_face_and_is_linked(adviser_client, adviser):
    now = timezone.now()
    visit = ReceptionVisit.objects.create(name="Vera Visitor", reason="Council tax bill", checked_in_by=adviser,
                                          arrived_at=now - dt.timedelta(minutes=5))  # fmt: skip
    # Called to a desk (a queryset update stands for the reception service here).
    ReceptionVisit.objects.filter(pk=visit.pk).update(called_at=now, called_by=adviser, wait_seconds=300)
    page = adviser_client.get(LOG + f"?visit={visit.pk}").content.decode()
    assert 'value="face_to_face" checked' in page and 'value="Council tax bill"' in page
    assert 'value="Vera Visitor"' in page and 'value="new" checked' in page
    fields = _fields(visit=str(visit.pk), channel=Channel.FACE_TO_FACE, customer="new", new_name="Vera Visitor")
    first = adviser_client.post(LOG, fields)
    again = adviser_client.post(LOG, fields)
    visit.refresh_from_db()
    assert first["Location"] == again["Location"] and visit.contact == Contact.objects.get()
    # Back to the visitor's screen: the contact logged, not a second one.
    assert adviser_client.get(LOG + f"?visit={visit.pk}")["Location"] == first["Location"]


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"outcome": None}, "Select what happened: the outcome of the contact"),
        ({"outcome": "recorded"}, "Select what happened: the outcome of the contact"),
        ({"outcome": Outcome.SIGNPOSTED}, "Select the partner the customer was sent to"),
        ({"outcome": Outcome.SIGNPOSTED, "partner": "999999"}, "Select the partner they were sent to from the list"),
        ({"outcome": Outcome.PASSED_ON, "passed_to": "x"}, "Select the officer the customer was passed to"),
        ({"outcome": Outcome.EXISTING_CASE}, "Enter the case reference"),
        ({"outcome": Outcome.EXISTING_CASE, "reference": "ZZZZ-ZZZZ"}, "No case found with that reference"),
        ({"outcome": Outcome.CASE_RAISED}, "Select the type of case"),
        ({"summary": ""}, "Enter a summary of the contact"),
        ({"summary": "x" * 201}, "Summary must be 200 characters or fewer"),
        ({"summary": "a\x00b"}, "Summary must not contain control characters"),
        ({"channel": "web"}, "Select how the customer contacted us"),
        ({"customer": "12abc"}, "Select a customer from the list, Anonymous caller or New customer"),
        ({"customer": "999999"}, "Select a customer from the list, Anonymous caller or New customer"),
        ({"customer": "new"}, "Enter the customer\u2019s full name"),
        ({"customer": "new", "new_name": "N", "new_phone": "12"}, "Enter a phone number, like"),
        ({"topic": "<script>"}, "Select a topic from the directory"),
        ({"topic": "no-such-topic"}, "Select a topic from the directory"),
        ({"start_time": "25:99"}, "Enter the time it started as a time, like 14:30 or 2:30pm"),
        ({"end_time": "nonsense"}, "Enter the time it ended as a time, like 14:30 or 2:30pm"),
        ({"end_time": "14:30\x00"}, "The time it ended must not contain control characters"),
        ({"customer": "new", "new_name": "\x00"}, "Full name must not contain control characters"),
        ({"key": "\x00", "started": "\x00", "visit": "\x00", "summary": ""}, "Enter a summary of the contact"),
    ],
)
def test_bad_input_gives_a_govuk_message_and_keeps_what_was_typed(adviser_client, overrides, message):
    response = adviser_client.post(LOG, _fields(summary="Kept summary", **overrides) if "summary" not in overrides
                                   else _fields(**overrides))  # fmt: skip
    assert response.status_code == 200
    assert any(error.startswith(message[:20]) for error in _errors(response)), _errors(response)
    assert not Contact.objects.exists()
    if "summary" not in overrides:
        assert 'value="Kept summary"' in response.content.decode()


def test_an_end_before_the_start_is_an_error_on_the_end(adviser_client):
    now = timezone.localtime()
    start = now - dt.timedelta(minutes=30)
    end = start - dt.timedelta(minutes=20)
    response = adviser_client.post(
        LOG, _fields(start_time=f"{start:%H:%M}", end_time=f"{end:%H:%M}", started=log_started_sign(start))
    )
    if start.date() != (start - dt.timedelta(minutes=20)).date():
        pytest.skip("around midnight the earlier time is read as the next day")
    assert _errors(response) == ["The end of the contact must be after its start"]
    assert 'id="end_time-error"' in response.content.decode()


def test_a_case_outside_the_officers_scope_reads_as_not_found(signed_in, world, case_make):
    case = case_make()  # team A's
    response = signed_in(world.officer_b).post(LOG, _fields(outcome=Outcome.EXISTING_CASE, reference=case.reference))
    assert _errors(response) == ["No case found with that reference"]


def test_a_start_older_than_12_hours_or_a_forged_start_is_not_believed(adviser_client):
    old = timezone.now() - dt.timedelta(hours=13)
    response = adviser_client.post(LOG, _fields(started=log_started_sign(old), start_time=""))
    assert response.status_code == 302  # the screen is taken to have opened now
    assert timezone.now() - Contact.objects.get().started_at < dt.timedelta(minutes=1)
    response = adviser_client.post(LOG, _fields(started="1:forged", start_time="", key="not-a-uuid"))
    assert response.status_code == 302 and Contact.objects.count() == 2


@pytest.mark.parametrize("query", ["x" * 10_000, "!!!%%%***", "\x00\x00", "' OR 1=1 --", "😀" * 500])
def test_find_and_search_queries_never_fail(adviser_client, query):
    for url in (reverse("contacts:log-customers"), reverse("contacts:log-directory")):
        assert adviser_client.get(url, {"q": query, "customer": query, "topic": query}).status_code == 200
    response = adviser_client.post(LOG, _fields(action="find", q=query, dq=query))
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999999", "1\x00"])
def test_bad_ids_in_the_address_are_not_found(adviser_client, value):
    assert adviser_client.get(LOG, {"customer": value}).status_code == 404
    assert adviser_client.get(LOG, {"visit": value}).status_code == 404


def test_another_kind_of_action_only_shows_the_screen(adviser_client):
    assert adviser_client.post(LOG, _fields(action="delete-everything")).status_code == 200
    assert not Contact.objects.exists()


# --- Queries ----------------------------------------------------------------------------------------


def test_query_counts(adviser_client, adviser, customer, django_assert_num_queries):
    adviser_client.get(LOG)  # warm the permission and calendar caches of this process
    # Session, user, the adviser's usual channel, partners, officers; the navigation's permission
    # check (user and group permissions).
    with django_assert_num_queries(7):
        adviser_client.get(LOG)
    # Session, user, permissions (user's and groups'), the one find query.
    with django_assert_num_queries(5):
        adviser_client.get(reverse("contacts:log-customers"), {"q": "rita"})
    # Resolved at first point, anonymous, with a topic: session, user, permissions (2), the
    # topic, the earlier contact with this key (none), savepoint, insert, release.
    with django_assert_num_queries(9):
        adviser_client.post(LOG, _fields(topic="bulky-waste"))
    # A known customer with an email address (so a survey invitation goes out): session, user,
    # permissions (2), the customer, the earlier contact (none), savepoint, insert, the customer's
    # recent invitations, the invitation, the email in the outbox, release. The savepoints are the
    # test's transaction: a real request runs the same ten statements in BEGIN ... COMMIT.
    with django_assert_num_queries(12):
        adviser_client.post(LOG, _fields(customer=str(customer.pk)))
