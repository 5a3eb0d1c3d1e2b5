"""Reminder deliveries, the specialist's once-only notices and the daily agenda's record.

A reminder is claimed here before it is sent and confirmed after; the unique key on (appointment,
time, offset) makes a second claim impossible, so two senders can never both send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import aiosqlite

from bot.core.booking import Appointment
from bot.core.clock import from_epoch, to_epoch
from bot.core.models import Language
from bot.core.reminders import (
    ReminderChoice,
    ReminderPolicy,
    format_offset,
    parse_offset,
    parse_quiet_hours,
)
from bot.storage.appointments import _appointment
from bot.storage.database import Database

DONE = ("sent", "skipped", "undeliverable")

# Booked; reminded in time (sent at least the answer deadline, the parameter, before the talk), or
# no reminder sent at all while one was due (Telegram kept failing, or it was missed while the bot
# was down); no "Ik kom"; and no notice given about it yet.
_UNANSWERED = (
    " a.status = 'booked'"
    " AND (EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.appointment_id = a.id"
    "   AND d.sequence = a.sequence AND d.status = 'sent' AND d.sent_at <= a.starts_at - ?)"
    "  OR (EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.appointment_id = a.id"
    "   AND d.sequence = a.sequence AND d.status IN ('pending', 'claimed', 'skipped'))"
    "   AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.appointment_id = a.id"
    "   AND d.sequence = a.sequence AND d.status = 'sent')))"
    " AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.appointment_id = a.id"
    "   AND d.sequence = a.sequence AND d.answer = 'coming')"
    " AND NOT EXISTS (SELECT 1 FROM specialist_notices n WHERE n.appointment_id = a.id"
    "   AND n.sequence = a.sequence)"
)


@dataclass(frozen=True)
class Delivery:
    id: int
    appointment_id: int
    sequence: int  # the appointment's sequence it belongs to; a move raises it
    starts_at: datetime
    offset: timedelta
    status: str
    claimed_at: datetime | None
    retry_at: datetime | None
    sent_at: datetime | None
    answer: str | None


@dataclass(frozen=True)
class ReminderTarget:
    """An upcoming appointment with what the sender needs to decide about it."""

    appointment: Appointment
    scheduled_at: datetime
    language: Language
    choice: ReminderChoice
    unreachable: bool
    policy: ReminderPolicy
    deliveries: dict[timedelta, Delivery]


def policy_from_text(before: str, quiet: str) -> ReminderPolicy:
    offsets = tuple(parse_offset(part) for part in before.split(",") if part.strip())
    return ReminderPolicy(before=offsets, quiet=parse_quiet_hours(quiet))


def _delivery(row: aiosqlite.Row) -> Delivery:
    def moment(key: str) -> datetime | None:
        return from_epoch(row[key]) if row[key] is not None else None

    return Delivery(
        id=row["id"],
        appointment_id=row["appointment_id"],
        sequence=row["sequence"],
        starts_at=from_epoch(row["starts_at"]),
        offset=timedelta(seconds=row["offset_seconds"]),
        status=row["status"],
        claimed_at=moment("claimed_at"),
        retry_at=moment("retry_at"),
        sent_at=moment("sent_at"),
        answer=row["answer"],
    )


class ReminderStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._policies: dict[tuple[str, str], ReminderPolicy] = {}

    def _policy(self, before: str, quiet: str) -> ReminderPolicy:
        key = (before, quiet)
        if key not in self._policies:
            self._policies[key] = policy_from_text(before, quiet)
        return self._policies[key]

    async def targets(self, after: datetime, until: datetime) -> list[ReminderTarget]:
        """Booked appointments starting in (after, until], with their deliveries for that time."""
        rows = await self._db.fetch_all(
            "SELECT a.*, u.language AS user_language, u.reminder_choice, u.unreachable_at,"
            " p.reminders_before, p.quiet_hours"
            " FROM appointments a JOIN users u ON u.telegram_user_id = a.telegram_user_id"
            " JOIN practices p ON p.id = a.practice_id"
            " WHERE a.status = 'booked' AND a.starts_at > ? AND a.starts_at <= ?"
            " ORDER BY a.starts_at, a.id",
            (to_epoch(after), to_epoch(until)),
        )
        deliveries: dict[int, dict[timedelta, Delivery]] = {}
        found = await self._db.fetch_all(
            "SELECT d.* FROM reminder_deliveries d JOIN appointments a"
            " ON a.id = d.appointment_id AND a.sequence = d.sequence"
            " WHERE a.status = 'booked' AND a.starts_at > ? AND a.starts_at <= ?",
            (to_epoch(after), to_epoch(until)),
        )
        for row in found:
            delivery = _delivery(row)
            deliveries.setdefault(delivery.appointment_id, {})[delivery.offset] = delivery
        return [
            ReminderTarget(
                appointment=_appointment(row),
                scheduled_at=from_epoch(row["rescheduled_at"] or row["created_at"]),
                language=Language(row["user_language"]),
                choice=ReminderChoice(row["reminder_choice"]),
                unreachable=row["unreachable_at"] is not None,
                policy=self._policy(row["reminders_before"], row["quiet_hours"]),
                deliveries=deliveries.get(row["id"], {}),
            )
            for row in rows
        ]

    async def claim(
        self,
        appointment: Appointment,
        offset: timedelta,
        due_at: datetime,
        now: datetime,
        claimer: str,
        abandoned_before: datetime,
    ) -> int | None:
        """The delivery id if this sender may send now; None when it is done or claimed, or when
        things changed since the sender looked: the talk cancelled or moved, the person gone
        unreachable or wanting no reminders.

        A pending row whose retry time came, or a claim older than `abandoned_before` (its sender
        crashed), can be claimed again.
        """
        key = (appointment.id, appointment.sequence, int(offset.total_seconds()))
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO reminder_deliveries (appointment_id, sequence, offset_seconds,"
                " starts_at, due_at, status, attempts, claimed_at, claimed_by)"
                " SELECT ?, ?, ?, ?, ?, 'claimed', 1, ?, ? WHERE EXISTS (SELECT 1"
                " FROM appointments a JOIN users u ON u.telegram_user_id = a.telegram_user_id"
                " WHERE a.id = ? AND a.sequence = ? AND a.status = 'booked'"
                " AND u.unreachable_at IS NULL AND u.reminder_choice <> 'none')"
                " ON CONFLICT (appointment_id, sequence, offset_seconds) DO UPDATE SET"
                " status = 'claimed', attempts = reminder_deliveries.attempts + 1,"
                " claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by"
                " WHERE (reminder_deliveries.status = 'pending'"
                " AND reminder_deliveries.retry_at <= excluded.claimed_at)"
                " OR (reminder_deliveries.status = 'claimed'"
                " AND reminder_deliveries.claimed_at < ?)",
                (
                    *key,
                    to_epoch(appointment.starts_at),
                    to_epoch(due_at),
                    to_epoch(now),
                    claimer,
                    appointment.id,
                    appointment.sequence,
                    to_epoch(abandoned_before),
                ),
            )
            if cursor.rowcount != 1:
                return None
            row = await (
                await conn.execute(
                    "SELECT id FROM reminder_deliveries WHERE appointment_id = ?"
                    " AND sequence = ? AND offset_seconds = ?",
                    key,
                )
            ).fetchone()
        return int(row[0]) if row else None

    # The three outcomes of a send change the row only while this sender still holds the claim:
    # a claim taken over by another sender is theirs to settle.

    async def confirm_sent(
        self, delivery_id: int, claimer: str, now: datetime, message_id: int
    ) -> bool:
        changed = await self._db.execute(
            "UPDATE reminder_deliveries SET status = 'sent', sent_at = ?, message_id = ?,"
            " retry_at = NULL WHERE id = ? AND status = 'claimed' AND claimed_by = ?",
            (to_epoch(now), message_id, delivery_id, claimer),
        )
        return changed == 1

    async def retry_later(self, delivery_id: int, claimer: str, retry_at: datetime) -> bool:
        """Telegram was busy or unreachable: nothing is dropped, the sweep tries again then."""
        changed = await self._db.execute(
            "UPDATE reminder_deliveries SET status = 'pending', retry_at = ?"
            " WHERE id = ? AND status = 'claimed' AND claimed_by = ?",
            (to_epoch(retry_at), delivery_id, claimer),
        )
        return changed == 1

    async def undeliverable(self, delivery_id: int, claimer: str) -> bool:
        changed = await self._db.execute(
            "UPDATE reminder_deliveries SET status = 'undeliverable', retry_at = NULL"
            " WHERE id = ? AND status = 'claimed' AND claimed_by = ?",
            (delivery_id, claimer),
        )
        return changed == 1

    async def attempts(self, delivery_id: int) -> int:
        row = await self._db.fetch_one(
            "SELECT attempts FROM reminder_deliveries WHERE id = ?", (delivery_id,)
        )
        return int(row[0]) if row else 0

    async def close_without_sending(
        self, appointment: Appointment, offset: timedelta, due_at: datetime, status: str
    ) -> None:
        """Skipped (missed, merged, late) or undeliverable without a try; never undoes a send."""
        assert status in ("skipped", "undeliverable")
        await self._db.execute(
            "INSERT INTO reminder_deliveries (appointment_id, sequence, offset_seconds,"
            " starts_at, due_at, status) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (appointment_id, sequence, offset_seconds) DO UPDATE SET"
            " status = excluded.status, retry_at = NULL"
            " WHERE reminder_deliveries.status IN ('pending', 'claimed')",
            (
                appointment.id,
                appointment.sequence,
                int(offset.total_seconds()),
                to_epoch(appointment.starts_at),
                to_epoch(due_at),
                status,
            ),
        )

    async def get(self, delivery_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            "SELECT * FROM reminder_deliveries WHERE id = ?", (delivery_id,)
        )
        return _delivery(row) if row else None

    async def for_appointment(self, appointment: Appointment) -> list[Delivery]:
        """The deliveries for the appointment's current time, in the order they were planned."""
        rows = await self._db.fetch_all(
            "SELECT * FROM reminder_deliveries WHERE appointment_id = ? AND sequence = ?"
            " ORDER BY due_at",
            (appointment.id, appointment.sequence),
        )
        return [_delivery(r) for r in rows]

    async def answer(self, delivery_id: int, answer: str, now: datetime) -> bool:
        """True the first time only: a second tap on Ik kom tells nobody anything new."""
        changed = await self._db.execute(
            "UPDATE reminder_deliveries SET answer = ?, answered_at = ?"
            " WHERE id = ? AND answer IS NULL",
            (answer, to_epoch(now), delivery_id),
        )
        return changed == 1

    # -- notices to the specialist ---------------------------------------------------------

    async def unanswered(self, now: datetime, within: timedelta) -> list[Appointment]:
        """Talks starting within `within` (the answer deadline) with no "Ik kom": a reminder went
        out at least `within` before the talk, or none went while one was due (Telegram kept
        failing, or the bot was down). Those the specialist already heard about (undeliverable,
        or this notice) are left out."""
        rows = await self._db.fetch_all(
            "SELECT a.* FROM appointments a WHERE a.starts_at > ? AND a.starts_at <= ? AND"
            + _UNANSWERED
            + " ORDER BY a.starts_at",
            (to_epoch(now), to_epoch(now + within), int(within.total_seconds())),
        )
        return [_appointment(r) for r in rows]

    async def first_unanswered_moment(self, after: datetime, within: timedelta) -> datetime | None:
        """When the next such talk reaches its answer deadline."""
        row = await self._db.fetch_one(
            "SELECT MIN(a.starts_at) FROM appointments a WHERE a.starts_at > ? AND" + _UNANSWERED,
            (to_epoch(after + within), int(within.total_seconds())),
        )
        return from_epoch(row[0]) - within if row and row[0] is not None else None

    async def notice_given(self, appointment: Appointment, kind: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM specialist_notices WHERE appointment_id = ? AND sequence = ?"
            " AND kind = ?",
            (appointment.id, appointment.sequence, kind),
        )
        return row is not None

    async def record_notice(self, appointment: Appointment, kind: str, now: datetime) -> None:
        await self._db.execute(
            "INSERT INTO specialist_notices (appointment_id, sequence, kind, sent_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (appointment.id, appointment.sequence, kind, to_epoch(now)),
        )

    # -- the daily agenda -------------------------------------------------------------------

    async def claim_agenda(self, specialist_id: int, day: date, now: datetime) -> bool:
        """True for the one sender that may send this day's agenda (also with several workers)."""
        changed = await self._db.execute(
            "INSERT INTO agenda_deliveries (specialist_id, day, sent_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (specialist_id, day.isoformat(), to_epoch(now)),
        )
        return changed == 1

    async def release_agenda(self, specialist_id: int, day: date) -> None:
        """The send failed for a reason that may pass: the next sweep tries again."""
        await self._db.execute(
            "DELETE FROM agenda_deliveries WHERE specialist_id = ? AND day = ?",
            (specialist_id, day.isoformat()),
        )

    async def agenda_times(self) -> dict[int, time]:
        rows = await self._db.fetch_all("SELECT id, agenda_at FROM specialists")
        return {r["id"]: time.fromisoformat(r["agenda_at"]) for r in rows}

    async def day_of(
        self, specialist_id: int, start: datetime, end: datetime
    ) -> list[tuple[Appointment, bool]]:
        """A specialist's booked talks in a window, each with whether the family said "Ik kom"."""
        rows = await self._db.fetch_all(
            "SELECT a.*, EXISTS (SELECT 1 FROM reminder_deliveries d"
            "   WHERE d.appointment_id = a.id AND d.sequence = a.sequence"
            "   AND d.answer = 'coming') AS confirmed"
            " FROM appointments a WHERE a.specialist_id = ? AND a.status = 'booked'"
            " AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.practice_id, a.starts_at",
            (specialist_id, to_epoch(start), to_epoch(end)),
        )
        return [(_appointment(r), bool(r["confirmed"])) for r in rows]

    # -- settings ------------------------------------------------------------------------------

    async def set_policy(self, practice_id: int, policy: ReminderPolicy) -> None:
        await self._db.execute(
            "UPDATE practices SET reminders_before = ?, quiet_hours = ? WHERE id = ?",
            (",".join(format_offset(o) for o in policy.before), policy.quiet.label(), practice_id),
        )

    async def policy(self, practice_id: int) -> ReminderPolicy:
        row = await self._db.fetch_one(
            "SELECT reminders_before, quiet_hours FROM practices WHERE id = ?", (practice_id,)
        )
        if row is None:
            return ReminderPolicy()
        return self._policy(row["reminders_before"], row["quiet_hours"])

    async def set_agenda_time(self, specialist_id: int, at: time) -> None:
        await self._db.execute(
            "UPDATE specialists SET agenda_at = ? WHERE id = ?", (f"{at:%H:%M}", specialist_id)
        )

    async def choice(self, telegram_user_id: int) -> ReminderChoice:
        row = await self._db.fetch_one(
            "SELECT reminder_choice FROM users WHERE telegram_user_id = ?", (telegram_user_id,)
        )
        return ReminderChoice(row[0]) if row else ReminderChoice.ALL

    async def set_choice(self, telegram_user_id: int, choice: ReminderChoice) -> None:
        await self._db.execute(
            "UPDATE users SET reminder_choice = ? WHERE telegram_user_id = ?",
            (choice.value, telegram_user_id),
        )

    async def mark_unreachable(self, telegram_user_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE users SET unreachable_at = ? WHERE telegram_user_id = ?"
            " AND unreachable_at IS NULL",
            (to_epoch(now), telegram_user_id),
        )

    async def mark_reachable(self, telegram_user_id: int) -> bool:
        changed = await self._db.execute(
            "UPDATE users SET unreachable_at = NULL WHERE telegram_user_id = ?"
            " AND unreachable_at IS NOT NULL",
            (telegram_user_id,),
        )
        return changed == 1
