"""Booking rules: kinds of talk, limits per person, late cancellation, and the errors they raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

CANCEL_CUTOFF = timedelta(hours=24)
MAX_UPCOMING_PER_USER = 2
BUFFER = timedelta(minutes=15)


class Kind(StrEnum):
    INTAKE = "intake"  # kennismakingsgesprek
    FOLLOWUP = "followup"  # vervolggesprek


LENGTH = {Kind.INTAKE: timedelta(minutes=45), Kind.FOLLOWUP: timedelta(minutes=30)}


class ForWhom(StrEnum):
    SELF = "self"
    CHILD = "child"


@dataclass(frozen=True)
class Appointment:
    id: int
    uid: str
    telegram_user_id: int
    practice_id: int
    specialist_id: int
    kind: Kind
    mode: str
    starts_at: datetime
    ends_at: datetime
    status: str
    for_whom: ForWhom
    first_name: str
    birth_date: date
    phone: str | None
    topic: str
    note: str | None
    sequence: int
    cancelled_late: bool


class BookingError(Exception):
    """A booking that cannot be made; each subclass maps to one kind sentence in the handler."""


class SlotTaken(BookingError):
    pass


class SlotNotOffered(BookingError):
    """In the past, inside the notice, beyond the horizon or outside the hours."""


class TooManyAppointments(BookingError):
    pass


class IntakeAlreadyOpen(BookingError):
    pass


def is_late_cancellation(
    starts_at: datetime, now: datetime, cutoff: timedelta = CANCEL_CUTOFF
) -> bool:
    """Closer than the cut-off (elapsed time): still allowed, but the specialist is told."""
    return starts_at - now < cutoff
