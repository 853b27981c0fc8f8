"""The officers' case pages: queues, my cases, raising a case, the case page and every action on a
case, with GOV.UK errors, stale pages (conflicts), illegal transitions, scope (404) and query counts.

Who may open which page is in tests/portal/test_permissions.py; here, what each page does."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, ComplaintStage, EventKind, Status
from cases.views import duration_words, milestones
from standards import services as standards_services
from standards.models import CaseType, Channel

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4


@pytest.fixture
def standard(world):
    """The council-wide email standard, in force today: acknowledge in 1 working day, respond in 5,
    up to 10 more working days once."""
    return standards_services.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5, "extension_max_days": 10,
        "effective_from": timezone.localdate(), "public_wording": "We will reply to your email within 5 working days",
    })  # fmt: skip


@pytest.fixture
def case(case_make, standard):
    """A bulky waste request by email for Rita Resident, routed to team A, unclaimed."""
    return case_make()


@pytest.fixture
def as_officer(client, world):
    client.force_login(world.officer_a)
    return client


def _url(name: str, case: Case | None = None, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": case.reference} if case is not None else kwargs)


def _text(response) -> str:
    return response.content.decode()


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _kinds(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


def _claimed(case: Case, officer) -> Case:
    return services.case_claim(case=case, by=officer)


# --- Time left -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (dt.timedelta(seconds=20), "1 minute"),
        (dt.timedelta(minutes=45), "45 minutes"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(hours=3, minutes=59), "3 hours"),
        (dt.timedelta(hours=47), "47 hours"),
        (dt.timedelta(days=2), "2 days"),
        (-dt.timedelta(hours=2, minutes=10), "2 hours"),
    ],
)
def test_duration_words(delta, words):
    assert duration_words(delta) == words


# --- Queues --------------------------------------------------------------------------------------


def test_queues_lists_the_officers_queue_with_counts(as_officer, world, case, case_make):
    _claimed(case_make(), world.officer_a)
    html = _text(as_officer.get(_url("queues")))
    assert _url("queue", slug="waste-collections") in html
    assert _url("my-cases") in html
    assert "Triage" not in html  # officers do not triage
    assert "Housing options" not in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in html  # open
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html  # unclaimed


def test_managers_see_the_triage_queue(client, world, case_make):
    triaged = case_make(topic=None, summary="Something odd", description="Nobody knows whose.")
    assert triaged.team is None
    client.force_login(world.team_manager)
    assert _url("triage") in _text(client.get(_url("queues")))
    html = _text(client.get(_url("triage")))
    assert triaged.reference in html
    assert "Claim next case" not in html  # triage cases are transferred, not claimed


def test_queue_rows(as_officer, world, case, customer):
    services.customer_update(customer=customer, by=None, fields={
        "needs_consent": True, "vulnerability": "Lives alone", "needs_review_on": timezone.localdate(),
    })  # fmt: skip
    html = _text(as_officer.get(_url("queue", slug="waste-collections")))
    assert f'href="{_url("case-detail", case)}">{case.reference}</a>' in html
    assert "Collect a sofa" in html and "Rita Resident" in html
    assert "Vulnerable</strong>" in html
    assert "Service request" in html and "Routed" in html and "Unclaimed" in html
    assert "Acknowledge by" in html  # the next due time: the acknowledgement is not yet sent
    assert "Claim next case" in html


def test_a_case_whose_owner_is_away_says_until_when_never_why(as_officer, world, case):
    from directory import services as directory_services
    from directory.models import Absence

    _claimed(case, world.officer_a)
    now = timezone.now()
    html = _text(as_officer.get(_url("queue", slug="waste-collections")))
    assert "Away until" not in html
    absence = directory_services.entry_create(model=Absence, by=None, fields={
        "officer": world.officer_a.officer, "starts_at": now - dt.timedelta(hours=1),
        "ends_at": now + dt.timedelta(days=3), "reason": Absence.Reason.SICKNESS,
    })  # fmt: skip
    html = _text(as_officer.get(_url("queue", slug="waste-collections")))
    assert 'govuk-tag--yellow">Away until' in html
    assert "Sickness" not in html and "sickness" not in html
    # Back already, or not away yet: no flag.
    Absence.objects.filter(pk=absence.pk).update(starts_at=now + dt.timedelta(hours=1))
    assert "Away until" not in _text(as_officer.get(_url("queue", slug="waste-collections")))


def test_queue_shows_time_left_and_overdue(as_officer, world, case):
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(acknowledge_by=now - dt.timedelta(hours=2, minutes=5))
    html = _text(as_officer.get(_url("queue", slug="waste-collections")))
    assert "Overdue by 2 hours" in html
    assert 'govuk-tag--red">Overdue</strong>' in html
    Case.objects.filter(pk=case.pk).update(acknowledge_by=now + dt.timedelta(hours=3, minutes=5))
    assert "3 hours left" in _text(as_officer.get(_url("queue", slug="waste-collections")))


@pytest.mark.parametrize(
    ("wait_began", "overdue", "words"),
    [
        (-dt.timedelta(hours=2), False, "Paused with 2 hours left"),  # before respond-by: the clock stopped in time
        (dt.timedelta(minutes=30), True, "Paused, overdue by 30 minutes"),  # after it: already late
    ],
)
def test_a_paused_reply_is_overdue_as_the_queue_filter_says(as_officer, world, case, wait_began, overdue, words):
    now = timezone.now()
    case = services.case_status_set(case=case, by=world.officer_a, action="start")
    case = services.case_status_set(case=case, by=world.officer_a, action="pause", reason="Photos")
    respond_by = now - dt.timedelta(hours=1)
    Case.objects.filter(pk=case.pk).update(
        acknowledged_at=now - dt.timedelta(days=1), respond_by=respond_by, paused_at=respond_by + wait_began
    )
    reply = milestones(_fresh(case), now)[1]
    assert (reply.label, reply.words, reply.overdue) == ("Respond by", words, overdue)
    assert Case.objects.overdue(now=now).filter(pk=case.pk).exists() is overdue
    html = _text(as_officer.get(_url("case-detail", case)))
    assert words in html
    assert ('govuk-tag--red">Overdue</strong>' in html) is overdue


def test_queue_filters(as_officer, world, case, case_make):
    mine = _claimed(case_make(summary="Mine"), world.officer_a)
    urgent = case_make(summary="Urgent one", priority="urgent")
    page = lambda **query: _text(as_officer.get(_url("queue", slug="waste-collections"), query))  # noqa: E731
    assert mine.reference in page(owner="me") and case.reference not in page(owner="me")
    assert mine.reference not in page(owner="none") and case.reference in page(owner="none")
    assert mine.reference in page(owner=str(world.officer_a.pk))
    assert urgent.reference in page(priority="urgent") and case.reference not in page(priority="urgent")
    assert mine.reference in page(status="in_progress") and case.reference not in page(status="in_progress")
    assert "No open cases match these filters." in page(overdue="on")
    assert "Clear filters" in page(status="routed")
    empty = page(status="", case_type="", priority="", owner="", filter="")  # the form sent as it came
    assert case.reference in empty and "Clear filters" not in empty


@pytest.mark.parametrize(
    "query",
    [
        {"status": "<script>alert(1)</script>"},
        {"case_type": "x" * 5000},
        {"priority": "\x00"},
        {"owner": "²"},  # a digit to str.isdigit() that int() refuses
        {"owner": "99999999999999999999999999"},
        {"overdue": "maybe"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "9" * 5000},
        {"page": "99999999999999999999"},
    ],
)
def test_queue_odd_input_never_fails(as_officer, world, case, query):
    response = as_officer.get(_url("queue", slug="waste-collections"), query)
    assert response.status_code == 200
    assert "<script>alert" not in _text(response)


def test_queue_is_paginated(as_officer, world, case_make, standard, monkeypatch):
    monkeypatch.setattr("cases.selectors.QUEUE_PAGE_SIZE", 2)
    cases = [case_make(summary=f"Case {n}") for n in range(5)]
    first = _text(as_officer.get(_url("queue", slug="waste-collections"), {"priority": "normal"}))
    assert "5 open cases" in first and 'aria-label="Page 3"' in first
    assert "?priority=normal&amp;page=2" in first  # the filters are kept
    last = _text(as_officer.get(_url("queue", slug="waste-collections"), {"page": "99"}))
    # Sorted by due time (the same for all, then by id): the last page has the last case.
    assert cases[-1].reference in last and cases[0].reference not in last


def test_other_teams_queue_is_404(as_officer, client, world):
    assert as_officer.get(_url("queue", slug="housing-options")).status_code == 404
    assert as_officer.get(_url("queue", slug="no-such-team")).status_code == 404
    assert as_officer.post(_url("claim-next", slug="housing-options")).status_code == 404
    assert as_officer.get(_url("triage")).status_code == 403


def test_queue_query_count(as_officer, world, case_make, standard, django_assert_num_queries):
    for n in range(30):
        case_make(summary=f"Case {n}")
    # The staff overhead, then: the team, its officers (the owner filter), the paginator's count,
    # and the page of cases with owner, customer and topic joined.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        response = as_officer.get(_url("queue", slug="waste-collections"))
    assert response.content.decode().count('<tr class="govuk-table__row">') == 25 + 1  # the page, the header


def test_claim_next(as_officer, world, case, case_make):
    later = case_make(summary="Later")
    Case.objects.filter(pk=later.pk).update(respond_by=case.respond_by + dt.timedelta(days=1))
    response = as_officer.post(_url("claim-next", slug="waste-collections"))
    assert response.status_code == 302 and response.url == _url("case-detail", case)
    assert _fresh(case).owner == world.officer_a and _fresh(case).status == Status.IN_PROGRESS
    html = _text(as_officer.get(response.url))
    assert f"You have claimed {case.reference}" in html


def test_claim_next_is_for_the_teams_own_officers(client, world, case):
    # The administrator may open every queue, but claims only in a team they belong to.
    client.force_login(world.administrator)
    response = client.post(_url("claim-next", slug="waste-collections"), follow=True)
    assert "You are not in Waste collections: only its officers can claim its cases" in _text(response)
    assert _fresh(case).owner is None


def test_claim_next_with_nothing_to_claim(as_officer, world):
    response = as_officer.post(_url("claim-next", slug="waste-collections"), follow=True)
    assert response.redirect_chain == [(_url("queue", slug="waste-collections"), 302)]
    assert "There are no unclaimed cases in this queue" in _text(response)
    assert as_officer.get(_url("claim-next", slug="waste-collections")).status_code == 405


def test_my_cases(as_officer, world, case, case_make):
    mine = _claimed(case_make(summary="Mine to do"), world.officer_a)
    html = _text(as_officer.get(_url("my-cases")))
    assert mine.reference in html and case.reference not in html
    assert "Waste collections" in html


# --- The case page -------------------------------------------------------------------------------


def test_case_page_for_the_team(as_officer, world, case, customer):
    services.customer_update(customer=customer, by=None, fields={
        "needs_consent": True, "interpreter_language": "Polish", "needs_review_on": timezone.localdate(),
        "preferred_contact": "phone",
    })  # fmt: skip
    services.case_note_add(case=case, by=world.officer_a, text="Internal only")
    services.case_update_publish(case=case, by=world.officer_a, text="We will collect it on Friday")
    html = _text(as_officer.get(_url("case-detail", case)))
    assert "An old sofa by the front door." in html
    assert f'href="{reverse("cases:customer-detail", kwargs={"pk": customer.pk})}">Rita Resident</a>' in html
    assert "Polish" in html and "Prefers to be contacted by phone" in html
    assert "Routed to Waste collections by rule Bulky waste" in html
    assert "Raised by Amira Khan: service request, received by email" in html
    assert "Internal note by Owen Officer A" in html and "Internal only" in html
    assert "Update to the customer by Owen Officer A, emailed to them" in html
    assert "We will reply to your email within 5 working days" in html  # the standard
    assert "Claim this case" in html and "Transfer to another team" in html
    assert "Close the case" not in html and "Reopen" not in html and "Escalate" not in html


def test_case_page_reference_as_read_out(as_officer, case):
    spoken = case.reference.lower().replace("-", " ")
    assert as_officer.get(reverse("cases:case-detail", kwargs={"reference": spoken})).status_code == 200


def test_case_page_summary_for_advisers(client, world, case):
    services.case_note_add(case=case, by=world.officer_a, text="Internal only")
    services.case_update_publish(case=case, by=world.officer_a, text="We will collect it on Friday")
    client.force_login(world.adviser)
    html = _text(client.get(_url("case-detail", case)))
    assert case.reference in html and "Collect a sofa" in html and "Waste collections" in html
    assert "We will collect it on Friday" in html
    assert "Internal only" not in html and "An old sofa" not in html and "Rita Resident" not in html
    assert "<form" not in html.split('id="main-content"')[1]
    # Advisers may see the case but not work it.
    assert client.post(_url("case-note", case), {"note-text": "Hi"}).status_code == 403


def test_case_page_for_a_councillors_own_enquiry(client, world, rules, standard):
    enquiry = services.case_create(
        by=world.councillor, councillor=world.councillor,
        fields={"case_type": CaseType.COUNCILLOR_ENQUIRY, "channel": Channel.COUNCILLOR, "summary": "Fly-tipping",
                "description": "On Mill Lane", "service_area": world.area_b},
    )  # fmt: skip
    other = services.case_create(by=world.adviser, fields={
        "case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "summary": "Other", "description": "x",
    })  # fmt: skip
    client.force_login(world.councillor)
    html = _text(client.get(_url("case-detail", enquiry)))
    assert "Fly-tipping" in html and "On Mill Lane" not in html
    assert client.get(_url("case-detail", other)).status_code == 404


def test_case_pages_outside_scope_are_404(client, world, case):
    client.force_login(world.officer_b)
    assert client.get(_url("case-detail", case)).status_code == 404
    assert client.get(_url("case-transfer", case)).status_code == 404
    assert client.post(_url("case-note", case), {"note-text": "Hi"}).status_code == 404
    assert client.get(reverse("cases:case-detail", kwargs={"reference": "AAAA-AAAA"})).status_code == 404
    client.force_login(world.service_manager)  # area B's manager: not area A's cases
    assert client.get(_url("case-detail", case)).status_code == 404


def test_case_page_query_count(as_officer, world, case, case_make, django_assert_num_queries):
    case = _claimed(case, world.officer_a)
    services.case_link(case=case, other=case_make(summary="Related"), by=world.officer_a)
    for n in range(13):
        services.case_note_add(case=case, by=world.officer_a, text=f"Note {n}")
        services.case_update_publish(case=case, by=world.team_manager if n % 2 else world.officer_a, text=f"Update {n}")
    assert CaseEvent.objects.filter(case=case).count() == 30
    # The staff overhead, then: the case (with its team, owner, customer, standard, rule... joined
    # and whether the user may work it), its related cases, its files and the timeline with who
    # did each.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        response = as_officer.get(_url("case-detail", case))
    assert "Note 12" in _text(response)


def test_complaint_case_page_query_count(as_officer, world, case_make, django_assert_num_queries, standard):
    complaint = case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Bin crew rude")
    for n in range(28):
        services.case_note_add(case=complaint, by=world.officer_a, text=f"Note {n}")
    # As above, and the complaint's stages with their handlers.
    with django_assert_num_queries(STAFF_OVERHEAD + 5):
        response = as_officer.get(_url("case-detail", complaint))
    assert "Complaint stage 1" in _text(response)


# --- Notes and updates ---------------------------------------------------------------------------


def test_note_is_escaped(as_officer, world, case):
    response = as_officer.post(
        _url("case-note", case), {"note-text": "<script>alert('x')</script> & more"}, follow=True
    )
    html = _text(response)
    assert "Your note has been added" in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in html
    assert "<script>alert" not in html
    assert _kinds(case)[-1] == EventKind.NOTE


def test_empty_note_shows_the_error(as_officer, case):
    response = as_officer.post(_url("case-note", case), {"note-text": "  "})
    html = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in html and '<a href="#id_note-text">Enter the note</a>' in html
    assert "<title>Error:" in html
    assert _kinds(case) == [EventKind.CREATED, EventKind.ROUTED]


def test_public_update(as_officer, world, case):
    response = as_officer.post(_url("case-update", case), {"update-text": "We are on it"})
    assert response.status_code == 302
    case = _fresh(case)
    assert case.acknowledged_at is not None and case.acknowledge_met is True
    assert CaseEvent.objects.get(case=case, kind=EventKind.PUBLIC_UPDATE).text == "We are on it"
    assert as_officer.get(_url("case-update", case)).status_code == 405


# --- Buttons: claim, start, resume, close --------------------------------------------------------


def test_claim_button(as_officer, world, case):
    response = as_officer.post(_url("case-claim", case), {"version": case.version}, follow=True)
    assert "You now own this case" in _text(response)
    assert _fresh(case).owner == world.officer_a


def test_claim_from_a_stale_page(as_officer, world, case):
    stale = case.version
    services.case_assign(case=case, owner=world.directory["olive"].user, by=world.team_manager)
    html = _text(as_officer.post(_url("case-claim", case), {"version": stale}, follow=True))
    assert "This case was changed at " in html and "nothing was saved" in html
    assert _fresh(case).owner == world.directory["olive"].user


def test_button_without_a_version(as_officer, case):
    html = _text(as_officer.post(_url("case-claim", case), {"version": "x"}, follow=True))
    assert "This page is out of date" in html
    assert _fresh(case).owner is None


def test_illegal_transition_is_a_message(as_officer, world, case):
    case = _claimed(case, world.officer_a)
    html = _text(as_officer.post(_url("case-close", case), {"version": case.version}, follow=True))
    assert "You cannot close a case that is in progress" in html
    assert _fresh(case).status == Status.IN_PROGRESS


def test_start_pause_resume_and_close(as_officer, world, case):
    response = as_officer.post(_url("case-status", case), {"action": "start", "version": case.version}, follow=True)
    assert "You have started work on the case" in _text(response)
    case = _fresh(case)
    assert case.status == Status.IN_PROGRESS
    # Waiting for the customer needs what for.
    html = _text(as_officer.post(_url("case-status", case), {"action": "pause", "version": case.version}))
    assert "Enter what you are waiting for from the customer" in html
    as_officer.post(_url("case-status", case), {"action": "pause", "version": case.version, "reason": "Photos"})
    case = _fresh(case)
    assert case.status == Status.AWAITING_CUSTOMER
    assert "Resume: the customer replied" in _text(as_officer.get(_url("case-detail", case)))
    as_officer.post(_url("case-status", case), {"action": "resume", "version": case.version})
    case = _fresh(case)
    assert case.status == Status.IN_PROGRESS
    as_officer.post(_url("case-resolve", case), {"version": case.version, "resolution": "Collected"})
    case = _fresh(case)
    html = _text(as_officer.post(_url("case-close", case), {"version": case.version}, follow=True))
    assert "The case has been closed" in html
    assert _fresh(case).status == Status.CLOSED


def test_status_page_odd_action(as_officer, case):
    html = _text(as_officer.post(_url("case-status", case), {"action": "explode", "version": case.version}))
    assert "This page is out of date" in html
    assert _fresh(case).status == Status.ROUTED


# --- Form pages ----------------------------------------------------------------------------------


def test_transfer(as_officer, world, case):
    html = _text(as_officer.get(_url("case-transfer", case)))
    assert '<optgroup label="Housing">' in html and "Housing options" in html
    assert f'name="version" value="{case.version}"' in html
    assert '<option value="' + str(world.team_a.pk) + '"' not in html  # not to where it already is
    response = as_officer.post(
        _url("case-transfer", case), {"team": world.team_b.pk, "reason": "A housing matter", "version": case.version}
    )
    # Now outside officer A's scope: back to their queue.
    assert response.status_code == 302 and response.url == _url("queue", slug="waste-collections")
    case = _fresh(case)
    assert case.team == world.team_b and case.handoff_count == 1
    assert "The case has been transferred to Housing options" in _text(as_officer.get(response.url))
    assert as_officer.get(_url("case-detail", case)).status_code == 404


def test_a_manager_transfers_within_their_area(client, world, case_make):
    triaged = case_make(topic=None, summary="Something odd", description="Nobody knows whose.")
    client.force_login(world.team_manager)
    data = {"team": world.team_a.pk, "reason": "Bins", "version": triaged.version}
    response = client.post(_url("case-transfer", triaged), data)
    # Still in the manager's area: back to the case.
    assert response.url == _url("case-detail", triaged)
    assert _fresh(triaged).team == world.team_a and _fresh(triaged).handoff_count == 0


def test_transfer_needs_a_reason_and_a_team(as_officer, world, case):
    html = _text(as_officer.post(_url("case-transfer", case), {"team": world.team_b.pk, "version": case.version}))
    assert '<a href="#id_reason">Enter why the case is being transferred</a>' in html
    html = _text(as_officer.post(_url("case-transfer", case), {"team": "", "reason": "x", "version": case.version}))
    assert "Select the team to transfer the case to" in html
    html = _text(as_officer.post(_url("case-transfer", case), {"team": "junk", "reason": "x", "version": case.version}))
    assert "Select a team" in html
    assert _fresh(case).team == world.team_a


def test_transfer_from_a_stale_page_changes_nothing(as_officer, world, case):
    stale = case.version
    services.case_note_add(case=case, by=world.officer_a, text="Notes do not make a page stale")
    services.case_edit(case=case, by=world.team_manager, fields={"priority": "high"}, version=case.version)
    data = {"team": world.team_b.pk, "reason": "A housing matter", "version": stale}
    response = as_officer.post(_url("case-transfer", case), data)
    html = _text(response)
    assert response.status_code == 200
    assert "This case was changed at " in html and "nothing was saved" in html
    assert "A housing matter" in html  # what was typed is kept
    assert "The latest changes to the case" in html and "Changed by Tessa" in html
    assert f'name="version" value="{_fresh(case).version}"' in html  # sending it again is a choice
    assert _fresh(case).team == world.team_a
    # Sent again knowing the change: it goes through.
    data["version"] = _fresh(case).version
    assert as_officer.post(_url("case-transfer", case), data).status_code == 302
    assert _fresh(case).team == world.team_b


def test_assign(as_officer, world, case):
    olive = world.directory["olive"].user
    html = _text(as_officer.get(_url("case-assign", case)))
    assert "Olive Shareable" in html and "Nobody: put it back in the queue" in html
    assert "Bea" not in html  # officer B is not in team A
    response = as_officer.post(_url("case-assign", case), {"owner": olive.pk, "version": case.version}, follow=True)
    assert "The case has been assigned to Olive Shareable" in _text(response)
    case = _fresh(case)
    assert case.owner == olive
    as_officer.post(_url("case-assign", case), {"owner": "queue", "version": case.version})
    assert _fresh(case).owner is None
    html = _text(as_officer.post(_url("case-assign", case), {"owner": "queue", "version": _fresh(case).version}))
    assert "The case already has that owner" in html
    html = _text(as_officer.post(_url("case-assign", case), {"owner": world.officer_b.pk, "version": 1}))
    assert "Select an officer" in html


def test_resolve(as_officer, world, case):
    case = _claimed(case, world.officer_a)
    html = _text(as_officer.post(_url("case-resolve", case), {"version": case.version, "resolution": ""}))
    assert "Enter what was done to resolve the case" in html
    response = as_officer.post(_url("case-resolve", case), {"version": case.version, "resolution": "Collected"})
    assert response.status_code == 302
    case = _fresh(case)
    assert case.status == Status.RESOLVED and case.resolution == "Collected" and case.respond_met is True
    html = _text(as_officer.get(_url("case-detail", case)))
    assert "Close the case" in html and "Reopen" in html and "Resolve</a>" not in html
    assert "Resolved by Owen Officer A, on time" in html


def test_resolve_a_complaint_records_the_decision(as_officer, world, case_make, standard):
    complaint = case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Bin crew rude")
    complaint = _claimed(complaint, world.officer_a)
    html = _text(as_officer.get(_url("case-resolve", complaint)))
    assert "Was the complaint upheld?" in html and "Root cause" in html
    html = _text(
        as_officer.post(_url("case-resolve", complaint), {"version": complaint.version, "resolution": "Sorry"})
    )
    assert "Select whether the complaint was upheld" in html and "Enter the action taken" in html
    data = {"version": complaint.version, "resolution": "We apologised", "outcome": "upheld",
            "root_cause": "staff_conduct", "action_taken": "Crew retrained"}  # fmt: skip
    assert as_officer.post(_url("case-resolve", complaint), data).status_code == 302
    stage = ComplaintStage.objects.get(case=complaint, stage=1)
    assert stage.outcome == "upheld" and stage.handler == world.officer_a
    html = _text(as_officer.get(_url("case-detail", complaint)))
    assert "Stage 1 of the complaint decided by Owen Officer A: upheld, root cause staff conduct" in html
    assert "Crew retrained" in html and "Escalate to stage 2" in html


def test_escalate_to_stage_two(as_officer, world, case_make, standard):
    complaint = _claimed(case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Bin crew rude"), world.officer_a)
    html = _text(as_officer.post(_url("case-escalate", complaint), {"version": complaint.version, "reason": "x"}))
    assert "Stage 1 has not been decided yet" in html
    services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=services.ComplaintDecision(
        outcome="not_upheld", root_cause="other", action_taken="None needed"))  # fmt: skip
    complaint = _fresh(complaint)
    html = _text(as_officer.post(_url("case-escalate", complaint), {"version": complaint.version, "reason": ""}))
    assert "Enter why the customer wants the complaint escalated" in html
    data = {"version": complaint.version, "reason": "Not happy with the answer"}
    assert as_officer.post(_url("case-escalate", complaint), data).status_code == 302
    complaint = _fresh(complaint)
    assert complaint.case_type == CaseType.COMPLAINT_STAGE_2 and complaint.owner is None
    # Officer A handled stage 1: claiming stage 2 is refused.
    html = _text(as_officer.post(_url("case-claim", complaint), {"version": complaint.version}, follow=True))
    assert "stage 2 must be handled by a different officer" in html


def test_reopen(as_officer, world, case):
    case = services.case_resolve(case=_claimed(case, world.officer_a), by=world.officer_a, resolution="Done")
    html = _text(as_officer.post(_url("case-reopen", case), {"version": case.version, "reason": ""}))
    assert "Enter why the case is being reopened" in html
    as_officer.post(_url("case-reopen", case), {"version": case.version, "reason": "Not collected after all"})
    assert _fresh(case).status == Status.IN_PROGRESS
    assert "Reopened by Owen Officer A" in _text(as_officer.get(_url("case-detail", case)))


def test_edit(as_officer, world, case):
    html = _text(as_officer.get(_url("case-edit", case)))
    assert 'value="Collect a sofa"' in html and '<optgroup label="Waste and recycling">' in html
    data = {"version": case.version, "case_type": "service_request", "priority": "high", "summary": "Collect a sofa",
            "description": "An old sofa by the front door.", "topic": world.directory["bulky"].pk,
            "location_postcode": "not a postcode"}  # fmt: skip
    html = _text(as_officer.post(_url("case-edit", case), data))
    assert '<a href="#id_location_postcode">Enter a real postcode, like SW1A 1AA</a>' in html
    data["location_postcode"] = "wy1 1aa"
    assert as_officer.post(_url("case-edit", case), data).status_code == 302
    case = _fresh(case)
    assert case.priority == "high" and case.location_postcode == "WY1 1AA"
    # The email standard is the same at every priority, so the due times stay.
    assert _kinds(case)[-1] == EventKind.DETAILS_CHANGED
    data["version"] = case.version
    assert "Nothing was changed" in _text(as_officer.post(_url("case-edit", case), data))
    data.update(latitude="1e999", summary="")
    html = _text(as_officer.post(_url("case-edit", case), data))
    assert "Latitude must be a number" in html and "Enter a summary of the case" in html


def test_edit_a_complaint_keeps_its_type(as_officer, world, case_make, standard):
    complaint = case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Bin crew rude")
    html = _text(as_officer.get(_url("case-edit", complaint)))
    assert 'name="case_type"' not in html


def test_extend(as_officer, world, case):
    html = _text(as_officer.get(_url("case-extend", case)))
    assert "up to 10 more working days" in html
    html = _text(as_officer.post(_url("case-extend", case), {"version": case.version, "days": "11", "reason": "x"}))
    assert "Enter a number of working days from 1 to 10" in html
    html = _text(as_officer.post(_url("case-extend", case), {"version": case.version, "days": "two", "reason": "x"}))
    assert "Number of working days must be a whole number, like 5" in html
    before = case.respond_by
    data = {"version": case.version, "days": "3", "reason": "Waiting on a contractor"}
    assert as_officer.post(_url("case-extend", case), data).status_code == 302
    case = _fresh(case)
    assert case.respond_by > before and case.extension_days == 3
    data["version"] = case.version
    assert "only one is allowed" in _text(as_officer.post(_url("case-extend", case), data))
    assert "Extend the time to respond" not in _text(as_officer.get(_url("case-detail", case)))


def test_link(as_officer, world, case, case_make, rules):
    other = case_make(summary="Another sofa")
    outside = services.case_create(by=world.adviser, fields={
        "case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "summary": "Housing",
        "description": "x", "service_area": world.area_b,
    })  # fmt: skip
    assert outside.team == world.team_b
    html = _text(as_officer.post(_url("case-link", case), {"version": case.version, "reference": outside.reference}))
    assert "Enter the reference of a case you can see" in html
    html = _text(as_officer.post(_url("case-link", case), {"version": case.version, "reference": "NOPE-NOPE"}))
    assert "Enter the reference of a case you can see" in html
    spoken = other.reference.lower().replace("-", " ")
    response = as_officer.post(_url("case-link", case), {"version": case.version, "reference": spoken}, follow=True)
    assert f"The case has been linked to {other.reference}" in _text(response)
    assert list(case.related.all()) == [other]
    html = _text(as_officer.post(_url("case-link", case), {"version": case.version, "reference": other.reference}))
    assert "is already linked to this case" in html


def test_merge(as_officer, world, case, case_make):
    survivor = case_make(summary="The original")
    html = _text(as_officer.post(_url("case-merge", case), {"version": case.version, "reference": case.reference}))
    assert "Are you sure" not in html and "A case cannot be merged into itself" in html
    response = as_officer.post(_url("case-merge", case), {"version": case.version, "reference": survivor.reference})
    html = _text(response)
    assert "Are you sure you want to merge this case into " + survivor.reference in html
    assert _fresh(case).status == Status.ROUTED  # nothing yet
    data = {"version": case.version, "reference": survivor.reference, "confirm": "True"}
    response = as_officer.post(_url("case-merge", case), data, follow=True)
    assert f"This case has been merged into {survivor.reference}" in _text(response)
    case = _fresh(case)
    assert case.status == Status.CLOSED and case.merged_into == survivor
    html = _text(as_officer.get(_url("case-detail", survivor)))
    assert f"{case.reference} merged into this case by Owen Officer A" in html


def test_merge_into_itself_is_refused(as_officer, world, case):
    data = {"version": case.version, "reference": case.reference, "confirm": "True"}
    assert "A case cannot be merged into itself" in _text(as_officer.post(_url("case-merge", case), data))


# --- Raising a case ------------------------------------------------------------------------------


def test_officer_raises_a_case_for_their_team(as_officer, world, customer, rules, standard):
    html = _text(as_officer.get(_url("case-create"), {"customer": customer.pk}))
    assert "Rita Resident" in html and f'name="customer" value="{customer.pk}"' in html
    data = {"customer": customer.pk, "case_type": "service_request", "channel": "phone", "priority": "normal",
            "topic": world.directory["bulky"].pk, "summary": "Collect a fridge",
            "description": "In the garden"}  # fmt: skip
    response = as_officer.post(_url("case-create"), data)
    case = Case.objects.get(summary="Collect a fridge")
    assert response.status_code == 302 and response.url == _url("case-detail", case)
    assert case.customer == customer and case.team == world.team_a
    assert case.events.first().by == world.officer_a


def test_adviser_raises_a_case_and_reads_out_the_reference(client, world, rules, standard):
    client.force_login(world.adviser)
    data = {"case_type": "service_request", "channel": "phone", "priority": "normal",
            "topic": world.directory["homeless"].pk, "summary": "Needs somewhere to stay",
            "description": "Tonight"}  # fmt: skip
    response = client.post(_url("case-create"), data)
    case = Case.objects.get(summary="Needs somewhere to stay")
    # Redirected to a page of its own, so a refresh shows it again rather than raising another.
    assert response.status_code == 302 and response.url == _url("case-raised", case)
    html = _text(client.get(response.url))
    assert "Case raised" in html and case.reference in html and "Housing options" in html
    assert _url("case-detail", case) in html  # advisers can see its summary


def test_only_whoever_raised_a_case_sees_its_confirmation(client, world, case_make):
    case = case_make(by=world.adviser)
    client.force_login(world.officer_b)  # raised by someone else, and not their team's
    assert client.get(_url("case-raised", case)).status_code == 404


def test_raise_a_case_errors(as_officer, world, customer, rules):
    html = _text(as_officer.post(_url("case-create"), {"priority": "normal", "location_postcode": "nope"}))
    for message in ("Select the type of case", "Select how it came in", "Enter a summary of the case",
                    "Enter a description of the case"):  # fmt: skip
        assert message in html
    assert as_officer.get(_url("case-create"), {"customer": "abc"}).status_code == 404
    assert as_officer.get(_url("case-create"), {"customer": "99999999999999999999999"}).status_code == 404
    data = {"case_type": "service_request", "channel": "phone", "priority": "normal", "summary": "S",
            "description": "D", "location_postcode": "nope"}  # fmt: skip
    assert "Enter a real postcode, like SW1A 1AA" in _text(as_officer.post(_url("case-create"), data))
    assert not Case.objects.exists()


def test_a_reference_read_out_in_lower_case_or_without_its_dash_finds_the_case(as_officer, world, case):
    for typed in (case.reference.lower(), case.reference.replace("-", "")):
        assert as_officer.get(reverse("cases:case-detail", kwargs={"reference": typed})).status_code == 200
