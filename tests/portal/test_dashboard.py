"""The managers' dashboard: each figure against hand-counted contacts and cases, the target in
force, the period and filters (bad input too), each role's scope (404 outside it), the CSV of
every table with its cells neutralised, the drill-down links, and the page's query count."""

import csv
import datetime as dt
import io
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from cases.services import customer_create
from contacts.models import Contact
from directory.models import Partner
from directory.services import entry_create
from portal import selectors
from portal.forms import DashboardForm

from .dashboard_world import at, log

DASHBOARD = reverse("portal:dashboard")
FEBRUARY = {"first_0": "1", "first_1": "2", "first_2": "2027", "last_0": "28", "last_1": "2", "last_2": "2027"}


def _board(user, **data):
    with time_machine.travel(at(3, 10), tick=False):
        scope = selectors.dashboard_scope(user)
        form = DashboardForm(data or FEBRUARY, scope=scope, today=at(3, 10).date())
        assert form.is_valid(), form.errors
        return selectors.dashboard_get(user=user, scope=scope, filters=form.filters())


def _rows(board, slug):
    return [[cell.text for cell in row] for row in board.table(slug).rows]


def test_first_point_resolution_by_channel_team_and_adviser(world, february):
    board = _board(world.administrator)
    fpr = board.sections[0]
    assert [figure[:2] for figure in fpr.headline] == [
        ("February 2027", "57.1% of 7 logged contacts"),
        ("January 2027", "100.0% of 1 logged contacts"),
        ("Target", "45%"),
    ]
    assert _rows(board, "fpr-channel") == [["Email", "1", "1", "100.0%"], ["Phone call", "6", "3", "50.0%"]]
    assert _rows(board, "fpr-team") == [
        ["Waste collections", "4", "3", "75.0%"],
        ["No team recorded", "3", "1", "33.3%"],
    ]
    assert _rows(board, "fpr-adviser") == [["Amira Khan", "3", "1", "33.3%"], ["Owen Officer A", "4", "3", "75.0%"]]
    trend = _rows(board, "fpr-trend")
    assert len(trend) == 12 and trend[0][0] == "Mar 2026" and trend[-1][0] == "Feb 2027"
    assert trend[-2] == ["Jan 2027", "1", "1", "100.0%", "No target set"]
    assert trend[-1] == ["Feb 2027", "7", "4", "57.1%", "45%"]


def test_no_contacts_at_all_is_no_data_not_zero(world):
    board = _board(world.administrator)
    assert board.sections[0].headline[0][:2] == ("February 2027", "No logged contacts")
    assert board.table("fpr-channel").rows == []
    assert _rows(board, "fpr-trend")[-1] == ["Feb 2027", "0", "0", "No data", "45%"]


def test_a_contact_whose_outcome_changed_counts_as_it_is_now(world, february):
    # Corrected afterwards (the one write a test may make directly: an edit the product has not
    # got yet). The figure is a count of the rows as they are, so it follows.
    Contact.objects.filter(pk=february[6].pk).update(outcome="resolved", passed_to=None)
    assert _board(world.administrator).sections[0].headline[0][:2] == ("February 2027", "71.4% of 7 logged contacts")


def test_signposting_and_avoidable_contact(world, february):
    board = _board(world.administrator)
    assert _rows(board, "signposting-partner") == [["Wyeshire County Council", "2", "28.6%"]]
    services = _rows(board, "avoidable-service")
    assert ["Housing", "1", "0", "0.0%"] in services and ["No topic recorded", "5", "0", "0.0%"] in services


def test_busiest_hours_and_weekdays(world, february):
    rows = {row[0]: row[1:] for row in _rows(_board(world.administrator), "demand-hours")}
    # 1 Feb 2027 is a Monday: 09:00; the 2nd (Tuesday) 14:00; the 26th (Friday) 16:00.
    assert rows["09:00 to 10:00"] == ["1", "0", "0", "0", "0", "0", "0"]
    assert rows["14:00 to 15:00"] == ["0", "1", "0", "0", "0", "0", "0"]
    assert rows["16:00 to 17:00"] == ["0", "0", "0", "0", "1", "0", "0"]


