"""Woken by the scheduler: due reminders go out, the specialist hears what needs hearing.

The database is the truth. A sweep reads the appointments and the delivery record, lets the core
decide, claims each reminder before sending it and confirms it after, then asks the scheduler to
wake it at the next moment anything is due. Killed mid-burst, the next start sends the claimed
but unconfirmed ones again; nothing else is sent twice and nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.core.booking import Appointment
from bot.core.callback_data import Action
from bot.core.clock import PRACTICE_TZ
from bot.core.models import Practice
from bot.core.reminders import ANSWER_BY, PlannedReminder, decide, next_moment, plan_reminders
from bot.handlers import booking
from bot.handlers.common import Context, Services, button, escape, keyboard, services
from bot.i18n import N_, Texts
from bot.jobs import agenda
from bot.storage.reminders import DONE, ReminderTarget

log = logging.getLogger(__name__)

JOB_NAME = "reminders"
# However quiet the agenda, the sweep looks again this often (a change made elsewhere, a lost wake).
MAX_SLEEP = timedelta(minutes=10)
# A claim this old belongs to a sender that died; its reminder is sent again.
CLAIM_ABANDONED_AFTER = timedelta(minutes=5)
# How far past the largest offset a reminder can be moved earlier (out of the quiet hours).
QUIET_REACH = timedelta(hours=25)
# Below Telegram's 30 messages a second, so people who are chatting never wait behind a burst.
DEFAULT_RATE = 20.0
RETRY_FIRST = timedelta(seconds=30)
NOTICE_RETRY = timedelta(minutes=5)
RETRY_MOST = timedelta(minutes=15)

UNANSWERED = N_("Not confirmed yet: {when}, {practice}, {kind}.")
UNDELIVERABLE = N_("Reminder could not be delivered: {when}, {practice}, {kind}.")
CONFIRMED = N_("Confirmed (coming): {when}, {practice}, {kind}.")


@dataclass
class ReminderSender:
    """One per process: one sweep at a time, paced below Telegram's limit."""

    rate: float | None = DEFAULT_RATE
    claimer: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # A change while a sweep runs: the running sweep looks again when it ends, no job piles up.
    look_again: bool = False
    _next_send: float = 0.0
    _held_until: float = 0.0

    async def pace(self) -> None:
        if not self.rate:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next_send, self._held_until)
        self._next_send = start + 1 / self.rate
        if start > now:
            await asyncio.sleep(start - now)

    def hold(self, seconds: float) -> None:
        """Telegram said 429: the whole sender waits, not only the one reminder."""
        if self.rate:
            self._held_until = asyncio.get_running_loop().time() + seconds


@dataclass
class SweepReport:
    sent: int = 0
    skipped: int = 0
    undeliverable: int = 0
    retrying: int = 0
    unanswered: int = 0
    agendas: int = 0
    next_at: datetime | None = None

    def wake_at(self, moment: datetime | None) -> None:
        if moment is not None and (self.next_at is None or moment < self.next_at):
            self.next_at = moment


def sender_of(application: Application) -> ReminderSender:
    return application.bot_data["reminders"]


async def send_due_reminders(context: Context) -> SweepReport:
    """The job: one sweep, then the next wake-up."""
    svc = services(context)
    sender = sender_of(context.application)
    report = SweepReport()
    try:
        async with sender.lock:
            sender.look_again = False
            await _remind(context, svc, sender, report)
            await _tell_unanswered(context, svc, report)
            report.agendas, next_agenda = await agenda.send_due_agendas(context)
            report.wake_at(next_agenda)
    finally:
        # Whatever went wrong in this sweep, the next one comes (at the latest after MAX_SLEEP).
        now = svc.clock.now()
        if sender.look_again:
            report.wake_at(now)
        schedule(context.application, report.next_at, now)
    return report


def schedule(application: Application, at: datetime | None, now: datetime) -> None:
    """One pending wake-up at a time; the delay is relative, so a test clock works the same."""
    queue = application.job_queue
    if queue is None:
        return
    delay = MAX_SLEEP if at is None else min(max(at - now, timedelta(0)), MAX_SLEEP)
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    queue.run_once(send_due_reminders, when=delay, name=JOB_NAME)


def wake(application: Application) -> None:
    """An appointment was booked, moved or cancelled: look again now."""
    sender = sender_of(application)
    if sender.lock.locked():
        sender.look_again = True
        return
    now = application.bot_data["services"].clock.now()
    schedule(application, now, now)


