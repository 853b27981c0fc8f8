"""The dashboard's figures about cases and surveys, against hand-counted fixtures in travelled
time: within standard (a miss counted when the time passes, a case whose time has not come left
out), open cases by age, overdue, handoffs, satisfaction beside its response rate (a survey with
no answers), and complaints: stages, upheld, stage 2 escalations, root causes, compliments."""

import pytest
import time_machine

from cases import services
from contacts import services as contact_services
from portal import selectors
from portal.forms import DashboardForm
from standards.models import CaseType

from .dashboard_world import at, log

FEBRUARY = {"first_0": "1", "first_1": "2", "first_2": "2027", "last_0": "28", "last_1": "2", "last_2": "2027"}
NOW = at(2, 22, 12)
DECISION = services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken="Crew retrained")


def _board(user, data=FEBRUARY):
    with time_machine.travel(NOW, tick=False):
        scope = selectors.dashboard_scope(user)
        form = DashboardForm(data, scope=scope, today=NOW.date())
        assert form.is_valid(), form.errors
        return selectors.dashboard_get(user=user, scope=scope, filters=form.filters())


def _rows(board, slug):
    return [[cell.text for cell in row] for row in board.table(slug).rows]


def _headline(board, slug):
    return {figure.label: figure.text for figure in next(s for s in board.sections if s.slug == slug).headline}


def test_within_standard_counts_a_miss_when_the_time_passes(world, february_cases):
    board = _board(world.administrator)
    assert _rows(board, "standards-channel") == [["Email", "3", "50.0%", "50.0%", "1"]]
    headline = _headline(board, "standards")
    assert headline["Acknowledged within standard"] == "50.0%"
    assert headline["Answered within standard"] == "50.0%"
    assert headline["Overdue now"] == "1" and headline["Open now"] == "2"
    ages = {row[0]: row[1] for row in _rows(board, "standards-age")}
    assert ages == {"Up to 5 days": "1", "6 to 10 days": "0", "11 to 20 days": "0", "21 to 40 days": "1",
                    "Over 40 days": "0"}  # fmt: skip


def test_handoffs_count_cases_transferred_more_than_once(world, february_cases):
    board = _board(world.administrator)
    assert _rows(board, "handoffs-team") == [["Waste collections", "3", "1", "33.3%"]]
    assert _headline(board, "handoffs")["February 2027"] == "1 of 3 cases (33.3%)"


def test_a_team_manager_sees_only_their_teams_cases(world, february_cases, raise_case):
    raise_case(at(2, 3, 9), topic=world.directory["homeless"])  # area B: team B's
    assert _rows(_board(world.team_manager), "standards-channel")[0][1] == "3"
    assert _rows(_board(world.administrator), "standards-channel")[0][1] == "4"
    assert _rows(_board(world.service_manager), "standards-channel")[0][1] == "1"


def test_satisfaction_sits_beside_its_response_rate_and_a_survey_with_no_answers_is_no_answers(world, customer):
    answered = log(world.officer_a, at(2, 2), customer=customer)
    # Another customer: one is not asked twice within a few weeks.
    other = services.customer_create(by=world.adviser, fields={"name": "Sam Second", "email": "sam@example.org"})
    unanswered = log(world.officer_a, at(2, 3), customer=other)
    with time_machine.travel(at(2, 2, 11), tick=False):
        first = contact_services.survey_invite(contact=answered)
    with time_machine.travel(at(2, 3, 11), tick=False):
        contact_services.survey_invite(contact=unanswered)
        contact_services.survey_answer(invitation=first, satisfaction=4, resolved=True, comment="")
    board = _board(world.administrator)
    assert _rows(board, "satisfaction-customer-type") == [["Individual", "2", "1", "50.0%", "4.00", "100.0%", "100.0%"]]
    headline = _headline(board, "satisfaction")
    assert headline["February 2027"] == "100.0% satisfied, of 1 answers"
    assert headline["Response rate"] == "50.0% of 2 invited"
    # A day whose invitation has no answer yet.
    nobody = _board(world.administrator, {**FEBRUARY, "first_0": "3", "last_0": "3"})
    assert next(s for s in nobody.sections if s.slug == "satisfaction").headline[0].text == "No answers yet"
    assert _rows(nobody, "satisfaction-channel") == [["Phone call", "1", "0", "0.0%", "No answers", "No answers",
                                                      "No answers"]]  # fmt: skip


