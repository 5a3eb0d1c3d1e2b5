"""Dutch phone numbers for a talk by phone: typed any common way, kept in one form."""

import pytest

from bot.core.phone import parse_dutch_phone, show_phone


@pytest.mark.parametrize(
    "typed",
    [
        "0612345678",
        "06-12345678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "0031612345678",
        " 06.1234.5678 ",
    ],
)
def test_a_mobile_number_typed_any_common_way_is_kept_in_one_form(typed: str) -> None:
    assert parse_dutch_phone(typed) == "+31612345678"


def test_a_landline_number_is_accepted() -> None:
    assert parse_dutch_phone("010-123 45 67") == "+31101234567"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "bel me maar",
        "12345",
        "06 1234567",  # one digit short
        "0800-0432",  # free numbers are not a person's number
        "0900-1234567",  # nor are paid ones
        "+32 470 12 34 56",  # not Dutch
        "06" + "1" * 60,
    ],
)
def test_what_is_not_a_callable_dutch_number_is_refused(typed: str) -> None:
    assert parse_dutch_phone(typed) is None


def test_a_number_is_shown_as_a_dutch_reader_writes_it() -> None:
    assert show_phone("+31612345678") == "06 12345678"


def test_something_unreadable_is_shown_as_stored() -> None:
    assert show_phone("onbekend") == "onbekend"
