"""Free appointment times: a pure function of opening hours, bookings and the clock.

Hours are wall-clock times in the practice's time zone; every moment is compared as an aware
UTC instant, so notice, horizon and lengths are elapsed time, also across a DST change. Ranges are
half-open: a 10:00-10:30 talk does not block 10:30.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import PRACTICE_TZ

DEFAULT_NOTICE = timedelta(hours=12)
DEFAULT_HORIZON = timedelta(weeks=6)
DEFAULT_STEP = timedelta(minutes=15)


@dataclass(frozen=True)
class WeeklyHours:
    """A recurring block of working hours: weekday 0 is Monday."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6 or self.start >= self.end:
            raise ValueError("weekday 0-6 and a start before the end")


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Busy:
    """An existing appointment; its blocked interval adds the buffer after it."""

    start: datetime
    end: datetime


def _local_moment(day: date, clock: time, tz: ZoneInfo) -> datetime | None:
    """The UTC instant of a wall-clock time, or None when it does not exist (the spring gap)."""
    moment = datetime.combine(day, clock, tzinfo=tz)
    if moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment.astimezone(UTC)


def _intervals(
    day: date,
    weekly: Sequence[WeeklyHours],
    extra_hours: Mapping[date, Sequence[tuple[time, time]]],
) -> Iterator[tuple[time, time]]:
    for hours in weekly:
        if hours.weekday == day.weekday():
            yield hours.start, hours.end
    yield from extra_hours.get(day, ())


def _merged(
    intervals: Iterator[tuple[datetime, datetime]],
) -> tuple[list[datetime], list[datetime]]:
    """Blocked time as sorted, disjoint intervals, so one bisect answers "is this free?"."""
    starts: list[datetime] = []
    ends: list[datetime] = []
    for start, end in sorted(intervals):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _overlaps(starts: list[datetime], ends: list[datetime], start: datetime, end: datetime) -> bool:
    index = bisect_left(starts, end) - 1
    return index >= 0 and ends[index] > start


def free_slots(
    weekly: Sequence[WeeklyHours],
    booked: Sequence[Busy],
    now: datetime,
    *,
    length: timedelta,
    buffer: timedelta = timedelta(0),
    notice: timedelta = DEFAULT_NOTICE,
    horizon: timedelta = DEFAULT_HORIZON,
    step: timedelta = DEFAULT_STEP,
    closed_days: Collection[date] = frozenset(),
    extra_hours: Mapping[date, Sequence[tuple[time, time]]] | None = None,
    tz: ZoneInfo = PRACTICE_TZ,
) -> list[Slot]:
    """Every start time a talk of `length` can still be booked, sorted, without duplicates."""
    if now.tzinfo is None:
        raise ValueError("now must be aware")
    if length <= timedelta(0) or step <= timedelta(0):
        raise ValueError("length and step must be positive")
    extra = extra_hours or {}
    earliest, latest = now + notice, now + horizon
    starts, ends = _merged((b.start, b.end + buffer) for b in booked)
    found: dict[datetime, Slot] = {}
    day = now.astimezone(tz).date()
    last_day = latest.astimezone(tz).date()
    while day <= last_day:
        if day not in closed_days:
            for opens, closes in _intervals(day, weekly, extra):
                close_at = _local_moment(day, closes, tz)
                start = _local_moment(day, opens, tz)
                if start is None or close_at is None:
                    continue
                while start + length <= close_at:
                    end = start + length
                    if earliest <= start < latest and not _overlaps(
                        starts, ends, start, end + buffer
                    ):
                        found.setdefault(start, Slot(start, end))
                    start += step
        day += timedelta(days=1)
    return [found[start] for start in sorted(found)]