# The whole council's from the complaint tallies, a team's from its cases' stages.
@pytest.mark.parametrize("viewer", ["administrator", "team_manager"])
def test_complaints_stages_upheld_escalations_causes_and_compliments(world, raise_case, viewer):
    complaint = raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1, summary="Bins missed")
    with time_machine.travel(at(2, 2, 10), tick=False):
        complaint = services.case_claim(case=complaint, by=world.officer_a)
        complaint = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=DECISION)
    with time_machine.travel(at(2, 5, 10), tick=False):
        services.complaint_escalate(case=complaint, by=world.adviser, reason="Not satisfied")
    raise_case(at(2, 8, 9), case_type=CaseType.COMPLAINT_STAGE_1, summary="Rude crew")
    board = _board(world.users[viewer])
    assert board.scope.team_ids is None if viewer == "administrator" else board.scope.team_ids
    assert _rows(board, "complaints-stage") == [
        ["Stage 1: Waste and recycling", "2", "1", "1", "100.0%"],
        ["Stage 2: Waste and recycling", "1", "0", "0", "No data"],
    ]
    headline = _headline(board, "complaints")
    assert headline["Stage 2 escalation rate"] == "50.0% of 2 stage 1 complaints"
    assert headline["Upheld"] == "100.0%"
    assert _rows(board, "complaints-cause") == [["Delay", "1", "1"]]
    assert _rows(board, "complaints-actions")[0][1:] == ["Delay", "Upheld", "Crew retrained"]


def test_a_month_with_a_bank_holiday_is_counted_in_working_time(world, raise_case):
    # Received on Thursday 25 March 2027, before Good Friday (26th) and Easter Monday (29th): the
    # acknowledgement due within a working day is not overdue on the Monday.
    case = raise_case(at(3, 25, 16))
    with time_machine.travel(at(3, 29, 12), tick=False):
        scope = selectors.dashboard_scope(world.administrator)
        form = DashboardForm({}, scope=scope, today=at(3, 29).date())
        assert form.is_valid()
        board = selectors.dashboard_get(user=world.administrator, scope=scope, filters=form.filters())
    assert case.acknowledge_by > at(3, 29, 12)
    assert _headline(board, "standards")["Overdue now"] == "0"
    assert _rows(board, "standards-channel") == [["Email", "1", "No data", "No data", "0"]]


def test_a_reopened_case_counts_once_and_a_paused_clock_is_not_a_miss(world, raise_case):
    paused = raise_case(at(2, 1, 9))
    reopened = raise_case(at(2, 1, 9))
    with time_machine.travel(at(2, 1, 10), tick=False):
        paused = services.case_claim(case=paused, by=world.officer_a)
        services.case_update_publish(case=paused, by=world.officer_a, text="Please send photos")
        services.case_status_set(case=paused, by=world.officer_a, action="pause", reason="Waiting for photos")
        reopened = services.case_claim(case=reopened, by=world.officer_a)
        services.case_update_publish(case=reopened, by=world.officer_a, text="We are on it")
        reopened = services.case_resolve(case=reopened, by=world.officer_a, resolution="Done")
    with time_machine.travel(at(2, 3, 10), tick=False):
        services.case_reopen(case=reopened, by=world.officer_a, reason="The problem is back")
    # Both acknowledged in time. The paused case's reply clock stands still, so its reply is
    # neither met nor missed yet; the reopened case counts once, with the reply it was given on
    # time: 1 of 1.
    assert _rows(_board(world.administrator), "standards-channel") == [["Email", "2", "100.0%", "100.0%", "0"]]


