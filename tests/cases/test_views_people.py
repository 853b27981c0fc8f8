"""Customer pages and councillors' ward enquiries: who may open them, what they show, GOV.UK errors
for bad input (never a 500), escaped output, merging, and pinned query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, CasesChange, Customer, CustomerType, EventKind, Status
from portal import roles
from standards.models import CaseType, Channel
from tests.factories import user_make

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4
HOSTILE = '<script>alert("x")</script>'
ROLES = ["adviser", "officer_a", "officer_b", "team_manager", "service_manager", "councillor", "administrator",
         "no_role"]  # fmt: skip


def _text(response) -> str:
    return response.content.decode()


def _date(prefix: str, day: dt.date) -> dict:
    """The three boxes of a GOV.UK date input."""
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _summary_links_land(text: str) -> None:
    """Every link of the error summary goes to an element of the page."""
    start = text.index("govuk-error-summary")
    targets = re.findall(r'href="#([^"]+)"', text[start : text.index("</ul>", start)])
    assert targets and all(f'id="{target}"' in text for target in targets), targets


def _customer_post(**overrides) -> dict:
    data = {"is_organisation": "person", "customer_type": CustomerType.INDIVIDUAL, "name": "Dev Patel",
            "email": "dev@example.org", "phone": "01632 960777", "address": "2 Low Road", "postcode": "wy2 5ab",
            "preferred_contact": "email"}  # fmt: skip
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def _enquiry_post(**overrides) -> dict:
    data = {"ward": "Riverside", "name": "Nina Neighbour", "email": "nina@example.org", "phone": "",
            "address": "", "postcode": "WY3 1AA", "topic": "", "summary": "Fly-tipping behind the shops",
            "asked": "Bags of rubbish have been left behind the shops on Mill Lane for a week."}  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def needy(world):
    """A vulnerable customer whose needs review was due yesterday, and a duplicate of her (same
    email) with a case of its own."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return services.customer_create(by=world.adviser, fields={
        "name": "Vera Vulnerable", "email": "vera@example.org", "postcode": "WY1 4AB", "needs_consent": True,
        "vulnerability": "Lives alone; hard of hearing", "interpreter_language": "Polish",
        "needs_review_on": yesterday,
    })  # fmt: skip


@pytest.fixture
def duplicate(world, needy):
    return services.customer_create(by=world.adviser, fields={"name": "V. Vulnerable", "email": "VERA@example.org",
                                                               "phone": "07700 900123"})  # fmt: skip


# --- Who may open what ---------------------------------------------------------------------------


def _urls(customer, enquiry) -> dict[str, str]:
    return {
        "customer-list": reverse("cases:customer-list"),
        "customer-create": reverse("cases:customer-create"),
        "customer-detail": reverse("cases:customer-detail", args=[customer.pk]),
        "customer-update": reverse("cases:customer-update", args=[customer.pk]),
        "customer-merge": reverse("cases:customer-merge", args=[customer.pk]),
        "customer-history": reverse("cases:customer-history", args=[customer.pk]),
        "enquiry-list": reverse("cases:enquiry-list"),
        "enquiry-create": reverse("cases:enquiry-create"),
        "enquiry-detail": reverse("cases:enquiry-detail", args=[enquiry.reference]),
    }


_CUSTOMER_VIEWERS = {"adviser", "officer_a", "officer_b", "team_manager", "service_manager", "administrator"}
_MERGERS = {"team_manager", "service_manager", "administrator"}
# The GET status of each page per role (every signed-out visitor is sent to sign in).
EXPECTED_GET = {
    "customer-list": _CUSTOMER_VIEWERS,
    "customer-create": _CUSTOMER_VIEWERS,
    "customer-detail": _CUSTOMER_VIEWERS,
    "customer-update": _CUSTOMER_VIEWERS,
    "customer-merge": _MERGERS,
    "customer-history": _CUSTOMER_VIEWERS,
    "enquiry-list": {"councillor"},
    "enquiry-create": {"councillor"},
    "enquiry-detail": {"councillor"},
}


READ_ONLY = {"customer-list", "customer-detail", "customer-history", "enquiry-list", "enquiry-detail"}


