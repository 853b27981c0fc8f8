"""The printed phone guide (issue #11) is a guide: a contents page, a section per service area with
its teams' numbers and out-of-hours arrangements and its officers, the partners, an index of
topics; no "away today" (stale on paper) and each web address once. On the demo directory
(about 15 areas, 40 teams, 150 officers, 10 partners, 300 topics) it prints on about 20 A4 pages,
where it took 85 before."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from directory import services
from directory.models import Absence, Officer, Partner, ServiceArea, Team, Topic
from tests.factories import user_make

PRINT = reverse("directory:phone-guide-print")
CSS = Path(settings.BASE_DIR) / "static" / "portal" / "portal.css"
# The contents, a page per service area, the partners, and the index of topics over a few pages.
MOST_PAGES = 22


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _pdf_pages(pdf: bytes) -> int:
    # Page objects are "/Type /Page"; the page tree is "/Type /Pages".
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture
def demo_print(demo_directory, db, client):
    """The print view of the demo directory, as an adviser gets it, with one officer away."""
    officer = Officer.objects.select_related("team").first()
    now = timezone.now()
    services.entry_create(model=Absence, by=None, fields={
        "officer": officer, "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(days=1),
        "reason": Absence.Reason.SICKNESS, "caller_note": "Ask for the team leader",
    })  # fmt: skip
    client.force_login(user_make("Adviser"))
    return client.get(PRINT)


def test_demo_is_demo_sized(demo_print):
    assert ServiceArea.objects.count() >= 12 and Team.objects.count() >= 30
    assert Officer.objects.count() >= 100 and Partner.objects.count() >= 8 and Topic.objects.count() >= 250


def test_the_print_view_is_a_guide(demo_print):
    page = _text(demo_print)
    assert "OFFICIAL \u2013 for council staff only: do not give internal numbers to callers." in page
    assert "Printed " in page
    # A contents entry (and anchor) for every area, the partners and the index.
    for area in ServiceArea.objects.all():
        assert f'href="#area-{area.slug}"' in page and f'id="area-{area.slug}"' in page
    assert 'href="#partners-heading"' in page and 'href="#topics-heading"' in page
    # Teams with both numbers and out of hours; officers with their lines and the "may be given" mark.
    team = Team.objects.exclude(internal_phone="").exclude(public_phone="").exclude(out_of_hours="").first()
    assert team.internal_phone in page and team.public_phone in page and team.out_of_hours in page
    shareable = Officer.objects.filter(number_shareable=True).exclude(direct_line="").first()
    assert f"{shareable.direct_line}</span> <strong>may be given</strong>" in page
    # Nothing about who is away: it is stale on paper.
    assert "Not available" not in page and "Ask for the team leader" not in page and "Sickness" not in page
    # Every topic in the index, A to Z.
    index = page[page.index('id="topics-heading"') :]
    names = re.findall(r"<li>(.*?): <strong>", index)
    expected = sorted(Topic.objects.values_list("name", flat=True), key=str.casefold)
    assert names == [escape(name) for name in expected]


def test_web_addresses_once_per_area_or_partner(demo_print):
    page = _text(demo_print)
    sites = {*ServiceArea.objects.values_list("web_url", flat=True), *Partner.objects.values_list("web_url", flat=True)}
    for area in ServiceArea.objects.exclude(web_url=""):
        assert page.count(f"Web: {area.web_url}") == 1
    for url in Topic.objects.exclude(online_url="").exclude(online_url__in=sites).values_list("online_url", flat=True):
        assert url not in page  # never a topic's own address


@pytest.mark.browser
def test_the_demo_guide_prints_on_about_20_pages(demo_print, page):
    """Chromium's own print layout (print media, A4), with the site's stylesheet."""
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96dpi
    page.set_content(demo_print.content.decode(), wait_until="domcontentloaded")
    page.add_style_tag(path=str(CSS))
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= 794  # nothing wider than the page
    # Every page is a "guide" page, whose margin boxes carry the marking and "Page n of N" (a box
    # that is floated, like a GOV.UK grid column, would not get the named page).
    assert page.evaluate("getComputedStyle(document.body).page") == "guide"
    page_rule = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
              .filter(r => r instanceof CSSPageRule && r.selectorText === "guide").map(r => r.cssText).join()"""
    )
    assert 'counter(page) " of " counter(pages)' in page_rule and "OFFICIAL" in page_rule
    pages = _pdf_pages(page.pdf(format="A4"))
    areas = ServiceArea.objects.count()
    # At least a page per service area after the contents; at most about 20 (85 before issue #11).
    assert areas + 3 <= pages <= MOST_PAGES, pages
