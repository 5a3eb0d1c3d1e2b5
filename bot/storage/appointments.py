"""Appointments: booked in one BEGIN IMMEDIATE transaction; the schema forbids overlaps."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import aiosqlite

from bot.core.booking import (
    MAX_UPCOMING_PER_USER,
    Appointment,
    ForWhom,
    IntakeAlreadyOpen,
    Kind,
    SlotTaken,
    TooManyAppointments,
)
from bot.core.clock import from_epoch, to_epoch
from bot.core.slots import Busy
from bot.storage.database import Database


@dataclass(frozen=True)
class NewAppointment:
    telegram_user_id: int
    practice_id: int
    specialist_id: int
    kind: Kind
    starts_at: datetime
    ends_at: datetime
    buffer: timedelta
    for_whom: ForWhom
    first_name: str
    birth_date: date
    topic: str
    note: str | None = None
    phone: str | None = None
    mode: str = "practice"


# The schema caps one appointment (buffer included) at a day; queries look that far back only.
MAX_BLOCK_SECONDS = 86_400


def _appointment(row: aiosqlite.Row) -> Appointment:
    return Appointment(
        id=row["id"],
        uid=row["uid"],
        telegram_user_id=row["telegram_user_id"],
        practice_id=row["practice_id"],
        specialist_id=row["specialist_id"],
        kind=Kind(row["kind"]),
        mode=row["mode"],
        starts_at=from_epoch(row["starts_at"]),
        ends_at=from_epoch(row["ends_at"]),
        status=row["status"],
        for_whom=ForWhom(row["for_whom"]),
        first_name=row["first_name"],
        birth_date=date.fromisoformat(row["birth_date"]),
        phone=row["phone"],
        topic=row["topic"],
        note=row["note"],
        sequence=row["sequence"],
        cancelled_late=bool(row["cancelled_late"]),
    )


class AppointmentStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def book(self, new: NewAppointment, now: datetime) -> Appointment:
        """Check the per-person rules and insert, in one transaction; the schema guards overlap."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT COUNT(*) FROM appointments WHERE telegram_user_id = ?"
                " AND status = 'booked' AND starts_at > ?",
                (new.telegram_user_id, to_epoch(now)),
            )
            row = await cursor.fetchone()
            if row is not None and row[0] >= MAX_UPCOMING_PER_USER:
                raise TooManyAppointments
            if new.kind is Kind.INTAKE:
                cursor = await conn.execute(
                    "SELECT 1 FROM appointments WHERE telegram_user_id = ? AND status = 'booked'"
                    " AND kind = 'intake' AND starts_at > ? AND lower(first_name) = lower(?)"
                    " AND birth_date = ?",
                    (
                        new.telegram_user_id,
                        to_epoch(now),
                        new.first_name,
                        new.birth_date.isoformat(),
                    ),
                )
                if await cursor.fetchone() is not None:
                    raise IntakeAlreadyOpen
            try:
                cursor = await conn.execute(
                    "INSERT INTO appointments (uid, telegram_user_id, practice_id, specialist_id,"
                    " kind, mode, starts_at, ends_at, blocked_until, for_whom, first_name,"
                    " birth_date, phone, topic, note, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        f"{uuid.uuid4()}@jeugdbot",
                        new.telegram_user_id,
                        new.practice_id,
                        new.specialist_id,
                        new.kind.value,
                        new.mode,
                        to_epoch(new.starts_at),
                        to_epoch(new.ends_at),
                        to_epoch(new.ends_at + new.buffer),
                        new.for_whom.value,
                        new.first_name,
                        new.birth_date.isoformat(),
                        new.phone,
                        new.topic,
                        new.note,
                        to_epoch(now),
                    ),
                )
            except sqlite3.IntegrityError as exc:
                raise SlotTaken from exc
            appointment_id = cursor.lastrowid
        booked = await self.get(int(appointment_id or 0))
        assert booked is not None
        return booked

    async def get(self, appointment_id: int) -> Appointment | None:
        row = await self._db.fetch_one("SELECT * FROM appointments WHERE id = ?", (appointment_id,))
        return _appointment(row) if row else None

    async def upcoming_for_user(self, telegram_user_id: int, now: datetime) -> list[Appointment]:
        rows = await self._db.fetch_all(
            "SELECT * FROM appointments WHERE telegram_user_id = ? AND status = 'booked'"
            " AND starts_at > ? ORDER BY starts_at",
            (telegram_user_id, to_epoch(now)),
        )
        return [_appointment(r) for r in rows]

    async def for_person(
        self, telegram_user_id: int, first_name: str, birth_date: date
    ) -> list[Appointment]:
        """Booked talks of one person (first name and date of birth), oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM appointments WHERE telegram_user_id = ? AND status = 'booked'"
            " AND lower(first_name) = lower(?) AND birth_date = ? ORDER BY starts_at",
            (telegram_user_id, first_name, birth_date.isoformat()),
        )
        return [_appointment(r) for r in rows]

    async def phone_numbers(self, telegram_user_id: int) -> list[str]:
        """The numbers this person gave for talks by phone (booked or on the waitlist), for
        /privacy."""
        rows = await self._db.fetch_all(
            "SELECT phone FROM appointments WHERE telegram_user_id = ? AND phone IS NOT NULL"
            " UNION SELECT phone FROM waitlist WHERE telegram_user_id = ? AND phone IS NOT NULL"
            " ORDER BY phone",
            (telegram_user_id, telegram_user_id),
        )
        return [r["phone"] for r in rows]

    async def busy(self, specialist_id: int, start: datetime, end: datetime) -> list[Busy]:
        """Booked time of one specialist in a window, as the core's Busy values (without buffer)."""
        rows = await self._db.fetch_all(
            "SELECT starts_at, ends_at FROM appointments WHERE specialist_id = ?"
            " AND status = 'booked' AND starts_at > ? AND starts_at < ? AND blocked_until > ?"
            " ORDER BY starts_at",
            (specialist_id, to_epoch(start) - MAX_BLOCK_SECONDS, to_epoch(end), to_epoch(start)),
        )
        return [Busy(from_epoch(r["starts_at"]), from_epoch(r["ends_at"])) for r in rows]

    async def move(
        self,
        appointment_id: int,
        specialist_id: int,
        starts_at: datetime,
        ends_at: datetime,
        buffer: timedelta,
        now: datetime | None = None,
    ) -> Appointment:
        """One UPDATE: the new time is taken in the same step the old one is given up, so a
        failure leaves the old appointment exactly as it was. SEQUENCE goes up for calendars."""
        try:
            changed = await self._db.execute(
                "UPDATE appointments SET specialist_id = ?, starts_at = ?, ends_at = ?,"
                " blocked_until = ?, sequence = sequence + 1,"
                " rescheduled_at = COALESCE(?, rescheduled_at)"
                " WHERE id = ? AND status = 'booked'",
                (
                    specialist_id,
                    to_epoch(starts_at),
                    to_epoch(ends_at),
                    to_epoch(ends_at + buffer),
                    to_epoch(now) if now else None,
                    appointment_id,
                ),
            )
        except sqlite3.IntegrityError as exc:
            raise SlotTaken from exc
        moved = await self.get(appointment_id)
        if not changed or moved is None:
            raise SlotTaken
        return moved

    async def cancel(self, appointment_id: int, now: datetime, *, late: bool) -> Appointment | None:
        """None when it was not booked any more (a second tap on Afzeggen changes nothing).
        A cancelled talk keeps no phone number: nobody will call it."""
        changed = await self._db.execute(
            "UPDATE appointments SET status = 'cancelled', cancelled_at = ?, cancelled_late = ?,"
            " phone = NULL"
            " WHERE id = ? AND status = 'booked'",
            (to_epoch(now), int(late), appointment_id),
        )
        return await self.get(appointment_id) if changed else None