@pytest.fixture
def enquiry(world, rules):
    """An enquiry about bulky waste, so it goes to team A."""
    return services.enquiry_create(councillor=world.councillor, ward="Riverside", summary="Broken bench",
                                   topic=world.directory["bulky"],
                                   asked="The bench in the park is broken.",
                                   resident={"name": "Sam Sitter", "phone": "01632 960999"})  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_every_page_by_role(client, world, customer, enquiry, role):
    client.force_login(world.users[role])
    for name, url in _urls(customer, enquiry).items():
        expected = 200 if role in EXPECTED_GET[name] else 403
        assert client.get(url).status_code == expected, (name, role)
        if expected == 403:
            # Read-only pages refuse every POST first (405), the forms refuse the wrong role.
            assert client.post(url, {}).status_code == (405 if name in READ_ONLY else 403), (name, role)


def test_signed_out_visitors_are_sent_to_sign_in(client, world, customer, enquiry):
    for name, url in _urls(customer, enquiry).items():
        response = client.get(url)
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"], name
        assert client.post(url, {}).status_code == (405 if name in READ_ONLY else 302), name


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_read_only_pages_refuse_posts(client, world, customer, enquiry, name):
    client.force_login(world.councillor if name.startswith("enquiry") else world.administrator)
    assert client.post(_urls(customer, enquiry)[name]).status_code == 405


def test_customers_that_do_not_exist_are_404(client, world):
    client.force_login(world.administrator)
    for name in ("customer-detail", "customer-update", "customer-merge", "customer-history"):
        assert client.get(reverse(f"cases:{name}", args=[999999])).status_code == 404
        # Beyond PostgreSQL's integers: still a 404, not a database error.
        assert client.get(f"/staff/customers/{'9' * 30}/").status_code == 404
    assert client.get("/staff/customers/abc/").status_code == 404


# --- Finding a customer --------------------------------------------------------------------------


def test_search_by_each_detail(client, world, customer, needy, case_make):
    case = case_make()
    client.force_login(world.adviser)
    url = reverse("cases:customer-list")
    for query in ("rita", "RITA@example.org", "01632960555", "wy14ab", case.reference.lower().replace("-", " ")):
        text = _text(client.get(url, {"q": query}))
        assert "Rita Resident" in text, query
    text = _text(client.get(url, {"q": "vera"}))
    assert "Vera Vulnerable" in text and "Vulnerable</strong>" in text and "Needs review due" in text
    assert "Rita Resident" not in text


def test_search_with_nothing_found_or_nothing_asked(client, world, customer):
    client.force_login(world.adviser)
    url = reverse("cases:customer-list")
    text = _text(client.get(url))
    assert "Find a customer" in text and "<table" not in text
    assert 'href="/staff/customers/new/"' in text
    assert "No customers match “nobody”" in _text(client.get(url, {"q": "nobody"}))


def test_search_input_is_escaped_and_bounded(client, world, customer):
    client.force_login(world.adviser)
    url = reverse("cases:customer-list")
    response = client.get(url, {"q": HOSTILE})
    assert response.status_code == 200 and HOSTILE not in _text(response)
    assert "&lt;script&gt;" in _text(response)
    for query in ("x" * 20_000, "\x00\x01", "%", "' OR 1=1 --", "SW1A 1AA" * 50):
        assert client.get(url, {"q": query}).status_code == 200


def test_search_says_when_more_match(client, world):
    for number in range(22):
        services.customer_create(by=None, fields={"name": f"Smith {number:02}"})
    client.force_login(world.adviser)
    text = _text(client.get(reverse("cases:customer-list"), {"q": "smith"}))
    assert "The first 20 customers" in text and "More customers match" in text
    assert "Smith 19" in text and "Smith 20" not in text


def test_search_query_count(client, world, customer, needy, django_assert_num_queries):
    client.force_login(world.adviser)
    with django_assert_num_queries(STAFF_OVERHEAD + 1):  # the search, one query whatever it finds
        response = client.get(reverse("cases:customer-list"), {"q": "verra"})
    assert "Vera Vulnerable" in _text(response)


# --- Adding and editing --------------------------------------------------------------------------


