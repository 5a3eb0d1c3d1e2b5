"""Dutch phone numbers for a talk by phone: read what a person types, keep one form, show it.

The number is personal data: it is stored with the appointment only, shown HTML-escaped, and
never written to a log.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

REGION = "NL"
MAX_TYPED = 40
# Numbers a person can be called on; not 0800/0900, shared-cost or pager numbers.
CALLABLE = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
    }
)


def parse_dutch_phone(text: str) -> str | None:
    """The number in E.164 form (+31612345678), or None when it is not a callable Dutch number.

    Accepts what people type: 06-12345678, 06 12 34 56 78, +31 6 12345678, 0031612345678.
    """
    if not text or len(text) > MAX_TYPED:
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != REGION
        or phonenumbers.number_type(number) not in CALLABLE
    ):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def show_phone(stored: str) -> str:
    """The way a Dutch reader writes it (06 12345678); what cannot be read is shown as stored."""
    try:
        number = phonenumbers.parse(stored, REGION)
    except phonenumbers.NumberParseException:
        return stored
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