def test_the_figures_about_cases_link_to_the_cases_behind_them(client, world, february_cases):
    board = _board(world.administrator)
    _, received, *_, missed = board.table("standards-channel").rows[0]
    handed_off = board.table("handoffs-team").rows[0][2]
    ages = board.table("standards-age").rows
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.administrator)
        expected = [(received, "3 cases"), (missed, "1 case,"), (handed_off, "1 case,"), (ages[0][1], "1 case,"),
                    (ages[3][1], "1 case,")]  # fmt: skip
        for cell, count in expected:
            assert count in client.get(cell.href).content.decode(), cell.href


def test_the_headline_figures_about_cases_link_to_the_cases_behind_them(client, world, february_cases):
    figures = {(section.slug, figure.label): figure for section in _board(world.administrator).sections
               for figure in section.headline}  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.administrator)
        expected = [(("standards", "Open now"), "2 cases"), (("standards", "Overdue now"), "1 case,"),
                    (("handoffs", "February 2027"), "1 case,"),
                    (("complaints", "Compliments"), "No cases match")]  # fmt: skip
        for key, words in expected:
            assert words in client.get(figures[key].href).content.decode(), key


@pytest.mark.parametrize("manager", ["team_manager", "service_manager"])
def test_a_managers_case_figures_link_to_their_scopes_cases_only(client, world, february_cases, raise_case, manager):
    # Managers may see more cases than their dashboards count (triage: the unrouted ones, with
    # no team or area): those are in their list of cases, not in the lists the figures link to.
    raise_case(at(2, 5), topic=world.directory["homeless"])
    raise_case(at(2, 6), topic=None, summary="Not sure who deals with this")
    user = world.users[manager]
    board = _board(user)
    slugs = ("standards-channel", "standards-type", "standards-age", "handoffs-service")
    cells = [cell for slug in slugs if board.table(slug) for row in board.table(slug).rows
             for cell in row if cell.href]  # fmt: skip
    assert cells
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        for cell in cells:
            response = client.get(cell.href)
            listed = response.context["page"].paginator.count
            assert listed == cell.value, cell.href


def test_open_cases_are_aged_in_calendar_days_as_their_links_are(client, world, raise_case):
    # Received late on the 16th and seen early on the 22nd: not six 24-hour days, but six
    # calendar days ago, so "6 to 10 days", in the figure as in the list it links to.
    raise_case(at(2, 16, 23))
    early = at(2, 22, 1)
    with time_machine.travel(early, tick=False):
        scope = selectors.dashboard_scope(world.administrator)
        form = DashboardForm(FEBRUARY, scope=scope, today=early.date())
        assert form.is_valid()
        board = selectors.dashboard_get(user=world.administrator, scope=scope, filters=form.filters())
        ages = {row[0].text: row[1] for row in board.table("standards-age").rows}
        assert ages["Up to 5 days"].value == 0 and ages["6 to 10 days"].value == 1
        client.force_login(world.administrator)
        assert client.get(ages["6 to 10 days"].href).context["page"].paginator.count == 1
        assert client.get(ages["Up to 5 days"].href).context["page"].paginator.count == 0


