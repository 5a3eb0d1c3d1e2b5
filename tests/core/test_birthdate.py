from datetime import date

import pytest

from bot.core.birthdate import age_on, parse_birth_date

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("1-5-2012", date(2012, 5, 1)),
        ("01/05/2012", date(2012, 5, 1)),
        ("1.5.2012", date(2012, 5, 1)),
        ("1 mei 2012", date(2012, 5, 1)),
        ("29 feb 2012", date(2012, 2, 29)),
    ],
)
def test_dates_of_birth_are_read_as_typed(text: str, born: date) -> None:
    assert parse_birth_date(text, TODAY) == born


@pytest.mark.parametrize("text", ["", "gisteren", "31-2-2012", "1-5-2030", "1-5-1980", "2012"])
def test_unclear_future_or_too_old_dates_are_refused(text: str) -> None:
    assert parse_birth_date(text, TODAY) is None


def test_age_counts_birthdays() -> None:
    assert age_on(date(2010, 11, 23), TODAY) == 16
    assert age_on(date(2010, 11, 24), TODAY) == 15
