"""Weekly working hours as people write them: "ma 09:00-12:30" or "mon 9:00-12:30"."""

from __future__ import annotations

import re
from datetime import time
from itertools import pairwise

from bot.core.slots import WeeklyHours

DAY_NAMES = {
    "ma": 0, "maandag": 0, "mon": 0, "monday": 0,
    "di": 1, "dinsdag": 1, "tue": 1, "tuesday": 1,
    "wo": 2, "woensdag": 2, "wed": 2, "wednesday": 2,
    "do": 3, "donderdag": 3, "thu": 3, "thursday": 3,
    "vr": 4, "vrijdag": 4, "fri": 4, "friday": 4,
    "za": 5, "zaterdag": 5, "sat": 5, "saturday": 5,
    "zo": 6, "zondag": 6, "sun": 6, "sunday": 6,
}  # fmt: skip
SHORT_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LINE = re.compile(r"^\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class HoursError(ValueError):
    pass


def parse_hours(line: str) -> WeeklyHours:
    match = _LINE.match(line.lower())
    if match is None or match[1] not in DAY_NAMES:
        raise HoursError(f"'{line}' is not like 'mon 09:00-12:30'")
    start_h, start_m, end_h, end_m = (int(match[i]) for i in range(2, 6))
    if start_h > 23 or end_h > 24 or start_m > 59 or end_m > 59 or (end_h == 24 and end_m):
        raise HoursError(f"'{line}' has a time that does not exist")
    start = time(start_h, start_m)
    end = time(23, 59) if end_h == 24 else time(end_h, end_m)
    if start >= end:
        raise HoursError(f"'{line}' ends before it starts")
    return WeeklyHours(DAY_NAMES[match[1]], start, end)


def format_hours(hours: WeeklyHours) -> str:
    return f"{SHORT_NAMES[hours.weekday]} {hours.start:%H:%M}-{hours.end:%H:%M}"


def overlapping(hours: list[WeeklyHours]) -> bool:
    """Two blocks on one day that overlap are a typing mistake, not double capacity."""
    ordered = sorted(hours, key=lambda h: (h.weekday, h.start))
    return any(a.weekday == b.weekday and b.start < a.end for a, b in pairwise(ordered))