def test_the_figures_equal_a_recount_from_the_rows_also_just_after_a_write(world, february):
    def recount():
        logged = Contact.objects.filter(adviser__isnull=False, started_at__gte=at(2, 1, 0), started_at__lt=at(3, 1, 0))
        return logged.count(), logged.filter(outcome="resolved").count()

    def shown():
        trend = _rows(_board(world.administrator), "fpr-trend")[-1]
        return int(trend[1]), int(trend[2])

    assert shown() == recount() == (7, 4)
    log(world.officer_a, at(2, 20))
    assert shown() == recount() == (8, 5)


def test_team_managers_see_their_team_and_service_managers_their_area(world, february):
    team = _board(world.team_manager)
    assert team.scope.label == "Waste collections"
    assert team.sections[0].headline[0][:2] == ("February 2027", "75.0% of 4 logged contacts")
    assert [row[0] for row in _rows(team, "fpr-adviser")] == ["Owen Officer A"]
    area = _board(world.service_manager)
    assert area.scope.label == "Housing"
    # Only the homelessness contact is about housing, and no adviser of housing logged any.
    assert area.sections[0].headline[0][:2] == ("February 2027", "100.0% of 1 logged contacts")


@pytest.mark.parametrize(
    ("user", "status"),
    [("administrator", 200), ("service_manager", 200), ("team_manager", 200), ("adviser", 403), ("officer_a", 403),
     ("councillor", 200), ("no_role", 403)],
)  # fmt: skip
def test_who_may_see_the_dashboard(client, world, user, status):
    client.force_login(world.users[user])
    response = client.get(DASHBOARD)
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("user", "query"),
    [("team_manager", {"team": "team_b"}), ("team_manager", {"area": "area_b"}),
     ("service_manager", {"area": "area_a"}), ("service_manager", {"team": "team_a"}),
     ("administrator", {"team": 999999}), ("administrator", {"area": 999999})],
)  # fmt: skip
def test_an_area_or_team_outside_the_scope_is_404(client, world, user, query):
    client.force_login(world.users[user])
    name, value = next(iter(query.items()))
    pk = getattr(world, value).pk if isinstance(value, str) else value
    assert client.get(DASHBOARD, {name: pk}).status_code == 404


