"""The accessibility statement (what the 2018 regulations require) and the accessibility settings
page: back to the page you came from, never anywhere else, and valid HTML."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from directory import services
from portal.settings import env_date

SETTINGS = reverse("portal:accessibility-settings")
STATEMENT = reverse("portal:accessibility-statement")


def _text(response) -> str:
    return response.content.decode()


class _FormNesting(HTMLParser):
    """The deepest nesting of <form> elements on a page (valid HTML: 1 at most)."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def _form_depth(html: str) -> int:
    parser = _FormNesting()
    parser.feed(html)
    return parser.deepest


# --- The statement -------------------------------------------------------------------------------


def test_statement_has_what_the_regulations_require(client, db):
    page = _text(client.get(STATEMENT))
    assert (
        "This website is partially compliant with the "
        '<a class="govuk-link" href="https://www.w3.org/TR/WCAG22/">'
        "Web Content Accessibility Guidelines version 2.2</a>"
        " AA standard, due to the non-compliances listed below." in page
    )
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website\N{RIGHT SINGLE QUOTATION MARK}s accessibility",
        "Compliance status",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Preparation of this statement",
    ):
        assert f">{heading}</h" in page, heading
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    assert "2.2.1" in page  # the known non-compliance, named by its success criterion
    assert "This statement was prepared on 20 November 2026. It was last reviewed on 2 December 2026." in page


def test_statement_dates_come_from_settings(client, db, settings):
    settings.ACCESSIBILITY_STATEMENT_PREPARED = dt.date(2027, 1, 4)
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = dt.date(2027, 3, 1)
    page = _text(client.get(STATEMENT))
    assert "prepared on 4 January 2027. It was last reviewed on 1 March 2027." in page


@pytest.mark.parametrize("raw", ["2026-13-01", "tomorrow", "20/11/2026"])
def test_statement_date_settings_must_be_dates(monkeypatch, raw):
    monkeypatch.setenv("ACCESSIBILITY_STATEMENT_PREPARED", raw)
    with pytest.raises(ImproperlyConfigured, match="ACCESSIBILITY_STATEMENT_PREPARED"):
        env_date("ACCESSIBILITY_STATEMENT_PREPARED", default="2026-11-20")


def test_statement_contact_details_or_a_sensible_sentence(client, db, django_capture_on_commit_callbacks):
    page = _text(client.get(STATEMENT))
    assert "contact Wyebridge District Council customer services by phone, in writing or at any council office" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_details_update(
            by=None, fields={"phone": "01632 960000", "email": "access@example.gov.uk", "opening_hours": ""}
        )
    page = _text(client.get(STATEMENT))
    assert 'href="tel:+441632960000"' in page and 'href="mailto:access@example.gov.uk"' in page
    assert "customer services by phone, in writing" not in page


# --- The settings page ---------------------------------------------------------------------------


def test_settings_links_carry_the_page_you_were_on(client, db):
    for url in ("/", "/services/", STATEMENT):
        page = _text(client.get(url))
        assert f'href="{SETTINGS}?next={url}"' in page, url


def test_settings_page_has_no_form_inside_a_form(client, db):
    assert _form_depth(_text(client.get(SETTINGS))) == 1
    response = client.post(SETTINGS, {"colour": "nonsense", "text_size": "large"})
    assert response.status_code == 200 and _form_depth(_text(response)) == 1


def test_saving_offers_the_way_back(client, db):
    page = _text(client.get(SETTINGS, {"next": "/services/search/?q=bins&page=2"}))
    assert 'name="next" value="/services/search/?q=bins&amp;page=2"' in page
    assert 'href="/services/search/?q=bins&amp;page=2">Go back to the page you were on</a>' in page
    response = client.post(
        SETTINGS, {"colour": "dark", "text_size": "large", "next": "/services/search/?q=bins&page=2"}, follow=True
    )
    page = _text(response)
    assert "Your accessibility settings have been saved." in page
    assert 'href="/services/search/?q=bins&amp;page=2">Go back to the page you were on</a>' in page
    assert response.cookies or client.cookies  # the choice is remembered


@pytest.mark.parametrize(
    "hostile",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/ok\x00",
        "/ok\r\nSet-Cookie: x=1",
        "%2F%2Fevil.example",
        "/" + "a" * 5000,
        SETTINGS,
        "",
    ],
)
def test_next_is_only_ever_a_path_on_this_site(client, db, hostile):
    response = client.get(SETTINGS, {"next": hostile})
    assert response.status_code == 200
    page = _text(response)
    assert "Go back to the page you were on" not in page
    assert 'value="' + hostile not in page or not hostile  # not carried in the form either
    assert 'href="https://evil' not in page and 'href="//evil' not in page
    response = client.post(SETTINGS, {"colour": "default", "text_size": "normal", "next": hostile})
    assert response.status_code == 302
    assert response["Location"] == SETTINGS  # the way back is dropped, never followed
