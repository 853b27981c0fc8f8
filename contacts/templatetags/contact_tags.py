"""{% load contact_tags %}, then {% outcome_tag contact %}: a contact's outcome as a GOV.UK tag.
A tag, not an included template: the contacts list shows one a row, and an include costs a
template context each. {{ visit.wait_seconds|wait_words }}: a wait as the desk says it, and
{{ visit|visit_who }} the visitor as staff see them."""

from datetime import timedelta

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from contacts.models import Outcome
from contacts.selectors import visit_who as _visit_who
from contacts.selectors import wait_words as _wait_words

register = template.Library()

# Resolved at first point is green: the number the council is measured on.
COLOURS = {
    Outcome.RESOLVED: "green",
    Outcome.SIGNPOSTED: "blue",
    Outcome.CASE_RAISED: "purple",
    Outcome.EXISTING_CASE: "turquoise",
    Outcome.PASSED_ON: "yellow",
}


@register.simple_tag
def outcome_tag(contact) -> SafeString:
    colour = COLOURS.get(contact.outcome, "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, contact.get_outcome_display())


@register.filter
def wait_words(seconds: int | None) -> str:
    return "" if seconds is None else _wait_words(timedelta(seconds=seconds))


@register.filter
def visit_who(visit) -> str:
    return _visit_who(visit)
