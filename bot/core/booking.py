"""Booking rules: kinds of talk, where they happen, limits per person, late cancellation, and
the errors they raise."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

CANCEL_CUTOFF = timedelta(hours=24)
MAX_UPCOMING_PER_USER = 2
BUFFER = timedelta(minutes=15)


class Kind(StrEnum):
    INTAKE = "intake"  # kennismakingsgesprek
    FOLLOWUP = "followup"  # vervolggesprek


class Mode(StrEnum):
    """Where a talk happens; the strings are those of appointments.mode."""

    PRACTICE = "practice"  # at the practice's address
    PHONE = "phone"  # the specialist calls the number the person gave
    VIDEO = "video"  # the practice sends a link


DEFAULT_LENGTH = {Kind.INTAKE: timedelta(minutes=45), Kind.FOLLOWUP: timedelta(minutes=30)}


@dataclass(frozen=True)
class TalkType:
    """One kind of talk at one practice: how long it lasts and where it can happen."""

    length: timedelta
    modes: tuple[Mode, ...] = (Mode.PRACTICE,)

    def __post_init__(self) -> None:
        if self.length <= timedelta(0) or not self.modes or len(set(self.modes)) != len(self.modes):
            raise ValueError("a positive length and at least one place, each once")

    @property
    def minutes(self) -> int:
        return int(self.length.total_seconds() // 60)

    @property
    def asks_mode(self) -> bool:
        """Only a real choice is asked: one place needs no question."""
        return len(self.modes) > 1


@dataclass(frozen=True)
class TalkTypes:
    """The talks a practice offers. The first talk is always a kennismakingsgesprek, a later
    one a vervolggesprek; the practice chooses their lengths and places."""

    intake: TalkType = TalkType(DEFAULT_LENGTH[Kind.INTAKE])
    followup: TalkType = TalkType(DEFAULT_LENGTH[Kind.FOLLOWUP])

    def of(self, kind: Kind) -> TalkType:
        return self.intake if kind is Kind.INTAKE else self.followup


DEFAULT_TALKS = TalkTypes()


@dataclass(frozen=True)
class BookingOptions:
    """Per practice code: its talks, and the group whose practices book for each other.

    A practice that is not named here (a database seeded earlier, no practice file) gets the
    default talks and no group.
    """

    talks: Mapping[str, TalkTypes] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)

    def talks_at(self, code: str) -> TalkTypes:
        return self.talks.get(code, DEFAULT_TALKS)

    def group_of(self, code: str) -> tuple[str, ...]:
        """The practice codes of the group `code` is in, `code` first, then in file order."""
        group = self.groups.get(code)
        if group is None:
            return (code,)
        return (code, *(c for c, g in self.groups.items() if g == group and c != code))


def kind_of_talk(earlier_starts: Iterable[datetime], now: datetime) -> Kind:
    """A first talk unless this person already had a talk (one that has started)."""
    return Kind.FOLLOWUP if any(start <= now for start in earlier_starts) else Kind.INTAKE


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