def test_add_a_customer_with_needs(client, world):
    client.force_login(world.adviser)
    review = timezone.localdate() + dt.timedelta(days=180)
    data = _customer_post(needs_consent="on", accessibility="Large print letters", **_date("needs_review_on", review))
    response = client.post(reverse("cases:customer-create"), data)
    customer = Customer.objects.get(name="Dev Patel")
    assert response.status_code == 302 and response["Location"] == reverse("cases:customer-detail", args=[customer.pk])
    # Normalised by the model: the phone and postcode as the council writes them.
    assert (customer.phone, customer.postcode, customer.needs_review_on) == ("01632 960777", "WY2 5AB", review)
    assert customer.accessibility == "Large print letters" and not customer.is_organisation
    text = _text(client.get(response["Location"]))
    assert "Dev Patel has been added" in text and "This customer has recorded needs" in text
    assert CasesChange.objects.get(entry_type="customer", entry_id=customer.pk).action == "created"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the customer&#x27;s name"),
        ({"name": "x" * 201}, "name", "Name must be 200 characters or fewer"),
        ({"postcode": "NOT A POSTCODE"}, "postcode", "Enter a real postcode, like SW1A 1AA"),
        ({"postcode": "<b>wy1</b>"}, "postcode", "Enter a real postcode, like SW1A 1AA"),
        ({"phone": "12345"}, "phone", "Enter a phone number, like 01632 960 001"),
        ({"phone": "9" * 5000}, "phone", "Enter a phone number, like 01632 960 001"),
        ({"email": "not an email"}, "email", "Enter an email address in the correct format"),
        ({"email": "", "preferred_contact": "email"}, "email", "Enter an email address, or choose another way"),
        ({"address": "", "preferred_contact": "letter"}, "address", "Enter an address, or choose another way"),
        ({"address": "a" * 501}, "address", "Address must be 500 characters or fewer"),
        ({"is_organisation": "robot"}, "is_organisation", "Select whether this is a person or an organisation"),
        ({"customer_type": "alien"}, "customer_type", "Select the type of customer"),
        ({"preferred_contact": "pigeon"}, "preferred_contact", "Select email, phone or letter"),
        ({"vulnerability": "Lives alone"}, "needs_consent", "Needs can only be recorded with the customer&#x27;s"),
        ({"interpreter_language": "Urdu", "needs_consent": "on"}, "needs_review_on", "Enter a date to review"),
        (
            {"needs_consent": "on", "vulnerability": "x", "needs_review_on_0": "32", "needs_review_on_1": "13",
             "needs_review_on_2": "2027"},
            "needs_review_on",
            "The date to review their needs by must be a real date",
        ),
        (
            {"needs_consent": "on", "vulnerability": "x", "needs_review_on_0": "1", "needs_review_on_1": "1",
             "needs_review_on_2": "99999"},
            "needs_review_on",
            "Year must include 4 numbers",
        ),
    ],
)  # fmt: skip
def test_customer_form_errors(client, world, changes, field, message):
    client.force_login(world.adviser)
    response = client.post(reverse("cases:customer-create"), _customer_post(**changes))
    assert response.status_code == 200
    text = _text(response)
    assert "There is a problem" in text and message in text, text[text.find("govuk-error-summary") :][:800]
    assert f'href="#id_{field}' in text  # the summary links to the field in error
    _summary_links_land(text)
    assert not Customer.objects.filter(name="Dev Patel").exists()


@pytest.mark.parametrize("field", ["is_organisation", "customer_type", "preferred_contact"])
def test_error_summary_links_a_radio_group_to_its_first_radio(client, world, field):
    client.force_login(world.adviser)
    text = _text(client.post(reverse("cases:customer-create"), _customer_post(**{field: "unknown"})))
    # crispy-forms-gds gives the group no id of its own; its radios are numbered from 1.
    assert f'<a href="#id_{field}_1">' in text
    assert f'id="id_{field}_1"' in text and f'id="id_{field}"' not in text


def test_edit_a_customer(client, world, customer):
    client.force_login(world.officer_a)
    url = reverse("cases:customer-update", args=[customer.pk])
    text = _text(client.get(url))
    assert 'value="Rita Resident"' in text and 'value="rita@example.org"' in text
    assert 'autocomplete="off"' in text
    data = _customer_post(name="Rita Resident", email="rita@example.org", phone="01632 960555", postcode="WY1 4AB",
                          address="1 High Street", preferred_contact="phone")  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.preferred_contact == "phone"
    change = CasesChange.objects.filter(entry_type="customer", entry_id=customer.pk, action="updated").get()
    assert change.changes["preferred_contact"] == ["", "phone"] and change.changed_by == world.officer_a


