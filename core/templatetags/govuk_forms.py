"""Where the error summary's links go (templates/gds/layout/error_summary.html): {% load govuk_forms %},
then {{ field|error_target }} or {{ field|error_target:field_id }}, and {{ field|summary_errors }}
the (input id, message) pairs the summary lists for a field."""

from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors, is_checkboxes, is_radios
from django import template
from django.forms import BoundField, MultiWidget

from core.forms import boxes_refused

register = template.Library()


@register.filter
def error_target(field, field_id: str = "") -> str:
    """The id of the input an error of `field` links to: `field_id` (one box of a date) or the
    field's own. crispy-forms-gds gives a group of radios or checkboxes no id, only its inputs,
    numbered from id_<name>_1 (gds/layout/radio_item.html, checkboxes.html): the first of them."""
    if not isinstance(field, BoundField):  # a form with no visible fields: nothing to link to
        return field_id
    if is_radios(field) or is_checkboxes(field):
        return f"id_{field.html_name}_1"
    if field_id in ("", field.auto_id) and isinstance(field.field.widget, MultiWidget):
        return f"{field.auto_id}_0"  # an error on a whole date: its first box (the day)
    return field_id or field.auto_id


@register.filter
def summary_errors(field) -> list[tuple[str, str]]:
    """What the summary lists for `field`: its own messages, one line each. The package lists a
    date's boxes' messages too, so a date missing its day and year gave two lines for the one
    message under the field (GOV.UK: one message a field); each line goes to the first box in error."""
    if not hasattr(field.field, "fields"):
        return [(error_target(field, field_id), error) for field_id, errors in field_errors(field) for error in errors]
    boxes = boxes_refused(field)
    target = f"{field.auto_id}_{boxes[0] if boxes else 0}"
    return [(target, error) for error in field.errors]
