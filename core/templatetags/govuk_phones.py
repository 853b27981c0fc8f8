"""Phone numbers as links a phone can dial: {% load govuk_phones %}, then
{{ number|tel_href }} ("01632 960001" -> "tel:+441632960001"; short numbers such as 101 stay
"tel:101") or {{ number|phone_link }} for the whole link."""

import re

from django import template
from django.utils.html import format_html

register = template.Library()

_NOT_DIALLED = re.compile(r"[^\d+]")


@register.filter
def tel_href(value) -> str:
    """The tel: URI of a UK number as the directory stores it (national format, or a short number).
    A UK national number (0 and 9 or 10 more digits) gets the international form so it dials from
    a phone set to another country too; anything else keeps its digits as they are."""
    digits = _NOT_DIALLED.sub("", str(value or ""))
    if not digits.strip("+"):
        return ""
    if digits.startswith("0") and not digits.startswith("00") and len(digits) in (10, 11):
        return f"tel:+44{digits[1:]}"
    return f"tel:{digits}"


@register.filter
def phone_link(value) -> str:
    """The number as a link (class app-phone keeps the number from breaking across lines); "" for none."""
    href = tel_href(value)
    if not href:
        return ""
    return format_html('<a class="govuk-link app-phone" href="{}">{}</a>', href, value)