def test_hostile_details_are_shown_escaped(client, world):
    customer = services.customer_create(by=None, fields={"name": HOSTILE, "address": f"{HOSTILE}\nline 2"})
    client.force_login(world.adviser)
    for url in (reverse("cases:customer-detail", args=[customer.pk]), reverse("cases:customer-update",
                                                                               args=[customer.pk])):  # fmt: skip
        text = _text(client.get(url))
        assert HOSTILE not in text and "&lt;script&gt;" in text


# --- A customer's page ---------------------------------------------------------------------------


def test_customer_page_shows_needs_duplicates_and_cases(client, world, needy, duplicate, case_make):
    case = case_make(customer=needy, summary="Collect a <fridge>")
    client.force_login(world.team_manager)
    text = _text(client.get(reverse("cases:customer-detail", args=[needy.pk])))
    assert "This customer is recorded as vulnerable" in text and "Lives alone; hard of hearing" in text
    assert "Polish" in text and "were due for review" in text
    assert "Possible duplicates" in text and "V. Vulnerable" in text
    assert f"/staff/customers/{needy.pk}/merge/?into={duplicate.pk}" in text
    assert reverse("cases:case-detail", kwargs={"reference": case.reference}) in text
    assert "Collect a &lt;fridge&gt;" in text and "Waste collections" in text
    assert f"/staff/cases/new/?customer={needy.pk}" in text
    assert reverse("cases:customer-history", args=[needy.pk]) in text


def test_edit_form_shows_the_needs(client, world, needy):
    client.force_login(world.adviser)
    text = _text(client.get(reverse("cases:customer-update", args=[needy.pk])))
    review = needy.needs_review_on
    assert "Lives alone; hard of hearing" in text and 'value="Polish"' in text and "checked" in text
    assert f'value="{review.day}"' in text and f'value="{review.year}"' in text


def test_advisers_see_no_merge_links(client, world, needy, duplicate):
    client.force_login(world.adviser)
    text = _text(client.get(reverse("cases:customer-detail", args=[needy.pk])))
    assert "V. Vulnerable" in text and "/merge/" not in text


def test_customer_page_lists_only_cases_the_user_may_see(client, world, customer, case_make):
    case = case_make()  # team A's
    other = services.customer_create(by=None, fields={"name": "Olga Other"})
    other_case = case_make(customer=other, summary="Olga's own case")
    client.force_login(world.officer_b)
    text = _text(client.get(reverse("cases:customer-detail", args=[customer.pk])))
    assert case.reference not in text and "No cases you can see" in text
    client.force_login(world.officer_a)
    text = _text(client.get(reverse("cases:customer-detail", args=[customer.pk])))
    assert case.reference in text
    assert other_case.reference not in text and "Olga" not in text


def test_customer_page_query_count(client, world, needy, duplicate, case_make, django_assert_num_queries):
    for number in range(3):
        case_make(customer=needy, summary=f"Case {number}")
    client.force_login(world.adviser)
    # The customer (with the record it was merged into), its duplicates, its cases with their teams.
    with django_assert_num_queries(STAFF_OVERHEAD + 3):
        response = client.get(reverse("cases:customer-detail", args=[needy.pk]))
    assert _text(response).count("Waste collections") == 3


def test_merged_record_points_at_the_survivor_and_offers_no_edits(client, world, needy, duplicate):
    services.customer_merge(source=duplicate, target=needy, by=world.team_manager)
    client.force_login(world.team_manager)
    text = _text(client.get(reverse("cases:customer-detail", args=[duplicate.pk])))
    assert "This record was merged into" in text and reverse("cases:customer-detail", args=[needy.pk]) in text
    assert "Edit their details" not in text and "Raise a case" not in text and "/merge/" not in text
    for name in ("customer-update", "customer-merge"):
        response = client.get(reverse(f"cases:{name}", args=[duplicate.pk]))
        assert response["Location"] == reverse("cases:customer-detail", args=[duplicate.pk])
    # A form opened before the merge and posted after it: the service's message, not a 500.
    response = client.post(reverse("cases:customer-update", args=[duplicate.pk]), _customer_post())
    assert response.status_code == 302


