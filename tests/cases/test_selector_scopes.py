"""Who sees and works which case, at the selector level, table-driven per role: officers their
team's cases and the ones they own, managers their service area's and the triage queue, advisers
any case's summary (working none), councillors their own enquiries, administrators everything;
case_get_for_user is a 404 outside the scope."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cases import selectors, services
from cases.models import Case
from standards.models import CaseType, Channel

ALL = {"a", "b", "a_owns_in_b", "triage", "triage_b", "enquiry"}

# role -> (the cases it sees, the cases it works)
SCOPES = {
    "adviser": (ALL, set()),
    "officer_a": ({"a", "a_owns_in_b"}, {"a", "a_owns_in_b"}),
    "officer_b": ({"b", "a_owns_in_b"}, {"b", "a_owns_in_b"}),
    "team_manager": ({"a", "triage", "enquiry"}, {"a", "triage", "enquiry"}),
    "service_manager": (
        {"b", "a_owns_in_b", "triage", "triage_b", "enquiry"},
        {"b", "a_owns_in_b", "triage", "triage_b", "enquiry"},
    ),
    "councillor": ({"enquiry"}, set()),
    "administrator": (ALL, ALL),
    "no_role": (set(), set()),
    "anonymous": (set(), set()),
}


@pytest.fixture
def cases(world, case_make):
    """A case of each kind the scopes tell apart, by name."""
    made = {
        "a": case_make(),
        "b": case_make(topic=None, service_area=world.area_b),
        "a_owns_in_b": case_make(topic=None, service_area=world.area_b, summary="Owned across teams"),
        "triage": case_make(topic=None),
        "triage_b": case_make(topic=None, summary="Triage in area B"),
        "enquiry": services.case_create(by=world.councillor, councillor=world.councillor, fields={
            "case_type": CaseType.COUNCILLOR_ENQUIRY, "channel": Channel.COUNCILLOR, "summary": "Fly-tipping",
            "description": "Behind the shops.",
        }),
    }  # fmt: skip
    # Owned by an officer of another team (assigned before a transfer, say) and triage in area B.
    Case.objects.filter(pk=made["a_owns_in_b"].pk).update(owner=world.officer_a)
    Case.objects.filter(pk=made["triage_b"].pk).update(service_area=world.area_b)
    assert (made["a"].team, made["b"].team, made["triage"].team, made["enquiry"].team) == (
        world.team_a, world.team_b, None, None
    )  # fmt: skip
    return {name: Case.objects.get(pk=case.pk) for name, case in made.items()}


def _user(world, role):
    return AnonymousUser() if role == "anonymous" else world.users[role]


def _names(cases, queryset):
    pks = set(queryset.values_list("pk", flat=True))
    return {name for name, case in cases.items() if case.pk in pks}


@pytest.mark.parametrize("role", list(SCOPES))
def test_cases_visible_and_workable(world, cases, role):
    user = _user(world, role)
    visible, workable = SCOPES[role]
    assert _names(cases, selectors.cases_visible_to(user)) == visible
    assert _names(cases, selectors.cases_workable_by(user)) == workable


@pytest.mark.parametrize("role", list(SCOPES))
def test_case_get_for_user(world, cases, role):
    user = _user(world, role)
    visible, workable = SCOPES[role]
    for name, case in cases.items():
        if name not in visible:
            with pytest.raises(Http404):
                selectors.case_get_for_user(reference=case.reference, user=user)
            continue
        access = selectors.case_get_for_user(reference=case.reference.lower().replace("-", ""), user=user)
        assert access.case.pk == case.pk
        assert access.can_work is (name in workable), name


def test_an_unknown_or_malformed_reference_is_a_404(world, cases):
    for reference in ("AAAA-AAAA", "", "not a reference", "1"):
        with pytest.raises(Http404):
            selectors.case_get_for_user(reference=reference, user=world.administrator)


def test_case_get_for_user_is_one_query(world, cases, django_assert_num_queries):
    officer = world.officer_a
    officer.has_perm("cases.work_cases")  # the permission cache is filled once per request
    # One SELECT: the case, its related rows and the can-work flag, the scope as subqueries.
    with django_assert_num_queries(1):
        selectors.case_get_for_user(reference=cases["a"].reference, user=officer)
