"""Template filters for dates and times in GOV.UK style: {% load govuk_dates %}, then
{{ value|govuk_time }} ("5:30pm", "midday"), {{ value|govuk_date }} ("Monday 7 December") and
{{ value|govuk_datetime }} ("9am on Monday 7 December"; "9am today" and "9am tomorrow" unless
given "absolute", as on printed pages that are read on later days)."""

from django import template

from core import dates

register = template.Library()


@register.filter
def govuk_time(value) -> str:
    return dates.govuk_time(value) if value else ""


@register.filter
def govuk_date(value) -> str:
    return dates.govuk_date(value) if value else ""


@register.filter
def govuk_datetime(value, mode: str = "") -> str:
    if not value:
        return ""
    return dates.govuk_datetime(value, relative=mode != "absolute")