def test_merged_records_are_not_found_by_search(client, world, needy, duplicate):
    services.customer_merge(source=duplicate, target=needy, by=world.team_manager)
    client.force_login(world.adviser)
    text = _text(client.get(reverse("cases:customer-list"), {"q": "vulnerable"}))
    assert "Vera Vulnerable" in text and "V. Vulnerable" not in text


# --- Merging -------------------------------------------------------------------------------------


def test_merge_choose_then_confirm(client, world, needy, duplicate):
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[needy.pk])
    text = _text(client.get(url))
    assert f"?into={duplicate.pk}" in text and "V. Vulnerable, record" in text
    text = _text(client.get(url, {"into": duplicate.pk}))
    assert (
        "Which record do you want to keep?" in text
        and "Every case, contact, reception visit and survey of the record you do not keep" in text
    )
    assert "A merge cannot be undone" in text and f'action="{url}?into={duplicate.pk}"' in text
    # This record itself is no other record: back to choosing.
    assert "Possible duplicates" not in _text(client.get(url, {"into": needy.pk}))


def test_merge_keeps_every_case_and_writes_the_history(client, world, needy, duplicate, case_make):
    kept_cases = [case_make(customer=needy, summary="Vera's first"), case_make(customer=needy, summary="Second")]
    moved_case = case_make(customer=duplicate, summary="The duplicate's case")
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[needy.pk]) + f"?into={duplicate.pk}"
    response = client.post(url, {"keep": needy.pk})
    assert response.status_code == 302 and response["Location"] == reverse("cases:customer-detail", args=[needy.pk])
    duplicate.refresh_from_db()
    needy.refresh_from_db()
    assert duplicate.merged_into == needy and needy.merged_into is None
    assert needy.phone == "07700 900123"  # a blank filled from the other record
    assert set(Case.objects.filter(customer=needy)) == {*kept_cases, moved_case}
    assert not Case.objects.filter(customer=duplicate).exists()
    event = CaseEvent.objects.get(case=moved_case, kind=EventKind.CUSTOMER_CHANGED)
    assert event.by == world.team_manager and event.data["to_id"] == needy.pk
    for record in (needy, duplicate):
        assert CasesChange.objects.filter(entry_type="customer", entry_id=record.pk, action="merged").count() == 1
    text = _text(client.get(response["Location"]))
    assert "V. Vulnerable (record" in text and "has been merged into this record" in text
    assert text.count("/staff/cases/") >= 3 and "The duplicate&#x27;s case" in text
    history = _text(client.get(reverse("cases:customer-history", args=[needy.pk])))
    assert "Merged" in history and "Cases moved" in history and "Vera Vulnerable" in history


def test_merge_page_escapes_the_records(client, world):
    one = services.customer_create(by=None, fields={"name": HOSTILE, "email": "same@example.org"})
    two = services.customer_create(by=None, fields={"name": f"{HOSTILE} two", "email": "same@example.org"})
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[one.pk])
    for response in (client.get(url), client.get(url, {"into": two.pk}), client.post(f"{url}?into={two.pk}")):
        assert response.status_code == 200
        assert HOSTILE not in _text(response) and "&lt;script&gt;" in _text(response)


def test_merge_into_the_other_record(client, world, needy, duplicate, case_make):
    case = case_make(customer=needy)
    client.force_login(world.administrator)
    url = reverse("cases:customer-merge", args=[needy.pk]) + f"?into={duplicate.pk}"
    response = client.post(url, {"keep": duplicate.pk})
    assert response["Location"] == reverse("cases:customer-detail", args=[duplicate.pk])
    needy.refresh_from_db()
    case.refresh_from_db()
    assert needy.merged_into_id == duplicate.pk and case.customer_id == duplicate.pk


@pytest.mark.parametrize("keep", [None, "", "abc", "999999"])
def test_merge_needs_a_choice_of_the_two(client, world, needy, duplicate, keep):
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[needy.pk]) + f"?into={duplicate.pk}"
    response = client.post(url, {} if keep is None else {"keep": keep})
    assert response.status_code == 200 and "Select which record to keep" in _text(response)
    assert Customer.objects.filter(merged_into__isnull=False).count() == 0


