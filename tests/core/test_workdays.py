from datetime import UTC, date, datetime, time

import pytest

from bot.core.clock import PRACTICE_TZ
from bot.core.workdays import add_working_days, in_office_hours, is_working_day


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PRACTICE_TZ)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 23), True),  # Monday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 4, 27), False),  # King's Day
        (date(2026, 5, 14), False),  # Ascension Day
    ],
)
def test_working_days_skip_weekends_and_public_holidays(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_two_working_days_from_thursday_is_monday() -> None:
    assert add_working_days(_local(2026, 11, 26, 10, 0), 2) == _local(2026, 11, 30, 10, 0)


def test_a_question_on_saturday_counts_from_monday_morning() -> None:
    assert add_working_days(_local(2026, 11, 28, 22, 0), 1) == _local(2026, 12, 1, 8, 0)


def test_christmas_days_are_skipped() -> None:
    assert add_working_days(_local(2026, 12, 24, 9, 0), 1) == _local(2026, 12, 28, 9, 0)


def test_working_days_keep_wall_clock_time_across_the_dst_change() -> None:
    # Friday 23 October 2026, 10:00 summer time -> Monday 26 October, 10:00 winter time.
    later = add_working_days(_local(2026, 10, 23, 10, 0), 1)
    assert later == _local(2026, 10, 26, 10, 0)
    assert later.astimezone(UTC).hour == 9


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (_local(2026, 11, 23, 9, 0), True),
        (_local(2026, 11, 23, 7, 59), False),
        (_local(2026, 11, 23, 17, 0), False),
        (_local(2026, 11, 28, 12, 0), False),
    ],
)
def test_office_hours_are_working_days_eight_to_five(moment: datetime, inside: bool) -> None:
    assert in_office_hours(moment) is inside


def test_working_hours_follow_the_specialists_own_blocks() -> None:
    from bot.core.slots import WeeklyHours
    from bot.core.workdays import in_working_hours

    thursday_afternoon = [WeeklyHours(3, time(13, 0), time(17, 0))]
    assert in_working_hours(_local(2026, 11, 26, 14, 0), thursday_afternoon)
    assert not in_working_hours(_local(2026, 11, 23, 14, 0), thursday_afternoon)
    assert in_working_hours(_local(2026, 11, 23, 9, 0), [])
