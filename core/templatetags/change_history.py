"""The change history table every app's history page shows (templates/includes/change_history.html)."""

from django import template

register = template.Library()


@register.filter
def history_value(value) -> str:
    """A value of the change history in words: empty, a list (the teams), yes or no, or as stored."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(none)"
    return str(value)
