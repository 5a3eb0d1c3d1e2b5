"""Working days (Monday to Friday, not on Dutch public holidays) for promises and reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from bot.core.clock import PRACTICE_TZ
from bot.core.slots import WeeklyHours

ANSWER_WITHIN_WORKING_DAYS = 2
REMIND_AFTER_WORKING_DAYS = 1
OFFICE_HOURS = (time(8, 0), time(17, 0))


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def public_holidays(first: date, last: date) -> set[date]:
    """Dutch public holidays between two dates: closed for booking unless a practice opens."""
    found: set[date] = set()
    for year in range(first.year, last.year + 1):
        found |= {d for d in _public_holidays(year) if first <= d <= last}
    return found


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same wall-clock time `days` working days later, in the practice's time zone.

    A moment on a weekend or holiday counts from the start of the next working day.
    """
    local = moment.astimezone(PRACTICE_TZ)
    day = local.date()
    clock = local.time().replace(tzinfo=None)
    if not is_working_day(day):
        while not is_working_day(day):
            day += timedelta(days=1)
        clock = OFFICE_HOURS[0]
    added = 0
    while added < days:
        day += timedelta(days=1)
        if is_working_day(day):
            added += 1
    return datetime.combine(day, clock, tzinfo=PRACTICE_TZ)


def in_working_hours(moment: datetime, hours: Sequence[WeeklyHours]) -> bool:
    """Inside one of the specialist's own blocks; without configured hours, office hours."""
    if not hours:
        return in_office_hours(moment)
    local = moment.astimezone(PRACTICE_TZ)
    if not is_working_day(local.date()):
        return False
    clock = local.time().replace(tzinfo=None)
    return any(h.weekday == local.weekday() and h.start <= clock < h.end for h in hours)


def in_office_hours(moment: datetime) -> bool:
    """Notifications outside these hours are sent silently, so a phone does not buzz at night."""
    local = moment.astimezone(PRACTICE_TZ)
    start, end = OFFICE_HOURS
    return is_working_day(local.date()) and start <= local.time().replace(tzinfo=None) < end