async def _reach(svc: Services) -> timedelta:
    practices = await svc.storage.practices.all()
    largest = timedelta(0)
    for practice in practices:
        policy = await svc.storage.reminders.policy(practice.id)
        largest = max([largest, *policy.before])
    return largest + QUIET_REACH


async def _remind(context: Context, svc: Services, sender: ReminderSender, report: SweepReport):
    now = svc.clock.now()
    targets = await svc.storage.reminders.targets(now, now + await _reach(svc) + MAX_SLEEP)
    to_send: list[tuple[PlannedReminder, ReminderTarget]] = []
    for target in targets:
        appointment = target.appointment
        planned = plan_reminders(
            appointment.starts_at, target.scheduled_at, target.policy, target.choice
        )
        done = {o for o, d in target.deliveries.items() if d.status in DONE}
        decision = decide(planned, done, appointment.starts_at, now, target.policy.quiet)
        for reminder in decision.skip:
            await svc.storage.reminders.close_without_sending(
                appointment, reminder.offset, reminder.due_at, "skipped"
            )
            report.skipped += 1
        settled = done | {r.offset for r in decision.skip}
        if decision.send is not None:
            to_send.append((decision.send, target))
            settled.add(decision.send.offset)
            earlier = target.deliveries.get(decision.send.offset)
            if earlier is not None and earlier.retry_at is not None and earlier.retry_at > now:
                report.wake_at(earlier.retry_at)
            if earlier is not None and earlier.status == "claimed" and earlier.claimed_at:
                # Claims are kept in whole seconds: look a second after the claim is abandoned.
                report.wake_at(earlier.claimed_at + CLAIM_ABANDONED_AFTER + timedelta(seconds=1))
        report.wake_at(decision.wait_until)
        report.wake_at(next_moment(planned, settled, now))
    to_send.sort(key=lambda pair: (pair[0].due_at, pair[1].appointment.id))
    practices: dict[int, Practice | None] = {}
    abandoned_before = now - CLAIM_ABANDONED_AFTER
    if sender.started_at is not None:
        abandoned_before = max(abandoned_before, sender.started_at)
    for reminder, target in to_send:
        appointment = target.appointment
        if target.unreachable:
            await _give_up(context, svc, appointment, reminder)
            report.undeliverable += 1
            continue
        await sender.pace()
        moment = svc.clock.now()
        if moment >= appointment.starts_at:
            continue
        if target.policy.quiet.contains(moment):
            report.wake_at(target.policy.quiet.ends(moment))  # the burst ran into the night
            continue
        delivery_id = await svc.storage.reminders.claim(
            appointment, reminder.offset, reminder.due_at, moment, sender.claimer, abandoned_before
        )
        if delivery_id is None:
            continue  # sent, or being sent, or waiting for its retry
        if appointment.practice_id not in practices:
            practices[appointment.practice_id] = await svc.storage.practices.by_id(
                appointment.practice_id
            )
        texts = svc.catalogs[target.language]
        confirmed = any(d.answer == "coming" for d in target.deliveries.values())
        text, markup = reminder_message(
            texts, appointment, practices[appointment.practice_id], delivery_id, moment, confirmed
        )
        await _deliver(context, svc, sender, report, target, reminder, delivery_id, text, markup)


async def _deliver(
    context: Context,
    svc: Services,
    sender: ReminderSender,
    report: SweepReport,
    target: ReminderTarget,
    reminder: PlannedReminder,
    delivery_id: int,
    text: str,
    markup: InlineKeyboardMarkup,
) -> None:
    appointment = target.appointment
    store = svc.storage.reminders
    try:
        message = await context.bot.send_message(
            appointment.telegram_user_id, text, reply_markup=markup
        )
    except Forbidden:
        await store.mark_unreachable(appointment.telegram_user_id, svc.clock.now())
        await store.undeliverable(delivery_id, sender.claimer)
        await _tell_undeliverable(context, svc, appointment)
        report.undeliverable += 1
    except RetryAfter as exc:
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        retry_at = svc.clock.now() + timedelta(seconds=seconds)
        await store.retry_later(delivery_id, sender.claimer, retry_at)
        sender.hold(seconds)
        report.retrying += 1
        report.wake_at(retry_at)
    except BadRequest as exc:
        # "chat not found" and its kin: no retry can help. Never the text in the log.
        log.warning("reminder %d refused by Telegram (%s)", delivery_id, type(exc).__name__)
        await store.undeliverable(delivery_id, sender.claimer)
        await _tell_undeliverable(context, svc, appointment)
        report.undeliverable += 1
    except (NetworkError, TelegramError) as exc:
        attempts = await store.attempts(delivery_id)
        backoff = min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_MOST)
        retry_at = svc.clock.now() + backoff
        log.info("reminder %d will be retried (%s)", delivery_id, type(exc).__name__)
        await store.retry_later(delivery_id, sender.claimer, retry_at)
        report.retrying += 1
        report.wake_at(retry_at)
    else:
        await store.confirm_sent(delivery_id, sender.claimer, svc.clock.now(), message.message_id)
        report.sent += 1


