"""When reminders go out: offsets in elapsed time, quiet hours for families, merging, catch-up.

The database says what was delivered; these functions say what is due. Nothing here sends.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.core.clock import PRACTICE_TZ

DEFAULT_BEFORE = (timedelta(hours=24), timedelta(hours=2))
# Two reminders closer together than this become one.
MERGE_WITHIN = timedelta(hours=3)
# A reminder moved out of the night goes this long before the quiet hours start, so that even a
# big burst, paced below Telegram's limit, is out before 21:30.
LAST_CALL = timedelta(minutes=30)
# Later than this after its moment, a reminder counts as missed (the bot was down) and is caught up.
CATCH_UP_AFTER = timedelta(minutes=15)
# No "Ik kom" by this long before the talk: the specialist hears it is unanswered.
ANSWER_BY = timedelta(hours=4)


class ReminderChoice(StrEnum):
    """What the user chose: every reminder, only the first or the last one, or none."""

    ALL = "all"
    FIRST = "first"
    LAST = "last"
    NONE = "none"


@dataclass(frozen=True)
class QuietHours:
    """Hours in which families get no reminders; by default the night, 21:30 to 08:00."""

    start: time = time(21, 30)
    end: time = time(8, 0)
    tz: ZoneInfo = PRACTICE_TZ

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours start and end at the same time")

    @property
    def _over_midnight(self) -> bool:
        return self.start > self.end

    def contains(self, moment: datetime) -> bool:
        clock = moment.astimezone(self.tz).time()
        if self._over_midnight:
            return clock >= self.start or clock < self.end
        return self.start <= clock < self.end

    def began(self, moment: datetime) -> datetime:
        """When the quiet period that holds `moment` began (wall clock, so DST is respected)."""
        local = moment.astimezone(self.tz)
        day = local.date()
        if self._over_midnight and local.time() < self.end:
            day -= timedelta(days=1)
        return _at(day, self.start, self.tz)

    def ends(self, moment: datetime) -> datetime:
        """When the quiet period that holds `moment` is over."""
        local = moment.astimezone(self.tz)
        day = local.date()
        if self._over_midnight and local.time() >= self.start:
            day += timedelta(days=1)
        return _at(day, self.end, self.tz)

    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


@dataclass(frozen=True)
class ReminderPolicy:
    """A practice's reminder rules; `before` is elapsed time before the talk, largest first."""

    before: tuple[timedelta, ...] = DEFAULT_BEFORE
    quiet: QuietHours = field(default_factory=QuietHours)

    def __post_init__(self) -> None:
        if any(offset <= timedelta(0) for offset in self.before):
            raise ValueError("a reminder goes before the talk")
        if len(set(self.before)) != len(self.before):
            raise ValueError("the same reminder twice")
        object.__setattr__(self, "before", tuple(sorted(self.before, reverse=True)))

    def chosen(self, choice: ReminderChoice) -> tuple[timedelta, ...]:
        if not self.before or choice is ReminderChoice.NONE:
            return ()
        if choice is ReminderChoice.FIRST:
            return self.before[:1]
        if choice is ReminderChoice.LAST:
            return self.before[-1:]
        return self.before


@dataclass(frozen=True, order=True)
class PlannedReminder:
    due_at: datetime
    offset: timedelta  # which reminder it is: how long before the talk it was meant to go


def plan_reminders(
    starts_at: datetime,
    scheduled_at: datetime,
    policy: ReminderPolicy,
    choice: ReminderChoice = ReminderChoice.ALL,
) -> list[PlannedReminder]:
    """The reminders of one appointment, given when it was booked or last moved.

    A moment inside the quiet hours moves earlier, to before they begin; one that had already
    passed at booking is skipped; of two within MERGE_WITHIN only the earlier stays.
    """
    planned = []
    for offset in policy.chosen(choice):
        due = starts_at.astimezone(UTC) - offset  # in UTC: aware local datetimes subtract by wall
        if policy.quiet.contains(due):
            due = (policy.quiet.began(due) - LAST_CALL).astimezone(UTC)
        if due > scheduled_at:
            planned.append(PlannedReminder(due, offset))
    planned.sort()
    kept: list[PlannedReminder] = []
    for reminder in planned:
        if kept and reminder.due_at - kept[-1].due_at < MERGE_WITHIN:
            continue
        kept.append(reminder)
    return kept


@dataclass(frozen=True)
class Decision:
    """What to do now for one appointment: send one reminder, give up on others, or wait."""

    send: PlannedReminder | None = None
    skip: tuple[PlannedReminder, ...] = ()
    wait_until: datetime | None = None


def decide(
    planned: Sequence[PlannedReminder],
    done: Collection[timedelta],
    starts_at: datetime,
    now: datetime,
    quiet: QuietHours,
) -> Decision:
    """Of the reminders that are due and not done, only the latest goes; never in the night.

    `done` holds the offsets that were sent, skipped or given up. A reminder that is late because
    the bot was down is caught up, unless the talk has begun or the next reminder comes soon anyway.
    """
    if now >= starts_at:
        return Decision(skip=tuple(p for p in planned if p.offset not in done))
    open_ = [p for p in planned if p.offset not in done]
    due = [p for p in open_ if p.due_at <= now]
    if not due:
        return Decision()
    latest = max(due)
    older = tuple(p for p in due if p is not latest)
    if quiet.contains(now):
        if quiet.ends(now) >= starts_at:
            return Decision(skip=tuple(due))
        return Decision(skip=older, wait_until=quiet.ends(now))
    later = [p for p in open_ if p.due_at > now]
    if now - latest.due_at > CATCH_UP_AFTER and later and min(later).due_at - now < MERGE_WITHIN:
        return Decision(skip=tuple(due))
    return Decision(send=latest, skip=older)


def next_moment(
    planned: Sequence[PlannedReminder], done: Collection[timedelta], now: datetime
) -> datetime | None:
    """When this appointment next needs the sender, if ever."""
    ahead = [p.due_at for p in planned if p.offset not in done and p.due_at > now]
    return min(ahead) if ahead else None


def parse_offset(text: str) -> timedelta:
    """'24h', '2h', '90m' or '1d': how long before the talk."""
    raw = text.strip().lower()
    units = {"m": 60, "h": 3600, "d": 86400}
    if len(raw) < 2 or raw[-1] not in units or not raw[:-1].isascii() or not raw[:-1].isdigit():
        raise ValueError(f"'{text}' is not like '24h', '2h' or '90m'")
    seconds = int(raw[:-1]) * units[raw[-1]]
    if not 0 < seconds <= 14 * 86400:
        raise ValueError(f"'{text}' must lie between 1 minute and 14 days")
    return timedelta(seconds=seconds)


def format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


def parse_quiet_hours(text: str) -> QuietHours:
    """'21:30-08:00'."""
    try:
        start_text, end_text = (part.strip() for part in text.split("-"))
        return QuietHours(time.fromisoformat(start_text), time.fromisoformat(end_text))
    except ValueError:
        raise ValueError(f"'{text}' is not like '21:30-08:00'") from None