@pytest.mark.parametrize("into", ["abc", "-1", "1.5", "²", "9" * 40, "999999"])
def test_merge_with_a_bad_other_record_is_404(client, world, needy, into):
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[needy.pk])
    assert client.get(url, {"into": into}).status_code == 404
    assert client.post(f"{url}?into={into}", {"keep": needy.pk}).status_code == 404


def test_merge_post_without_the_other_record_is_404(client, world, needy):
    client.force_login(world.team_manager)
    assert client.post(reverse("cases:customer-merge", args=[needy.pk]), {"keep": needy.pk}).status_code == 404


def test_merge_into_a_record_merged_meanwhile_shows_the_service_error(client, world, needy, duplicate):
    third = services.customer_create(by=None, fields={"name": "Vera Vulnerable", "postcode": "WY1 4AB"})
    client.force_login(world.team_manager)
    url = reverse("cases:customer-merge", args=[needy.pk]) + f"?into={duplicate.pk}"
    services.customer_merge(source=duplicate, target=third, by=world.administrator)  # someone else, meanwhile
    response = client.post(url, {"keep": needy.pk})
    assert response.status_code == 200 and "One of these records was already merged" in _text(response)


# --- History -------------------------------------------------------------------------------------


def test_customer_history(client, world, customer):
    services.customer_update(customer=customer, by=world.officer_a, fields={"name": "Rita <b>Resident</b>"})
    client.force_login(world.adviser)
    text = _text(client.get(reverse("cases:customer-history", args=[customer.pk])))
    assert "Change history of Rita &lt;b&gt;Resident&lt;/b&gt;" in text
    assert "Created" in text and "Updated" in text and "Owen" in text and "Amira Khan" in text


# --- Councillors' enquiries: the service -----------------------------------------------------------


def test_enquiry_create_makes_the_resident_and_the_case(world, rules):
    bulky = world.directory["bulky"]
    case = services.enquiry_create(councillor=world.councillor, ward="  Riverside  ", topic=bulky,
                                   summary="Sofa left out", asked="A sofa has been on the pavement for days.",
                                   resident={"name": "Nina  Neighbour", "email": "nina@example.org",
                                             "postcode": "wy3 1aa"})  # fmt: skip
    assert (case.case_type, case.channel, case.councillor) == (CaseType.COUNCILLOR_ENQUIRY, Channel.COUNCILLOR,
                                                               world.councillor)  # fmt: skip
    assert (case.ward, case.location_postcode, case.team) == ("Riverside", "WY3 1AA", world.team_a)
    assert case.description == "A sofa has been on the pavement for days." and case.status == Status.ROUTED
    resident = case.customer
    assert (resident.name, resident.customer_type, resident.preferred_contact) == ("Nina Neighbour", "individual",
                                                                                  "email")  # fmt: skip
    assert CasesChange.objects.get(entry_type="customer", entry_id=resident.pk).changed_by == world.councillor
    assert [e.kind for e in case.events.all()] == ["created", "routed"]


@pytest.mark.parametrize(
    ("resident", "preferred"),
    [({"phone": "01632 960123"}, "phone"), ({"address": "3 Mill Lane"}, "letter"),
     ({"phone": "01632 960123", "address": "3 Mill Lane"}, "phone")],
)  # fmt: skip
def test_enquiry_resident_preferred_contact(world, resident, preferred):
    case = services.enquiry_create(councillor=world.councillor, ward="Riverside", summary="S", asked="A",
                                   resident={"name": "Nina", **resident})  # fmt: skip
    assert case.customer.preferred_contact == preferred


