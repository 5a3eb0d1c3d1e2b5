"""The clock is passed in, never read inside the rules, so tests move time instead of sleeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

PRACTICE_TZ = ZoneInfo("Europe/Amsterdam")


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FakeClock:
    """A clock for tests and the demo that moves only when told to."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


def to_epoch(moment: datetime) -> int:
    """Storage keeps whole epoch seconds: portable to PostgreSQL, no sqlite3 adapters."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def elapsed_since(moment: datetime, now: datetime) -> timedelta:
    return now - moment


__all__ = [
    "PRACTICE_TZ",
    "Clock",
    "FakeClock",
    "SystemClock",
    "elapsed_since",
    "from_epoch",
    "to_epoch",
]
