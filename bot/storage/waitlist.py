"""The waitlist, in joining order; offers are rows with an expiry, not timers in memory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.core.booking import ForWhom, Kind
from bot.core.clock import from_epoch, to_epoch
from bot.storage.database import Database


@dataclass(frozen=True)
class WaitlistEntry:
    id: int
    telegram_user_id: int
    practice_id: int
    kind: Kind
    for_whom: ForWhom
    first_name: str
    birth_date: date
    topic: str
    note: str | None
    earlier_than: int | None
    status: str
    offer_start: datetime | None
    offer_expires_at: datetime | None
    declined_start: datetime | None
    mode: str | None = None  # the place chosen before joining; None: ask when a time is offered
    phone: str | None = None


def _entry(row: aiosqlite.Row) -> WaitlistEntry:
    def moment(value: int | None) -> datetime | None:
        return from_epoch(value) if value is not None else None

    return WaitlistEntry(
        id=row["id"],
        telegram_user_id=row["telegram_user_id"],
        practice_id=row["practice_id"],
        kind=Kind(row["kind"]),
        for_whom=ForWhom(row["for_whom"]),
        first_name=row["first_name"],
        birth_date=date.fromisoformat(row["birth_date"]),
        topic=row["topic"],
        note=row["note"],
        earlier_than=row["earlier_than"],
        status=row["status"],
        offer_start=moment(row["offer_start"]),
        offer_expires_at=moment(row["offer_expires_at"]),
        declined_start=moment(row["declined_start"]),
        mode=row["mode"],
        phone=row["phone"],
    )


class WaitlistStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def join(
        self,
        telegram_user_id: int,
        practice_id: int,
        kind: Kind,
        for_whom: ForWhom,
        first_name: str,
        birth_date: date,
        topic: str,
        note: str | None,
        now: datetime,
        *,
        earlier_than: int | None = None,
        mode: str | None = None,
        phone: str | None = None,
    ) -> WaitlistEntry:
        """One place per person on the list: joining again keeps the earlier place."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT id FROM waitlist WHERE telegram_user_id = ? AND practice_id = ?"
                " AND status IN ('waiting', 'offered') AND lower(first_name) = lower(?)"
                " AND birth_date = ? AND earlier_than IS ?",
                (telegram_user_id, practice_id, first_name, birth_date.isoformat(), earlier_than),
            )
            row = await cursor.fetchone()
            if row is None:
                cursor = await conn.execute(
                    "INSERT INTO waitlist (telegram_user_id, practice_id, kind, for_whom,"
                    " first_name, birth_date, topic, note, earlier_than, joined_at, mode, phone)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        telegram_user_id,
                        practice_id,
                        kind.value,
                        for_whom.value,
                        first_name,
                        birth_date.isoformat(),
                        topic,
                        note,
                        earlier_than,
                        to_epoch(now),
                        mode,
                        phone,
                    ),
                )
                entry_id = cursor.lastrowid
            else:
                entry_id = row["id"]
        entry = await self.get(int(entry_id or 0))
        assert entry is not None
        return entry

    async def get(self, entry_id: int) -> WaitlistEntry | None:
        row = await self._db.fetch_one("SELECT * FROM waitlist WHERE id = ?", (entry_id,))
        return _entry(row) if row else None

    async def for_user(self, telegram_user_id: int) -> list[WaitlistEntry]:
        rows = await self._db.fetch_all(
            "SELECT * FROM waitlist WHERE telegram_user_id = ? AND status IN ('waiting', 'offered')"
            " ORDER BY joined_at",
            (telegram_user_id,),
        )
        return [_entry(r) for r in rows]

    async def has_open_offer(self, practice_id: int, now: datetime) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM waitlist WHERE practice_id = ? AND status = 'offered'"
            " AND offer_expires_at > ?",
            (practice_id, to_epoch(now)),
        )
        return row is not None

    async def waiting(self, practice_id: int) -> list[WaitlistEntry]:
        rows = await self._db.fetch_all(
            "SELECT * FROM waitlist WHERE practice_id = ? AND status = 'waiting'"
            " ORDER BY joined_at, id",
            (practice_id,),
        )
        return [_entry(r) for r in rows]

    async def offer(self, entry_id: int, start: datetime, expires_at: datetime) -> bool:
        changed = await self._db.execute(
            "UPDATE waitlist SET status = 'offered', offer_start = ?, offer_expires_at = ?"
            " WHERE id = ? AND status = 'waiting'",
            (to_epoch(start), to_epoch(expires_at), entry_id),
        )
        return changed > 0

    async def back_to_waiting(self, entry_id: int, now: datetime) -> bool:
        """Declined or expired: back of the line, and that time is not offered to them again."""
        changed = await self._db.execute(
            "UPDATE waitlist SET status = 'waiting', declined_start = offer_start,"
            " offer_start = NULL, offer_expires_at = NULL,"
            " joined_at = max(?, (SELECT max(w.joined_at) + 1 FROM waitlist AS w"
            " WHERE w.practice_id = waitlist.practice_id))"
            " WHERE id = ? AND status = 'offered'",
            (to_epoch(now), entry_id),
        )
        return changed > 0

    async def expired_offers(self, now: datetime) -> list[WaitlistEntry]:
        rows = await self._db.fetch_all(
            "SELECT * FROM waitlist WHERE status = 'offered' AND offer_expires_at <= ?",
            (to_epoch(now),),
        )
        return [_entry(r) for r in rows]

    async def close(self, entry_id: int, status: str) -> bool:
        # A closed place keeps no phone number: nobody will call it from here.
        changed = await self._db.execute(
            "UPDATE waitlist SET status = ?, phone = NULL WHERE id = ?"
            " AND status IN ('waiting', 'offered')",
            (status, entry_id),
        )
        return changed > 0
