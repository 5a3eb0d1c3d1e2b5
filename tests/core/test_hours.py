from datetime import time

import pytest

from bot.core.hours import HoursError, format_hours, overlapping, parse_hours
from bot.core.slots import WeeklyHours


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("mon 09:00-12:30", WeeklyHours(0, time(9), time(12, 30))),
        ("ma 9:00 - 12:30", WeeklyHours(0, time(9), time(12, 30))),
        ("Donderdag 13:00-17:00", WeeklyHours(3, time(13), time(17))),
    ],
)
def test_hours_are_read_in_dutch_or_english(line: str, hours: WeeklyHours) -> None:
    assert parse_hours(line) == hours


@pytest.mark.parametrize("line", ["mon", "xyz 09:00-10:00", "mon 12:00-09:00", "mon 25:00-26:00"])
def test_wrong_hours_are_refused_with_the_line_in_the_message(line: str) -> None:
    with pytest.raises(HoursError, match=line.split()[0]):
        parse_hours(line)


def test_format_round_trips() -> None:
    assert format_hours(parse_hours("wo 08:30-12:00")) == "wed 08:30-12:00"


def test_overlapping_blocks_are_noticed() -> None:
    assert overlapping([parse_hours("mon 09:00-12:00"), parse_hours("mon 11:00-13:00")])
    assert not overlapping([parse_hours("mon 09:00-12:00"), parse_hours("mon 12:00-13:00")])
