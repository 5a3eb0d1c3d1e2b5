"""The family's side of reminders: "Ik kom", and which reminders they want at all."""

from __future__ import annotations

from datetime import timedelta

from babel.dates import format_timedelta
from telegram import Update
from telegram.error import BadRequest

from bot.core.booking import Appointment
from bot.core.callback_data import Action, Callback, is_number
from bot.core.reminders import ReminderChoice, ReminderPolicy
from bot.handlers import booking
from bot.handlers.common import Context, Who, button, drop_buttons, keyboard, say, services
from bot.handlers.menu import MenuItem, send_main_menu
from bot.i18n import Texts
from bot.jobs import reminders as reminder_jobs
from bot.storage.reminders import Delivery


def duration(t: Texts, offset: timedelta) -> str:
    """'24 uur', '2 uur', '90 minuten': hours stay hours up to two days."""
    return format_timedelta(offset, threshold=2, locale=t.language.value)


def choice_label(t: Texts, choice: ReminderChoice, policy: ReminderPolicy) -> str:
    before = policy.before
    if choice is ReminderChoice.NONE or not before:
        return t._("No reminders")
    if choice is ReminderChoice.ALL and len(before) > 1:
        return t._("Both")
    offset = before[-1] if choice is ReminderChoice.LAST else before[0]
    return t._("{duration} before").format(duration=duration(t, offset))


def choices(policy: ReminderPolicy) -> list[ReminderChoice]:
    if len(policy.before) > 1:
        return list(ReminderChoice)
    if policy.before:
        return [ReminderChoice.ALL, ReminderChoice.NONE]
    return []


async def policy_for(person: Who, context: Context) -> ReminderPolicy:
    practice_id = person.profile.practice_id if person.profile else None
    if practice_id is None:
        return ReminderPolicy()
    return await services(context).storage.reminders.policy(practice_id)


def describe(t: Texts, choice: ReminderChoice, policy: ReminderPolicy) -> str:
    """In one line, which reminders this person gets."""
    offsets = policy.chosen(choice)
    if not offsets:
        return t._("no reminders")
    return t._(" and ").join(duration(t, o) for o in offsets) + " " + t._("before the talk")


async def on_choice(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """Without an argument: show the options. With one: store it, after checking it exists."""
    t = person.texts
    svc = services(context)
    if person.profile is None:
        await send_main_menu(person, context)
        return
    policy = await policy_for(person, context)
    offered = choices(policy)
    if not offered:
        await send_main_menu(person, context, intro=t._("Your practice sends no reminders."))
        return
    if cb.args:
        picked = cb.arg()
        if picked not in {c.value for c in offered}:
            await send_main_menu(
                person, context, intro=t._("That button no longer works. Here is the menu.")
            )
            return
        await svc.storage.reminders.set_choice(person.user_id, ReminderChoice(picked))
        await drop_buttons(update.effective_message)
        await send_main_menu(
            person,
            context,
            intro=t._("Saved. You get: {which}.").format(
                which=describe(t, ReminderChoice(picked), policy)
            ),
        )
        return
    current = await svc.storage.reminders.choice(person.user_id)
    buttons = [
        button(
            ("✓ " if c is current else "") + choice_label(t, c, policy), Action.REMINDER_CHOICE, c
        )
        for c in offered
    ]
    await say(
        context,
        person.chat_id,
        t._("Which reminders do you want before an appointment? Now: {which}.").format(
            which=describe(t, current, policy)
        ),
        keyboard(buttons[:2], buttons[2:], [button(t._("Menu"), Action.MENU, MenuItem.HOME)]),
    )


async def on_coming(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """ "Ik kom": stored once, told to the specialist once, only for this person's current time."""
    t = person.texts
    svc = services(context)
    value = cb.arg()
    delivery = await svc.storage.reminders.get(int(value)) if is_number(value) else None
    appointment = await svc.storage.appointments.get(delivery.appointment_id) if delivery else None
    if delivery is None or appointment is None or appointment.telegram_user_id != person.user_id:
        await send_main_menu(
            person, context, intro=t._("That button no longer works. Here is the menu.")
        )
        return
    now = svc.clock.now()
    if appointment.status != "booked":
        await send_main_menu(person, context, intro=t._("That appointment is already cancelled."))
        return
    when = booking._when(t, appointment.starts_at)
    if delivery.sequence != appointment.sequence:
        await send_main_menu(
            person,
            context,
            intro=t._(
                "This reminder was for an earlier time. Your appointment is now {when}."
            ).format(when=when),
        )
        return
    if now >= appointment.starts_at:
        await send_main_menu(person, context, intro=t._("That appointment has already begun."))
        return
    await _keep_move_and_cancel(update, t, appointment)
    earlier = await svc.storage.reminders.for_appointment(appointment)
    said_before = any(d.answer == "coming" for d in earlier)
    if said_before or not await svc.storage.reminders.answer(delivery.id, "coming", now):
        await say(context, person.chat_id, t._("You had already said you are coming. See you!"))
        return
    await say(context, person.chat_id, t._("Thank you. See you on {when}!").format(when=when))
    await booking.tell_specialists(context, appointment, reminder_jobs.CONFIRMED)


async def _keep_move_and_cancel(update: Update, t: Texts, appointment: Appointment) -> None:
    """Take "Ik kom" off the reminder; moving and cancelling stay possible from it."""
    message = update.effective_message
    if message is None:
        return
    try:
        await message.edit_reply_markup(
            reply_markup=keyboard(
                [
                    button(t._("Move"), Action.APPOINTMENT_MOVE, appointment.id),
                    button(t._("Cancel"), Action.APPOINTMENT_CANCEL, appointment.id),
                ]
            )
        )
    except BadRequest as exc:
        if "not modified" not in str(exc) and "not found" not in str(exc):
            raise


def status_lines(t: Texts, deliveries: list[Delivery]) -> list[str]:
    """For the specialist's Details: what happened to the reminders of this appointment."""
    if not deliveries:
        return [t._("Reminder: not sent yet.")]
    lines = []
    for delivery in deliveries:
        if delivery.status == "sent" and delivery.sent_at is not None:
            lines.append(
                t._("Reminder sent {when}.").format(when=booking._when(t, delivery.sent_at))
            )
        elif delivery.status == "undeliverable":
            lines.append(t._("Reminder could not be delivered."))
        elif delivery.status in ("pending", "claimed"):
            lines.append(t._("Reminder: Telegram was busy, trying again."))
        if delivery.answer == "coming":
            lines.append(t._("Answer: coming."))
    return lines or [t._("Reminder: not sent yet.")]
