"""Times a practice can offer, merged over its specialists, and booking one of them safely.

Glue between the pure rules (free_slots) and storage: it reads hours, days off and bookings,
and re-checks every requested time on the server, because a button can be old or forged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.core.booking import BUFFER, Appointment, SlotNotOffered, SlotTaken
from bot.core.clock import PRACTICE_TZ
from bot.core.slots import DEFAULT_HORIZON, DEFAULT_NOTICE, free_slots
from bot.core.workdays import public_holidays
from bot.storage import NewAppointment, Storage


@dataclass(frozen=True)
class Offer:
    start: datetime
    end: datetime
    specialist_ids: tuple[int, ...]


async def offers(
    storage: Storage,
    practice_id: int,
    length: timedelta,
    now: datetime,
    *,
    prefer_specialist: int | None = None,
) -> list[Offer]:
    """One offer per start time for a talk of `length` (the practice's length for its kind);
    the preferred specialist (of earlier talks) comes first."""
    horizon_end = now + DEFAULT_HORIZON
    holidays = public_holidays(now.astimezone(PRACTICE_TZ).date(), horizon_end.date())
    by_start: dict[datetime, list[int]] = {}
    ends: dict[datetime, datetime] = {}
    for specialist in await storage.specialists.for_practice(practice_id):
        hours = await storage.availability.hours(specialist.id, practice_id)
        if not hours:
            continue
        closed = holidays | await storage.availability.days_off(specialist.id, practice_id)
        busy = await storage.appointments.busy(specialist.id, now, horizon_end + length)
        for slot in free_slots(
            hours, busy, now, length=length, buffer=BUFFER, notice=DEFAULT_NOTICE,
            horizon=DEFAULT_HORIZON, closed_days=closed,
        ):  # fmt: skip
            by_start.setdefault(slot.start, []).append(specialist.id)
            ends[slot.start] = slot.end
    result = []
    for start in sorted(by_start):
        ids = by_start[start]
        if prefer_specialist in ids:
            ids = [prefer_specialist, *(i for i in ids if i != prefer_specialist)]
        result.append(Offer(start, ends[start], tuple(ids)))
    return result


async def can_book_at(storage: Storage, practice_id: int) -> bool:
    """A practice people can book at: one of its specialists has weekly hours there."""
    for specialist in await storage.specialists.for_practice(practice_id):
        if await storage.availability.hours(specialist.id, practice_id):
            return True
    return False


async def move(
    storage: Storage,
    appointment: Appointment,
    start: datetime,
    now: datetime,
    *,
    length: timedelta,
) -> Appointment:
    """Move to a start that is offered now, keeping the specialist where they are free."""
    current = await offers(
        storage, appointment.practice_id, length, now,
        prefer_specialist=appointment.specialist_id,
    )  # fmt: skip
    offer = next((o for o in current if o.start == start), None)
    if offer is None:
        raise SlotNotOffered
    for specialist_id in offer.specialist_ids:
        try:
            return await storage.appointments.move(
                appointment.id, specialist_id, offer.start, offer.end, BUFFER, now
            )
        except SlotTaken:
            continue
    raise SlotTaken


async def book(
    storage: Storage,
    details: NewAppointment,
    now: datetime,
    *,
    length: timedelta,
    prefer_specialist: int | None = None,
) -> Appointment:
    """Book the requested start with a specialist who is free then; SlotTaken when none is left."""
    current = await offers(
        storage, details.practice_id, length, now, prefer_specialist=prefer_specialist
    )
    offer = next((o for o in current if o.start == details.starts_at), None)
    if offer is None:
        raise SlotNotOffered
    for specialist_id in offer.specialist_ids:
        attempt = replace(details, specialist_id=specialist_id, ends_at=offer.end, buffer=BUFFER)
        try:
            return await storage.appointments.book(attempt, now)
        except SlotTaken:
            continue
    raise SlotTaken