def test_enquiry_reuses_the_one_customer_with_that_email(world, customer):
    case = services.enquiry_create(councillor=world.councillor, ward="Riverside", summary="S", asked="A",
                                   resident={"name": "R. Resident", "email": "RITA@example.org"})  # fmt: skip
    assert case.customer == customer and Customer.objects.count() == 1
    # Two records with that email: which is the resident is not known, so a new record.
    services.customer_create(by=None, fields={"name": "Rita Two", "email": "rita@example.org"})
    case = services.enquiry_create(councillor=world.councillor, ward="Riverside", summary="S", asked="A",
                                   resident={"name": "R. Resident", "email": "rita@example.org"})  # fmt: skip
    assert case.customer.name == "R. Resident" and Customer.objects.count() == 3


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"resident": {"name": "Nina"}}, {"email"}),
        ({"ward": " ", "resident": {"name": "Nina"}}, {"ward", "email"}),
        ({"resident": {"name": "", "email": "nina@example.org"}}, {"name"}),
        ({"resident": {"name": "Nina", "phone": "123"}}, {"phone"}),
        ({"resident": {"name": "Nina", "email": "nina@", "postcode": "XX"}}, {"email", "postcode"}),
        ({"summary": "", "resident": {"name": "Nina", "email": "nina@example.org"}}, {"summary"}),
        ({"asked": "", "resident": {"name": "Nina", "email": "nina@example.org"}}, {"asked"}),
    ],
)  # fmt: skip
def test_enquiry_create_errors_by_field(world, customer, fields, errors):
    from django.core.exceptions import ValidationError

    values = {"ward": "Riverside", "summary": "S", "asked": "A", **fields}
    with pytest.raises(ValidationError) as caught:
        services.enquiry_create(councillor=world.councillor, **values)
    assert set(caught.value.message_dict) == errors
    assert not Case.objects.exists() and Customer.objects.count() == 1


def test_enquiry_with_a_bad_postcode_for_a_known_resident(world, customer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.enquiry_create(councillor=world.councillor, ward="Riverside", summary="S", asked="A",
                                resident={"name": "Rita", "email": "rita@example.org", "postcode": "nope"})  # fmt: skip
    assert set(caught.value.message_dict) == {"postcode"}


# --- Councillors' enquiries: the pages -------------------------------------------------------------


def test_raise_an_enquiry(client, world, rules):
    client.force_login(world.councillor)
    form = _text(client.get(reverse("cases:enquiry-create")))
    assert "What the resident asked about" in form and "What was asked" in form and "Bulky waste collection" in form
    assert "Password reset for staff" not in form  # topics of areas the public cannot see
    response = client.post(reverse("cases:enquiry-create"), _enquiry_post(topic=world.directory["bulky"].pk))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:enquiry-detail", kwargs={"reference": case.reference})
    text = _text(client.get(response["Location"]))
    assert f"Its reference is {case.reference}" in text and "Fly-tipping behind the shops" in text
    assert "Waste collections" in text and "Riverside" in text
    assert case.customer.email == "nina@example.org" and case.councillor == world.councillor


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ward": ""}, "ward", "Enter the ward"),
        ({"name": ""}, "name", "Enter the resident&#x27;s name"),
        ({"email": ""}, "email", "Enter the resident&#x27;s email address, phone number or address"),
        ({"email": "nina at example"}, "email", "Enter an email address in the correct format"),
        ({"phone": "0"}, "phone", "Enter a phone number"),
        ({"postcode": "WY3 1AA WY3 1AA"}, "postcode", "Enter a real postcode"),
        ({"postcode": "ZZ"}, "postcode", "Enter a real postcode"),
        ({"topic": "999999"}, "topic", "Select a topic from the list"),
        ({"topic": "abc"}, "topic", "Select a topic from the list"),
        ({"summary": ""}, "summary", "Enter what the resident asked about"),
        ({"summary": "s" * 201}, "summary", "The summary must be 200 characters or fewer"),
        ({"asked": ""}, "asked", "Enter what was asked"),
        ({"asked": "a" * 10_001}, "asked", "What was asked must be 10000 characters or fewer"),
        ({"ward": "w" * 81}, "ward", "Ward must be 80 characters or fewer"),
    ],
)  # fmt: skip
def test_enquiry_form_errors(client, world, changes, field, message):
    client.force_login(world.councillor)
    response = client.post(reverse("cases:enquiry-create"), _enquiry_post(**changes))
    assert response.status_code == 200
    text = _text(response)
    assert "There is a problem" in text and message in text
    assert f'href="#id_{field}"' in text
    _summary_links_land(text)
    assert not Case.objects.exists()


