"""Regressions for what walking the cases pages in a real browser found."""

import pytest

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_wide_tables_never_make_a_320px_page_scroll_sideways(page, live_server, axe, world, rules, case_make, sign_in):
    """WCAG 1.4.10 reflow: a table scrolls inside its own box. The queues table had no box, the rule
    test's table had none, and the rule list's visually hidden link text ("Change rule 10, ...")
    is absolutely positioned, so it escaped an unpositioned box and widened the whole page."""
    case_make()
    sign_in(page, live_server, world.team_manager)
    page.set_viewport_size(NARROW)
    for path in (
        "/staff/cases/",
        "/staff/routing-rules/",
        # A sample no rule matches: every rule is listed with why it missed.
        "/staff/routing-rules/test/?case_type=compliment&channel=letter&text=nothing+matches",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator(".govuk-table").count(), path
        assert _page_width(page) <= NARROW["width"], path
        axe(page)


def test_the_queue_table_fits_a_desktop_screen(
    page, live_server, axe, world, rules, case_make, response_standards, sign_in
):
    """With the filters in a column beside it, the queue's table was wider than its column at every
    desktop width, so its "Due" column was cut off; the filters now fold away above it."""
    from cases import services
    from cases.models import CaseType

    neighbours = services.customer_create(
        by=world.adviser, fields={"name": "Wyebridge Neighbourhood Association", "email": "wna@example.org"}
    )
    case_make(customer=neighbours, case_type=CaseType.COMPLAINT_STAGE_1, summary="Assisted collections: overlooked")
    sign_in(page, live_server, world.officer_a)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/staff/cases/queues/{world.team_a.slug}/")
    box = page.locator(".app-table-wrapper")
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth")
    page.get_by_text("Filter the cases").click()
    page.get_by_label("Status", exact=True).select_option(label="Routed")
    page.get_by_role("button", name="Filter cases").click()
    # Filtered, the filters stay open to show what was chosen.
    assert page.get_by_label("Status", exact=True).is_visible()
    axe(page)
