"""Weekly hours per specialist per practice, specialists' days off, practices' closing days."""

from __future__ import annotations

from datetime import date, time

from bot.core.slots import WeeklyHours
from bot.storage.database import Database


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _time(minutes: int) -> time:
    return time(23, 59) if minutes >= 1440 else time(minutes // 60, minutes % 60)


class AvailabilityStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def set_hours(
        self, specialist_id: int, practice_id: int, hours: list[WeeklyHours]
    ) -> None:
        """Replace the hours of one specialist at one practice, in one transaction."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM weekly_hours WHERE specialist_id = ? AND practice_id = ?",
                (specialist_id, practice_id),
            )
            await conn.executemany(
                "INSERT INTO weekly_hours (specialist_id, practice_id, weekday, start_minute,"
                " end_minute) VALUES (?, ?, ?, ?, ?)",
                [
                    (specialist_id, practice_id, h.weekday, _minutes(h.start), _minutes(h.end))
                    for h in hours
                ],
            )

    async def hours(self, specialist_id: int, practice_id: int) -> list[WeeklyHours]:
        rows = await self._db.fetch_all(
            "SELECT weekday, start_minute, end_minute FROM weekly_hours"
            " WHERE specialist_id = ? AND practice_id = ? ORDER BY weekday, start_minute",
            (specialist_id, practice_id),
        )
        return [
            WeeklyHours(r["weekday"], _time(r["start_minute"]), _time(r["end_minute"]))
            for r in rows
        ]

    async def all_hours(self, specialist_id: int) -> list[WeeklyHours]:
        """Every practice's hours of one specialist: when a buzz on their phone is welcome."""
        rows = await self._db.fetch_all(
            "SELECT weekday, start_minute, end_minute FROM weekly_hours WHERE specialist_id = ?"
            " ORDER BY weekday, start_minute",
            (specialist_id,),
        )
        return [
            WeeklyHours(r["weekday"], _time(r["start_minute"]), _time(r["end_minute"]))
            for r in rows
        ]

    async def add_day_off(
        self, day: date, *, specialist_id: int | None = None, practice_id: int | None = None
    ) -> bool:
        """False when that day was already off."""
        if (specialist_id is None) == (practice_id is None):
            raise ValueError("a day off belongs to a specialist or to a practice")
        changed = await self._db.execute(
            "INSERT OR IGNORE INTO days_off (specialist_id, practice_id, day) VALUES (?, ?, ?)",
            (specialist_id, practice_id, day.isoformat()),
        )
        return changed > 0

    async def days_off(self, specialist_id: int, practice_id: int) -> set[date]:
        """Both the specialist's own days off and the practice's closing days."""
        rows = await self._db.fetch_all(
            "SELECT day FROM days_off WHERE specialist_id = ? OR practice_id = ?",
            (specialist_id, practice_id),
        )
        return {date.fromisoformat(r["day"]) for r in rows}
