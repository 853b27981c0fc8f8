"""Customers: phone and postcode normalised, needs kept only with consent and a review date,
possible duplicates found, and a merge that keeps every case and event of both, on record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases import selectors, services
from cases.models import Case, CaseEvent, CasesChange, Customer


def _make(world, **fields):
    return services.customer_create(by=world.adviser, fields={"name": "Sam Smith", **fields})


@pytest.mark.parametrize(
    "field, typed, stored",
    [
        ("phone", "01632960555", "01632 960555"),
        ("phone", "+44 1632 960555", "01632 960555"),
        ("phone", "07700 900123", "07700 900123"),
        ("phone", "", ""),
        ("postcode", "wy1 4ab", "WY1 4AB"),
        ("postcode", " sw1a1aa ", "SW1A 1AA"),
        ("postcode", "", ""),
        ("name", "  Sam   Smith ", "Sam Smith"),
    ],
)
def test_details_are_normalised(world, field, typed, stored):
    customer = _make(world, **{field: typed})
    assert getattr(customer, field) == stored == getattr(Customer.objects.get(pk=customer.pk), field)


@pytest.mark.parametrize(
    "fields, errors",
    [
        ({"phone": "12345"}, {"phone"}),
        ({"postcode": "not a postcode"}, {"postcode"}),
        ({"preferred_contact": "email"}, {"email"}),
        ({"preferred_contact": "phone"}, {"phone"}),
        ({"preferred_contact": "letter"}, {"address"}),
    ],
)
def test_bad_details_are_refused(world, fields, errors):
    with pytest.raises(ValidationError) as raised:
        _make(world, **fields)
    assert set(raised.value.message_dict) == errors
    assert not Customer.objects.filter(name="Sam Smith").exists()


REVIEW = dt.date(2027, 6, 1)


@pytest.mark.parametrize(
    "fields, errors",
    [
        ({"vulnerability": "Lives alone"}, {
            "needs_consent": ["Needs can only be recorded with the customer's consent"],
            "needs_review_on": ["Enter a date to review the customer's needs by"],
        }),
        ({"interpreter_language": "Polish", "needs_review_on": REVIEW},
         {"needs_consent": ["Needs can only be recorded with the customer's consent"]}),
        ({"accessibility": "Large print", "needs_consent": True},
         {"needs_review_on": ["Enter a date to review the customer's needs by"]}),
    ],
)  # fmt: skip
def test_needs_only_with_consent_and_a_review_date(world, fields, errors):
    with pytest.raises(ValidationError) as raised:
        _make(world, **fields)
    assert raised.value.message_dict == errors


def test_needs_with_consent_are_kept_and_flagged(world):
    customer = _make(world, vulnerability="Lives alone", needs_consent=True, needs_review_on=REVIEW)
    assert customer.has_needs and not customer.needs_review_due
    assert not _make(world, name="Tom").has_needs


def test_the_database_refuses_needs_without_consent(world):
    customer = _make(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Customer.objects.filter(pk=customer.pk).update(vulnerability="Lives alone")


def test_possible_duplicates(world, customer):
    same_email = _make(world, name="R. Resident", email="RITA@example.org")
    same_phone = _make(world, name="Mrs R Resident", phone="+441632960555")
    same_name_postcode = _make(world, name="rita resident", postcode="WY14AB")
    _make(world, name="Rita Resident", postcode="WY2 4AB")  # another Rita, elsewhere
    _make(world, name="Someone Else", email="other@example.org", phone="01632 960999")
    found = selectors.customer_duplicates(customer=customer)
    assert {c.pk for c in found} == {same_email.pk, same_phone.pk, same_name_postcode.pk}
    services.customer_merge(source=same_phone, target=customer, by=world.team_manager)
    assert {c.pk for c in selectors.customer_duplicates(customer=customer)} == {same_email.pk, same_name_postcode.pk}


@pytest.fixture
def two_records(world, customer, case_make):
    """`customer` with one case and a duplicate record of the same person with two."""
    duplicate = _make(world, name="Rita Resident", email="rita.r@example.org", phone="01632 960777",
                      vulnerability="Hard of hearing", needs_consent=True, needs_review_on=REVIEW)  # fmt: skip
    kept = case_make()
    moved = [case_make(customer=duplicate), case_make(customer=duplicate, topic=None)]
    services.case_note_add(case=moved[0], by=world.officer_a, text="Called back")
    return customer, duplicate, kept, moved


def test_merging_keeps_every_case_and_event_of_both(world, two_records):
    target, source, kept, moved = two_records
    events_before = {case.pk: list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True))
                     for case in [kept, *moved]}  # fmt: skip
    versions = {case.pk: Case.objects.get(pk=case.pk).version for case in moved}
    merged = services.customer_merge(source=source, target=target, by=world.team_manager)
    assert merged.pk == target.pk
    assert set(Case.objects.filter(customer=target).values_list("pk", flat=True)) == {kept.pk, *(c.pk for c in moved)}
    assert not Case.objects.filter(customer=source).exists()
    for case in [kept, *moved]:
        events = list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True))
        assert events[: len(events_before[case.pk])] == events_before[case.pk]
        added = CaseEvent.objects.filter(case=case).exclude(pk__in=events_before[case.pk])
        if case == kept:
            assert not added.exists()
        else:
            [event] = added
            assert event.kind == "customer_changed" and event.by == world.team_manager
            assert event.data == {"from": "Rita Resident", "from_id": source.pk, "to": "Rita Resident",
                                  "to_id": target.pk}  # fmt: skip
            assert Case.objects.get(pk=case.pk).version == versions[case.pk] + 1
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.merged_into == target and not Customer.objects.current().filter(pk=source.pk).exists()
    # Blank details of the survivor are filled from the duplicate; its own are kept.
    assert (target.email, target.phone, target.vulnerability) == (
        "rita@example.org", "01632 960555", "Hard of hearing"
    )  # fmt: skip
    assert target.needs_consent and target.needs_review_on == REVIEW
    for record in (source, target):
        [change] = CasesChange.objects.filter(entry_type="customer", entry_id=record.pk, action="merged")
        assert change.changed_by == world.team_manager
        assert change.changes["cases moved"] == [None, 2]
    assert [c.pk for c in selectors.customer_cases(customer=target, user=world.adviser)] == sorted(
        [kept.pk, *(c.pk for c in moved)], key=lambda pk: -Case.objects.get(pk=pk).received_at.timestamp()
    )


def test_merge_refusals(world, two_records, customer):
    target, source, _kept, _moved = two_records
    with pytest.raises(ValidationError) as raised:
        services.customer_merge(source=target, target=target, by=world.team_manager)
    assert raised.value.messages == ["Choose a different customer record to merge into"]
    services.customer_merge(source=source, target=target, by=world.team_manager)
    third = _make(world, name="Rita")
    message = ["One of these records was already merged: start again from the current record"]
    for pair in ((third, source), (source, third), (source, target)):
        with pytest.raises(ValidationError) as raised:
            services.customer_merge(source=pair[0], target=pair[1], by=world.team_manager)
        assert raised.value.messages == message
    with pytest.raises(ValidationError) as raised:
        services.customer_update(customer=source, by=world.adviser, fields={"name": "Rita X"})
    assert raised.value.messages == ["This customer record was merged into another: change that one instead"]


def test_a_merged_record_always_points_at_a_current_one(world, customer):
    oldest, middle = _make(world, name="Rita A"), _make(world, name="Rita B")
    services.customer_merge(source=oldest, target=middle, by=world.team_manager)
    services.customer_merge(source=middle, target=customer, by=world.team_manager)
    assert Customer.objects.get(pk=oldest.pk).merged_into_id == customer.pk


def test_a_new_case_for_a_merged_record_goes_to_the_current_one(world, two_records, case_make):
    target, source, _kept, _moved = two_records
    services.customer_merge(source=source, target=target, by=world.team_manager)
    assert case_make(customer=source).customer == target


def test_customer_changes_are_recorded(world, customer):
    services.customer_update(customer=customer, by=world.officer_a, fields={"phone": "+44 1632 960000"})
    [latest, created] = selectors.customer_history(customer=customer)
    assert (created.action, latest.action) == ("created", "updated")
    assert latest.changes == {"phone": ["01632 960555", "01632 960000"]}
    assert latest.changed_by == world.officer_a
    assert latest.changed_at <= timezone.now()


def test_merge_fills_blank_details_but_keeps_the_survivors_answers(world):
    review = timezone.localdate() + dt.timedelta(days=90)
    business = services.customer_create(by=None, fields={"name": "Acme Ltd", "is_organisation": True,
                                                         "customer_type": "business"})  # fmt: skip
    person = services.customer_create(by=None, fields={
        "name": "Acme Ltd", "email": "office@acme.example", "vulnerability": "Hearing loss",
        "needs_consent": True, "needs_review_on": review,
    })  # fmt: skip
    merged = services.customer_merge(source=person, target=business, by=world.adviser)
    assert merged.is_organisation and merged.customer_type == "business"
    assert merged.email == "office@acme.example"
    assert (merged.vulnerability, merged.needs_consent, merged.needs_review_on) == ("Hearing loss", True, review)