def test_escalations_extensions_and_complaint_stages_link_to_the_cases_they_happened_to(
    client, world, raise_case, policy
):
    complaint = raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1, summary="Bins missed")
    with time_machine.travel(at(2, 2, 10), tick=False):
        complaint = services.case_claim(case=complaint, by=world.officer_a)
        complaint = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=DECISION)
    with time_machine.travel(at(2, 5, 10), tick=False):
        complaint = services.complaint_escalate(case=complaint, by=world.adviser, reason="Not satisfied")
    with time_machine.travel(at(2, 8, 10), tick=False):
        services.case_extend(case=complaint, by=world.officer_a, days=5, reason="Waiting for the contractor")
    # Never acknowledged (due by 1pm under the email standard): escalated at 2pm, and up the
    # rest of the ladder's three steps by the run two days later.
    raise_case(at(2, 1, 9))
    for when in (at(2, 1, 14), at(2, 3, 12)):
        with time_machine.travel(when, tick=False):
            services.chase_run()
    board = _board(world.administrator)
    headline = {figure.label: figure for figure in next(s for s in board.sections if s.slug == "standards").headline}
    assert headline["Escalations by the chaser"].text == "3 escalations"
    assert headline["Extensions granted"].text == "1 extension"
    complaints = {figure.label: figure for figure in next(s for s in board.sections if s.slug == "complaints").headline}
    cells = [cell for slug in ("complaints-stage", "complaints-cause") for row in board.table(slug).rows
             for cell in row if cell.href]  # fmt: skip
    assert [cell.value for cell in cells] == [1, 1, 1, 1, 0, 0, 1, 1]
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.administrator)

        def listed(href):
            return client.get(href).context["page"].paginator.count

        assert listed(headline["Escalations by the chaser"].href) == 1
        assert listed(headline["Extensions granted"].href) == 1
        # Two stages begun, of one case.
        assert listed(complaints["February 2027"].href) == 1
        assert listed(complaints["Stage 2 escalation rate"].href) == 1
        for cell in cells:
            assert listed(cell.href) == cell.value, cell.href
    # Nothing had happened the month before.
    january = _board(world.administrator, {**FEBRUARY, "first_1": "1", "last_0": "31", "last_1": "1"})
    assert _headline(january, "standards")["Escalations by the chaser"] == "No escalations"


# Invited, by service: the whole council's and the service manager's from the tally, the team
# manager's from the rows (an invitation's team is its case's or adviser's).
EACH_SEES = {
    "administrator": [["Housing", "2"], ["Waste and recycling", "1"]],
    "councillor": [["Housing", "2"], ["Waste and recycling", "1"]],
    "service_manager": [["Housing", "2"]],
    "team_manager": [["Waste and recycling", "1"]],
}


@pytest.mark.parametrize("viewer", sorted(EACH_SEES))
def test_satisfaction_counts_the_surveys_each_viewer_may_read(world, viewer):
    taken = [(world.officer_a, "bulky"), (world.officer_b, "homeless"), (world.adviser, "homeless")]
    for index, (adviser, topic) in enumerate(taken):
        customer = services.customer_create(
            by=world.adviser, fields={"name": f"Customer {index}", "email": f"c{index}@example.org"}
        )
        contact = log(adviser, at(2, 2 + index), customer=customer, topic=world.directory[topic])
        contact_services.survey_invite(contact=contact, sent_at=at(2, 2 + index, 11))
    rows = _rows(_board(world.users[viewer]), "satisfaction-service-area")
    assert [row[:2] for row in rows] == EACH_SEES[viewer]


@pytest.mark.parametrize("viewer", ["administrator", "team_manager"])
def test_the_satisfaction_figures_link_to_the_surveys_behind_them(client, world, customer, viewer):
    answered = log(world.officer_a, at(2, 2), customer=customer)
    other = services.customer_create(by=world.adviser, fields={"name": "Sam Second", "email": "sam@example.org"})
    # Taken by the adviser, who is in no team: not the team manager's.
    unanswered = log(world.adviser, at(2, 3), customer=other)
    with time_machine.travel(at(2, 2, 11), tick=False):
        first = contact_services.survey_invite(contact=answered)
    with time_machine.travel(at(2, 3, 11), tick=False):
        contact_services.survey_invite(contact=unanswered)
        contact_services.survey_answer(invitation=first, satisfaction=2, resolved=False, comment="Slow")
    user = world.users[viewer]
    board = _board(user)
    cells = [cell for slug in ("satisfaction-customer-type", "satisfaction-channel", "satisfaction-service-area")
             for row in board.table(slug).rows for cell in row if cell.href]  # fmt: skip
    figures = next(s for s in board.sections if s.slug == "satisfaction").headline
    invited = 2 if viewer == "administrator" else 1
    assert [figure.text for figure in figures[:2]] == [
        "0.0% satisfied, of 1 answers",
        f"{100 / invited:.1f}% of {invited} invited",
    ]
    assert cells and all(cell.value in (1, 2) for cell in cells)
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        for href, count in [*((cell.href, cell.value) for cell in cells), (figures[0].href, 1),
                            (figures[1].href, invited)]:  # fmt: skip
            assert client.get(href).context["page"].paginator.count == count, href
