"""{% load contact_tags %}, then {% outcome_tag contact %}: a contact's outcome as a GOV.UK tag.
A tag, not an included template: the contacts list shows one a row, and an include costs a
template context each."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from contacts.models import Outcome

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