def test_a_table_downloads_under_a_filter_that_is_not_an_id(client, world):
    client.force_login(world.administrator)
    response = client.get(DASHBOARD, {"table": "fpr-channel", "area": "9" * 5000})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**FEBRUARY, "last_0": "1", "last_1": "1"}, "The last day must be the same as or after the first day"),
        ({**FEBRUARY, "first_2": "2017"}, "The period must be at most 3 years long"),
        ({**FEBRUARY, "first_0": "31", "first_1": "2"}, "The first day must be a real date"),
        ({"first_0": "1", "first_1": "1", "first_2": "2099"}, "The first day must be today or in the past"),
        ({"team": "abc"}, "Select a team from the list"),
        ({"channel": "pigeon"}, "Select a channel from the list"),
        ({"first_0": "<script>", "first_1": "2", "first_2": "2027"}, "The first day must be a real date"),
        # Digits to str.isdigit that int() refuses, and more digits than int() reads.
        ({"team": "\u00b2"}, "Select a team from the list"),
        ({"area": "\u00b3"}, "Select a service area from the list"),
        ({"team": "9" * 5000}, "Select a team from the list"),
    ],
)
def test_bad_filters_are_errors_on_the_page_and_the_defaults_are_kept(client, world, data, message):
    client.force_login(world.administrator)
    response = client.get(DASHBOARD, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "<script>" not in body
    assert "There is a problem" in body


def test_an_empty_form_is_this_month_so_far_against_last_month(client, world):
    with time_machine.travel(at(3, 10), tick=False):
        # Signed in at the travelled time: a session from today would have expired by then.
        client.force_login(world.administrator)
        body = client.get(DASHBOARD, {"first_0": "", "first_1": "", "first_2": "", "team": "", "channel": ""})
    text = body.content.decode()
    assert "1 to 10 March 2027" in text and "compared with February 2027" in text
    assert "There is a problem" not in text


def test_a_tables_words_are_escaped_on_the_page(client, world, february):
    # Table rows are written in Python (table_rows), not by the template's autoescape.
    hostile = entry_create(model=Partner, by=None, fields={"name": "<script>alert(1)</script>", "slug": "script",
                                                           "handles": "Nothing", "phone": "01632 960902"})  # fmt: skip
    log(world.adviser, at(2, 6), outcome="signposted", partner=hostile)
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(world.administrator)
        body = client.get(DASHBOARD, FEBRUARY).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_every_table_downloads_as_csv_with_cells_neutralised(client, world, february):
    hostile = entry_create(model=Partner, by=None, fields={"name": "=HYPERLINK(\"http://x\")", "slug": "hostile",
                                                           "handles": "Nothing", "phone": "01632 960901"})  # fmt: skip
    log(world.adviser, at(2, 6), outcome="signposted", partner=hostile)
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(world.administrator)
        board = client.get(DASHBOARD, FEBRUARY).content.decode()
        response = client.get(DASHBOARD, {**FEBRUARY, "table": "signposting-partner"})
    assert response["Content-Type"].startswith("text/csv")
    assert "signposting-partner-2027-02-01-to-2027-02-28.csv" in response["Content-Disposition"]
    # With a byte order mark, so that a spreadsheet reads "£" as UTF-8.
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Partner", "Contacts signposted", "Share of logged contacts"]
    assert ['\'=HYPERLINK("http://x")', "1", "12.5"] in rows
    for slug in ("fpr-channel", "fpr-team", "fpr-adviser", "fpr-trend", "standards-team", "standards-age",
                 "demand-month", "demand-district", "demand-hours", "demand-reception", "avoidable-month",
                 "avoidable-service", "handoffs-team", "handoffs-service"):  # fmt: skip
        assert f"table={slug}" in board
        assert client.get(DASHBOARD, {**FEBRUARY, "table": slug}).status_code == 200
    assert client.get(DASHBOARD, {"table": "nothing"}).status_code == 404


def test_each_figure_links_to_the_contacts_behind_it(client, world, february):
    board = _board(world.administrator)
    phone = board.table("fpr-channel").rows[1]
    client.force_login(world.administrator)
    resolved = client.get(phone[2].href)
    assert resolved.status_code == 200
    assert "3 contacts, newest first" in resolved.content.decode()
    team = board.table("fpr-team").rows[0]
    assert "4 contacts, newest first" in client.get(team[1].href).content.decode()
    partner = board.table("signposting-partner").rows[0]
    assert "2 contacts, newest first" in client.get(partner[1].href).content.decode()


def test_each_headline_figure_links_to_the_contacts_behind_it(client, world, february):
    figures = {(section.slug, figure.label): figure for section in _board(world.administrator).sections
               for figure in section.headline}  # fmt: skip
    client.force_login(world.administrator)
    # The period's logged contacts (7), January's (1), all contacts (7: none online), the online
    # ones (none), the avoidable ones (none) and the signposted (2).
    expected = [(("fpr", "February 2027"), "7 contacts,"), (("fpr", "January 2027"), "1 contact,"),
                (("demand", "February 2027"), "7 contacts,"), (("demand", "Digital take-up"), "No contacts match"),
                (("avoidable", "February 2027"), "No contacts match"),
                (("signposting", "Signposted, February 2027"), "2 contacts,")]  # fmt: skip
    for key, words in expected:
        assert words in client.get(figures[key].href).content.decode(), key
    # A target and a cost are not rows: nothing to link to.
    assert not figures["fpr", "Target"].href and not figures["cost", "February 2027"].href


def test_the_dashboard_query_count(client, world, february, django_assert_num_queries):
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(world.administrator)
        client.get(DASHBOARD, FEBRUARY)
        # Session and user (2), permissions (2: the user's and their groups'), the scope's teams
        # and areas (2); the tallies (6: contacts by adviser, by area and partner, by hour, by
        # district; cases by team and type, by channel and area); names (4: every team, area and
        # partner, the advisers named); targets (3: first-point resolution, digital take-up,
        # satisfaction); standards 3 (the age bands with overdue, escalations, extensions);
        # reception waits 1; the costs 1; satisfaction 1 (by customer type, channel and service
        # at once, from the survey tally); complaints 4 (the tallies of stages begun by stage and
        # service and of those decided by root cause, stage 2 escalations, actions).
        with django_assert_num_queries(29):
            assert client.get(DASHBOARD, FEBRUARY).status_code == 200


def test_councillors_see_the_whole_council_without_names_or_links(client, world, february):
    board = _board(world.councillor)
    assert board.scope.summary and board.scope.label == "the whole council"
    # Counted over every contact, though a councillor may open none of them.
    assert board.sections[0].headline[0][:2] == ("February 2027", "57.1% of 7 logged contacts")
    assert board.table("fpr-adviser") is None and board.table("complaints-actions") is None
    assert not [cell for section in board.sections for table in section.tables for row in table.rows
                for cell in row if cell.href]  # fmt: skip
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(world.councillor)
        body = client.get(DASHBOARD, FEBRUARY).content.decode()
    assert "council-wide summary for councillors" in body
    assert "Amira Khan" not in body and "/staff/contacts/?" not in body


def test_cost_to_serve_and_what_the_channel_mix_saved(world, february):
    # February 2026: two visits to reception (£10.53 each, the seeded sector estimate).
    log(world.officer_a, at(2, 3).replace(year=2026), channel="face_to_face")
    log(world.officer_a, at(2, 4).replace(year=2026), channel="face_to_face")
    board = _board(world.administrator)
    assert _rows(board, "cost-channel") == [
        ["Phone call", "6", "£3.39", "£20.34", "0", "£0.00"],
        ["Email", "1", "Not costed", "Not costed", "0", "Not costed"],
        ["Face to face", "0", "£10.53", "£0.00", "2", "£21.06"],
    ]
    headline = {
        figure.label: figure.text
        for figure in next(section for section in board.sections if section.slug == "cost").headline
    }
    assert headline["February 2027"] == "£20.34 for 6 costed contacts (1 on channels not costed)"
    assert headline["February 2026"] == "£21.06 for 2 costed contacts"
    # Six contacts at last year's £10.53 a contact would have cost £63.18.
    assert headline["Saved by the change in channel mix"] == "£42.84"


def test_take_up_by_district_links_to_the_contacts_behind_it(client, world, february):
    resident = customer_create(by=world.adviser, fields={"name": "Wyn Postcode", "postcode": "wy1 2ab"})
    log(world.officer_a, at(2, 9), customer=resident)
    rows = {row[0].text: row for row in _board(world.administrator).table("demand-district").rows}
    assert [cell.text for cell in rows["WY1"][1:]] == ["1", "0", "0.0%"]
    client.force_login(world.administrator)
    assert "1 contact," in client.get(rows["WY1"][1].href).content.decode()
    assert "No contacts match" in client.get(rows["WY1"][2].href).content.decode()
    # Anonymous callers: the district not known.
    assert "7 contacts," in client.get(rows["Not known"][1].href).content.decode()
    # The busiest times: Tuesday 9 February, 10am (the contact above).
    hours = {row[0].text: row for row in _board(world.administrator).table("demand-hours").rows}
    tuesday_ten = hours["10:00 to 11:00"][2]
    assert tuesday_ten.value >= 1
    listed = client.get(tuesday_ten.href).context["page"].paginator.count
    assert listed == tuesday_ten.value
    body = client.get(reverse("contacts:contact-list"), {"district": "<script>"}).content.decode()
    assert "Enter a postcode district, like WY1" in body and "<script>" not in body


def test_the_costed_counts_link_to_the_contacts_behind_them(client, world, february):
    log(world.officer_a, at(2, 3).replace(year=2026), channel="face_to_face")
    log(world.officer_a, at(2, 4).replace(year=2026), channel="face_to_face")
    rows = {row[0].text: row for row in _board(world.administrator).table("cost-channel").rows}
    client.force_login(world.administrator)
    assert "6 contacts," in client.get(rows["Phone call"][1].href).content.decode()
    assert "2 contacts," in client.get(rows["Face to face"][4].href).content.decode()


def test_a_channel_mix_that_cost_more_says_so_not_a_negative_saving(world):
    # A phone call a year earlier, a visit to reception now: the dearer channel.
    log(world.officer_a, at(2, 3).replace(year=2026), channel="phone")
    log(world.officer_a, at(2, 3), channel="face_to_face")
    cost = next(s for s in _board(world.administrator).sections if s.slug == "cost")
    saved = {figure.label: figure.text for figure in cost.headline}["Saved by the change in channel mix"]
    assert saved.startswith("Nothing: the channel mix cost \u00a3") and saved.endswith(" more") and "-" not in saved


def test_cost_to_serve_with_nothing_a_year_earlier_says_so(world, february):
    headline = {
        figure.label: figure.text
        for figure in next(s for s in _board(world.administrator).sections if s.slug == "cost").headline
    }
    saved = headline["Saved by the change in channel mix"]
    assert saved == "Nothing to compare: no costed contacts in one of the periods"


def test_the_charts_are_svg_beside_their_tables_escaped_and_without_style(world, february):
    from portal.selectors import Chart
    from portal.templatetags.dashboard_charts import bar_chart

    chart = _board(world.administrator).table("fpr-trend").chart
    assert chart.bars[-1] == ("Feb 2027", 57.1) and chart.bars[0] == ("Mar 2026", None) and chart.target == 45.0
    svg = str(bar_chart(chart, "fpr-trend"))
    assert 'role="img"' in svg and "No data" in svg and "57.1%" in svg and "stroke-dasharray" in svg
    assert "style=" not in svg and "<script" not in svg
    hostile = str(bar_chart(Chart("<b>t</b>", "c", [("<script>", 5.0)], percent=False), "x"))
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile and "&lt;b&gt;" in hostile
    assert bar_chart(None, "x") == ""


def test_a_year_earlier_is_the_same_days_and_whole_months_stay_whole():
    period = selectors.Period
    assert selectors.year_before(period(dt.date(2024, 3, 1), dt.date(2025, 2, 28))) == period(
        dt.date(2023, 3, 1), dt.date(2024, 2, 29)
    )
    assert selectors.year_before(period(dt.date(2025, 2, 10), dt.date(2025, 2, 20))) == period(
        dt.date(2024, 2, 10), dt.date(2024, 2, 20)
    )
    assert selectors.year_before(period(dt.date(2024, 2, 29), dt.date(2024, 2, 29))) == period(
        dt.date(2023, 2, 28), dt.date(2023, 2, 28)
    )


def test_reception_waits_by_hour_link_to_the_visits_behind_them(client, world):
    from contacts import services

    def visit(arrived, called):
        with time_machine.travel(arrived, tick=False):
            checked_in = services.visit_check_in(by=world.adviser, fields={"reason": "Council tax"})
        with time_machine.travel(called, tick=False):
            services.visit_call(visit=checked_in, by=world.adviser)

    # Two seen in the 9 o'clock hour (waits of 10 and 20 minutes), one at 2pm (a minute); one who
    # left without being seen is not a wait.
    visit(at(2, 2, 9), at(2, 2, 9) + dt.timedelta(minutes=10))
    visit(at(2, 3, 9) + dt.timedelta(minutes=30), at(2, 3, 9) + dt.timedelta(minutes=50))
    visit(at(2, 4, 14), at(2, 4, 14) + dt.timedelta(minutes=1))
    with time_machine.travel(at(2, 4, 15), tick=False):
        services.visit_leave(visit=services.visit_check_in(by=world.adviser, fields={"reason": "Bins"}),
                             by=world.adviser)  # fmt: skip
    board = _board(world.administrator)
    assert _rows(board, "demand-reception") == [["09:00", "2", "15.0", "20.0"], ["14:00", "1", "1.0", "1.0"]]
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(world.administrator)
        for row in board.table("demand-reception").rows:
            assert client.get(row[1].href).context["page"].paginator.count == row[1].value, row[1].href


@pytest.mark.parametrize("viewer", ["administrator", "team_manager", "service_manager"])
def test_every_linked_figure_lists_as_many_as_it_counts(client, world, february, viewer):
    user = world.users[viewer]
    board = _board(user)
    cells = [(table.slug, cell) for section in board.sections for table in section.tables for row in table.rows
             for cell in row if cell.href]  # fmt: skip
    assert len(cells) > 10
    with time_machine.travel(at(3, 10), tick=False):
        client.force_login(user)
        for slug, cell in cells:
            assert client.get(cell.href).context["page"].paginator.count == cell.value, (slug, cell.href)


@pytest.mark.parametrize("value", [7, "complaint_1", "2027", "a b&c=d", "£5 + <b>", "dépôt", "~.-_", "", None, True])
def test_the_links_queries_are_written_as_urlencode_writes_them(value):
    params = {"team": value, "happened_from_0": 1, "odd key&": value}
    assert selectors._query(params) == urlencode(params)
