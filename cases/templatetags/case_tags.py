"""{% load case_tags %}: a case's status and priority, its next due time, and a customer's needs,
as GOV.UK tags wherever they appear. Tags rather than included templates: a list of cases shows each several
times a row, and an include costs a template context each time."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.dates import govuk_datetime
from standards.models import Priority

from ..models import Status

register = template.Library()

STATUS_COLOURS = {
    Status.NEW: "",
    Status.ROUTED: "govuk-tag--purple",
    Status.IN_PROGRESS: "govuk-tag--turquoise",
    Status.AWAITING_CUSTOMER: "govuk-tag--yellow",
    Status.RESOLVED: "govuk-tag--green",
}


@register.simple_tag
def status_tag(case, public: bool = False) -> SafeString:
    """The case's status; `public` in the words for people outside the council (public_status)."""
    words = case.public_status if public else case.get_status_display()
    colour = STATUS_COLOURS.get(case.status, "govuk-tag--grey")
    return format_html('<strong class="govuk-tag{}">{}</strong>', f" {colour}" if colour else "", words)


@register.simple_tag
def priority_tag(case) -> SafeString | str:
    """The case's priority, as a tag when above normal."""
    if case.priority == Priority.URGENT:
        return format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', "Urgent")
    if case.priority == Priority.HIGH:
        return format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', "High")
    return case.get_priority_display()


@register.simple_tag
def needs_tags(customer) -> SafeString:
    """The needs flag wherever a customer appears, and whether their needs are due a review."""
    flag = ""
    if customer.vulnerability:
        flag = format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', "Vulnerable")
    elif customer.has_needs:
        flag = format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', "Has needs")
    review = format_html(' <strong class="govuk-tag govuk-tag--grey">{}</strong>', "Needs review due")
    return format_html("{}{}", flag, review if customer.needs_review_due else "")


@register.simple_tag
def due_words(due) -> SafeString | str:
    """A case's next due time and the time left against it: `due` (a cases.views.Milestone, or
    None)."""
    if due is None:
        return "Nothing due"
    overdue = format_html(' <strong class="govuk-tag govuk-tag--red">{}</strong>', "Overdue") if due.overdue else ""
    return format_html(
        '{} {}<br><span class="govuk-body-s">{}</span>{}', due.label, govuk_datetime(due.at), due.words, overdue
    )