def test_enquiry_list_shows_only_your_own(client, world, enquiry):
    services.case_update_publish(case=enquiry, by=world.officer_a, text="We will mend it on <Friday>")
    services.case_note_add(case=enquiry, by=world.officer_a, text="Internal: the contractor is slow")
    other_councillor = user_make(roles.COUNCILLOR, username="councillor.two")
    theirs = services.enquiry_create(
        councillor=other_councillor,
        ward="Hill Top",
        summary="Their enquiry",
        asked="Something else",
        resident={"name": "Tom", "phone": "01632 960321"},
    )
    client.force_login(world.councillor)
    text = _text(client.get(reverse("cases:enquiry-list")))
    assert enquiry.reference in text and "Broken bench" in text and "Riverside" in text
    assert "We will mend it on &lt;Friday&gt;" in text and "Internal" not in text
    assert theirs.reference not in text and "Their enquiry" not in text
    assert client.get(reverse("cases:enquiry-detail", args=[theirs.reference])).status_code == 404
    client.force_login(other_councillor)
    assert client.get(reverse("cases:enquiry-detail", args=[enquiry.reference])).status_code == 404
    assert enquiry.reference not in _text(client.get(reverse("cases:enquiry-list")))


def test_councillors_see_no_other_cases(client, world, case_make):
    case = case_make()
    client.force_login(world.councillor)
    assert client.get(reverse("cases:enquiry-detail", args=[case.reference])).status_code == 404
    assert client.get(reverse("cases:enquiry-detail", args=["NOT-REAL"])).status_code == 404
    assert client.get("/staff/enquiries/%3Cscript%3Ealert(1)%3C%2Fscript%3E/").status_code == 404
    assert case.reference not in _text(client.get(reverse("cases:enquiry-list")))


def test_enquiry_detail_shows_public_updates_only(client, world, enquiry):
    case = services.case_claim(case=enquiry, by=world.officer_a)
    services.case_update_publish(case=case, by=world.officer_a, text="A new bench is ordered")
    services.case_note_add(case=case, by=world.officer_a, text="Secret internal note")
    client.force_login(world.councillor)
    # The reference as a person might type it.
    text = _text(client.get(reverse("cases:enquiry-detail", args=[case.reference.lower().replace("-", "")])))
    assert "A new bench is ordered" in text and "Secret internal note" not in text
    assert "Being dealt with" in text and "Waste collections" in text and "Reply due by" in text
    assert "Owen" not in text and world.officer_a.username not in text  # who owns it stays internal
    assert "Sam Sitter" not in text and "01632 960999" not in text


def test_enquiry_list_query_count_and_pages(client, world, enquiry, django_assert_num_queries):
    for number in range(30):
        case = services.enquiry_create(councillor=world.councillor, ward="Riverside", summary=f"Enquiry {number}",
                                       asked="A", resident={"name": "Sam", "phone": "01632 960999"})  # fmt: skip
        services.case_update_publish(case=case, by=world.officer_a, text=f"Update {number}")
    client.force_login(world.councillor)
    # The count for the pages, the page of enquiries with their teams, their public updates.
    with django_assert_num_queries(STAFF_OVERHEAD + 3):
        response = client.get(reverse("cases:enquiry-list"))
    text = _text(response)
    assert "Enquiry 29" in text and "Update 29" in text and "Enquiry 4<" not in text
    assert 'aria-current="page">1</a>' in text and 'href="?page=2"' in text
    text = _text(client.get(reverse("cases:enquiry-list"), {"page": 2}))
    assert "Broken bench" in text and "Enquiry 29" not in text
    for page in ("abc", "999", "-1", "9" * 40):
        assert client.get(reverse("cases:enquiry-list"), {"page": page}).status_code == 200


def test_enquiry_hostile_input_is_escaped(client, world):
    client.force_login(world.councillor)
    response = client.post(reverse("cases:enquiry-create"),
                           _enquiry_post(ward=HOSTILE[:80], summary=HOSTILE, asked=HOSTILE * 3))  # fmt: skip
    assert response.status_code == 302
    for url in (response["Location"], reverse("cases:enquiry-list")):
        text = _text(client.get(url))
        assert HOSTILE not in text and "&lt;script&gt;" in text


def test_councillors_read_the_status_in_plain_words(client, world, enquiry):
    # "Routed" is an office word: outside the council a routed enquiry has been received.
    client.force_login(world.councillor)
    for name, kwargs in (("enquiry-list", {}), ("enquiry-detail", {"reference": enquiry.reference})):
        html = client.get(reverse(f"cases:{name}", kwargs=kwargs)).content.decode()
        assert ">Received</strong>" in html and ">Routed<" not in html