async def _give_up(
    context: Context, svc: Services, appointment: Appointment, reminder: PlannedReminder
) -> None:
    """The user blocked the bot earlier: no new try, the specialist hears it once."""
    await svc.storage.reminders.close_without_sending(
        appointment, reminder.offset, reminder.due_at, "undeliverable"
    )
    await _tell_undeliverable(context, svc, appointment)


async def _tell_undeliverable(context: Context, svc: Services, appointment: Appointment) -> None:
    if await svc.storage.reminders.notice_given(appointment, "undeliverable"):
        return
    if await booking.tell_specialists(context, appointment, UNDELIVERABLE):
        await svc.storage.reminders.record_notice(appointment, "undeliverable", svc.clock.now())


async def _tell_unanswered(context: Context, svc: Services, report: SweepReport) -> None:
    now = svc.clock.now()
    for appointment in await svc.storage.reminders.unanswered(now, ANSWER_BY):
        if await booking.tell_specialists(context, appointment, UNANSWERED):
            await svc.storage.reminders.record_notice(appointment, "unanswered", now)
            report.unanswered += 1
        else:
            report.wake_at(now + NOTICE_RETRY)  # nobody could be told: try again soon
    report.wake_at(await svc.storage.reminders.first_unanswered_moment(now, ANSWER_BY))


# -- the message ------------------------------------------------------------------------------


def lock_screen_line(t: Texts, starts_at: datetime, now: datetime) -> str:
    """The first line, which a lock screen shows: neutral, no topic, no kind of care."""
    day = starts_at.astimezone(PRACTICE_TZ).date()
    today = now.astimezone(PRACTICE_TZ).date()
    if day == today:
        template = t._("Reminder: your appointment today at {time}")
    elif day == today + timedelta(days=1):
        template = t._("Reminder: your appointment tomorrow at {time}")
    else:
        template = t._("Reminder: your appointment on {day} at {time}")
    return template.format(time=t.time(starts_at), day=t.date(starts_at, "EEEE d MMMM"))


def reminder_message(
    t: Texts,
    appointment: Appointment,
    practice: Practice | None,
    delivery_id: int,
    now: datetime,
    confirmed: bool = False,
) -> tuple[str, InlineKeyboardMarkup]:
    """After an earlier "Ik kom" the question is not asked again."""
    lines = [lock_screen_line(t, appointment.starts_at, now)]
    day = t._("{day} at {time}").format(
        day=t.date(appointment.starts_at, "EEEE d MMMM"), time=t.time(appointment.starts_at)
    )
    if appointment.mode == "phone":
        lines.append(t._("{when}, by phone. The practice calls you.").format(when=day))
    elif appointment.mode == "video":
        lines.append(t._("{when}, by video call.").format(when=day))
    elif practice is not None:
        lines.append(
            t._("{when} at {practice}, {address}.").format(
                when=day, practice=escape(practice.name), address=escape(practice.address)
            )
        )
    move_and_cancel = [
        button(t._("Move"), Action.APPOINTMENT_MOVE, appointment.id),
        button(t._("Cancel"), Action.APPOINTMENT_CANCEL, appointment.id),
    ]
    if confirmed:
        lines.append(t._("You said you are coming. Cancelling is still always possible."))
        return "\n".join(lines), keyboard(move_and_cancel)
    lines.append(t._("Are you coming? Cancelling is always possible."))
    coming = button(t._("I'm coming"), Action.REMINDER_COMING, delivery_id)
    return "\n".join(lines), keyboard([coming, *move_and_cancel])
