"""The specialist's day at a glance, each working morning (default 07:30).

Quiet hours are for families, not for the specialist, so the agenda is not silent. It is sent
once a day, recorded in the database; a bot that was down at 07:30 sends it late the same morning.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from telegram.error import Forbidden, TelegramError

from bot.core.booking import Mode
from bot.core.callback_data import Action
from bot.core.clock import PRACTICE_TZ
from bot.core.models import Specialist
from bot.core.workdays import public_holidays
from bot.handlers import booking
from bot.handlers.common import Context, Services, button, escape, keyboard, services
from bot.handlers.questions import specialist_texts
from bot.i18n import Texts

DEFAULT_AGENDA_AT = time(7, 30)
CATCH_UP_FOR = timedelta(hours=4)
LOOK_AHEAD_DAYS = 8
DETAILS_PER_ROW = 3
RETRY_AFTER = timedelta(minutes=5)

log = logging.getLogger(__name__)


async def working_days(
    svc: Services, specialist: Specialist, first: date, last: date
) -> list[date]:
    """Weekdays with hours at a practice that is not closed that day, without public holidays;
    hours and days off are read once per practice, not once per day."""
    holidays = public_holidays(first, last)
    open_days: list[tuple[set[int], set[date]]] = []
    for practice_id in specialist.practice_ids:
        hours = await svc.storage.availability.hours(specialist.id, practice_id)
        closed = await svc.storage.availability.days_off(specialist.id, practice_id)
        open_days.append(({h.weekday for h in hours}, closed))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        day
        for day in days
        if day not in holidays
        and any(day.weekday() in weekdays and day not in closed for weekdays, closed in open_days)
    ]


async def send_due_agendas(context: Context) -> tuple[int, datetime | None]:
    """How many went out now, and when the next one is due."""
    svc = services(context)
    now = svc.clock.now()
    today = now.astimezone(PRACTICE_TZ).date()
    times = await svc.storage.reminders.agenda_times()
    sent, next_at = 0, None
    for specialist in await svc.storage.specialists.all():
        if specialist.telegram_user_id is None or not specialist.practice_ids:
            continue
        at = times.get(specialist.id, DEFAULT_AGENDA_AT)
        last = today + timedelta(days=LOOK_AHEAD_DAYS - 1)
        for day in await working_days(svc, specialist, today, last):
            moment = datetime.combine(day, at, tzinfo=PRACTICE_TZ)
            if moment > now:
                next_at = moment if next_at is None else min(next_at, moment)
                break
            if now - moment <= CATCH_UP_FOR and await svc.storage.reminders.claim_agenda(
                specialist.id, day, now
            ):
                try:
                    await send_agenda(context, specialist, day)
                except Forbidden:
                    # The specialist blocked the bot: nothing to retry; the others still get theirs.
                    log.warning("agenda for specialist %d refused (Forbidden)", specialist.id)
                except TelegramError as exc:
                    log.warning(
                        "agenda for specialist %d failed (%s)", specialist.id, type(exc).__name__
                    )
                    await svc.storage.reminders.release_agenda(specialist.id, day)
                    retry = now + RETRY_AFTER
                    next_at = retry if next_at is None else min(next_at, retry)
                else:
                    sent += 1
    return sent, next_at


async def send_agenda(context: Context, specialist: Specialist, day: date) -> None:
    svc = services(context)
    t = specialist_texts(context)
    start = datetime.combine(day, time(0), tzinfo=PRACTICE_TZ)
    talks = await svc.storage.reminders.day_of(specialist.id, start, start + timedelta(days=1))
    text = agenda_text(t, day, talks, await _practice_names(svc, specialist))
    buttons = [
        button(
            t._("{time} details").format(time=t.time(appointment.starts_at)),
            Action.APPOINTMENT_DETAILS,
            appointment.id,
        )
        for appointment, _ in talks
    ]
    rows = [buttons[i : i + DETAILS_PER_ROW] for i in range(0, len(buttons), DETAILS_PER_ROW)]
    assert specialist.telegram_user_id is not None
    await context.bot.send_message(
        specialist.telegram_user_id, text, reply_markup=keyboard(*rows) if rows else None
    )


async def _practice_names(svc: Services, specialist: Specialist) -> dict[int, str]:
    names = {}
    for practice_id in specialist.practice_ids:
        practice = await svc.storage.practices.by_id(practice_id)
        names[practice_id] = practice.name if practice else "-"
    return names


def agenda_text(t: Texts, day: date, talks: list, practice_names: dict[int, str]) -> str:
    """Times, kinds and who said "Ik kom"; no names, for the lock screen."""
    heading = t._("<b>Your agenda for today, {day}</b>").format(
        day=t.date(datetime.combine(day, time(12), tzinfo=PRACTICE_TZ), "EEEE d MMMM")
    )
    if not talks:
        return heading + "\n\n" + t._("No appointments today.")
    parts = [heading]
    current = None
    for appointment, confirmed in talks:
        if appointment.practice_id != current:
            current = appointment.practice_id
            parts.append("\n<b>" + escape(practice_names.get(current, "-")) + "</b>")
        line = f"{t.time(appointment.starts_at)} {t._(booking.KIND_LABELS[appointment.kind])}"
        if appointment.mode != Mode.PRACTICE:
            line += " · " + t._(booking.MODE_LABELS[Mode(appointment.mode)]).lower()
        if confirmed:
            line += " · " + t._("coming")
        parts.append(line)
    return "\n".join(parts)
