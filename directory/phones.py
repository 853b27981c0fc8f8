"""UK phone numbers: parsed with `phonenumbers` (region GB) and stored in one national format."""

import phonenumbers
from django.core.exceptions import ValidationError
from phonenumbers import shortnumberinfo

PHONE_MESSAGE = "Enter a phone number, like 01632 960 001 or 020 7946 0000"

# Ofcom keeps these ranges for drama and testing; libphonenumber calls them invalid, but demo and
# training data use them on purpose.
_DRAMA_PREFIXES = ("1632960", "7700900")


def phone_normalise(value: str, *, allow_short: bool = False) -> str:
    """ "01632960001" or "+44 1632 960001" -> "01632 960001"; "" stays "". Raises ValidationError.

    allow_short: accept short numbers such as 101 and 111 (partners: police, NHS)."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone") from None
    national = str(number.national_number)
    if number.country_code == 44 and national.startswith(_DRAMA_PREFIXES) and len(national) == 10:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if allow_short and shortnumberinfo.is_valid_short_number_for_region(number, "GB"):
        return national
    if number.country_code != 44 or not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
