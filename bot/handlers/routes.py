"""The one place that says which handler answers which update, in which order."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.booking import is_late_cancellation
from bot.core.callback_data import Action, Callback, InvalidCallback, unpack
from bot.handlers import (
    booking,
    fallback,
    menu,
    onboarding,
    questions,
    reminders,
    safety,
    specialist,
    tips,
)
from bot.handlers.common import Context, Who, say, services, who

log = logging.getLogger(__name__)

ButtonHandler = Callable[[Update, Context, Who, Callback], Awaitable[None]]


async def _help_now_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    await safety.send_crisis_card(person, context)


async def _menu_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if cb.args[:1] == (menu.MenuItem.ASK,) and person.profile is not None:
        await questions.start_question(person, context)
        return
    if cb.args[:1] == (menu.MenuItem.TIPS,) and person.profile is not None:
        await tips.show_categories(person, context)
        return
    if cb.args[:1] == (menu.MenuItem.BOOK,) and person.profile is not None:
        await booking.start_booking(person, context)
        return
    if cb.args[:1] == (menu.MenuItem.APPOINTMENTS,) and person.profile is not None:
        await booking.show_appointments(person, context)
        return
    await menu.on_menu_button(update, context, person, cb)


async def _erase_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """Erasing a person frees their appointments: the specialist hears of each, as a cancel."""
    svc = services(context)
    now = svc.clock.now()
    upcoming = []
    if cb.args[:1] == ("yes",):
        upcoming = await svc.storage.appointments.upcoming_for_user(person.user_id, now)
    await menu.on_erase_button(update, context, person, cb)
    for appointment in upcoming:
        if await svc.storage.appointments.get(appointment.id) is None:
            late = is_late_cancellation(appointment.starts_at, now)
            await booking.notify_cancelled(context, appointment, late=late)
            await booking.offer_freed_time(context, appointment.practice_id)


async def _stop_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    await menu.stop_flow(person, context)


BUTTONS: dict[Action, ButtonHandler] = {
    Action.LANGUAGE: onboarding.on_language,
    Action.ROLE: onboarding.on_role,
    Action.AGE: onboarding.on_age_button,
    Action.PRACTICE: onboarding.on_practice,
    Action.BACK: onboarding.on_back,
    Action.PRIVACY_OK: onboarding.on_privacy_ok,
    Action.MENU: _menu_button,
    Action.HELP_NOW: _help_now_button,
    Action.ERASE: _erase_button,
    Action.SET_LANGUAGE: menu.on_set_language,
    Action.STOP: _stop_button,
    Action.ASK_SEND: questions.on_send_button,
    Action.ASK_REPLY: questions.on_reply_button,
    Action.QUESTION_VIEW: questions.on_view,
    Action.QUESTION_ANSWER: questions.on_answer_button,
    Action.QUESTION_INVITE: questions.on_invite_button,
    Action.OPEN_QUESTIONS: questions.on_open_questions,
    Action.TIPS: tips.on_tips,
    Action.TIPS_CATEGORY: tips.on_category,
    Action.TIPS_TOPIC: tips.on_topic,
    Action.BOOK_FOR: booking.on_for_whom,
    Action.BOOK_TOPIC: booking.on_topic,
    Action.BOOK_NOTE_SKIP: booking.on_note_skip,
    Action.BOOK_WEEK: booking.on_week,
    Action.BOOK_DAY: booking.on_day,
    Action.BOOK_TIME: booking.on_time,
    Action.BOOK_CONFIRM: booking.on_confirm,
    Action.BOOK_BACK: booking.on_back,
    Action.APPOINTMENT_CANCEL: booking.on_cancel,
    Action.APPOINTMENT_DETAILS: booking.on_details,
    Action.APPOINTMENT_MOVE: booking.on_move,
    Action.WAITLIST_JOIN: booking.on_waitlist_join,
    Action.WAITLIST_EARLIER: booking.on_waitlist_earlier,
    Action.WAITLIST_YES: booking.on_waitlist_yes,
    Action.WAITLIST_NO: booking.on_waitlist_no,
    Action.WAITLIST_LEAVE: booking.on_waitlist_leave,
    Action.REMINDER_COMING: reminders.on_coming,
    Action.REMINDER_CHOICE: reminders.on_choice,
    Action.BOOK_PRACTICE: booking.on_practice,
    Action.BOOK_MODE: booking.on_mode,
}

TextHandler = Callable[[Update, Context, Who], Awaitable[bool]]
# Flows that wait for typed text, by flow name; text outside them goes to the fallback.
TEXT_FLOWS: dict[str, TextHandler] = {
    onboarding.FLOW: onboarding.on_text,
    questions.FLOW: questions.on_text,
    questions.ANSWER_FLOW: questions.on_answer_text,
    booking.FLOW: booking.on_text,
}


async def on_text(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is None:
        return
    if person.flow is not None and await questions.typed_stop_or_menu(update, context, person):
        return  # "stop" or "menu" typed in any flow: the commands, never a name or a note
    handler = TEXT_FLOWS.get(person.flow.flow) if person.flow else None
    if handler is not None and await handler(update, context, person):
        return
    if await specialist.send_specialist_menu_if_linked(person, context):
        return
    if person.profile is not None:
        await tips.on_free_text(update, context, person)
        return
    await fallback.on_free_text(update, context, person)


async def on_captioned(update: Update, context: Context) -> None:
    """A photo or file with words, sent where a flow waits for a note or a question: the words
    count as typed, the file itself is not kept. Anywhere else it is unreadable, as before."""
    person = await who(update, context)
    flow = person.flow if person is not None else None
    if person is None or flow is None or (flow.flow, flow.step) not in safety.TEXT_KEEPING_STEPS:
        await fallback.on_unreadable(update, context)
        return
    await say(
        context,
        person.chat_id,
        person.texts._("I cannot see photos or files. I did keep the words you wrote with it."),
    )
    handler = TEXT_FLOWS.get(flow.flow)
    if handler is None or not await handler(update, context, person):
        await fallback.on_unreadable(update, context)


async def on_button(update: Update, context: Context) -> None:
    """Every tap is answered first, then its data is checked: it may be old, forged or a repeat."""
    query = update.callback_query
    assert query is not None
    person = await who(update, context)
    try:
        cb = unpack(query.data)
    except InvalidCallback:
        await _answer(query, person.texts._("That button no longer works.") if person else None)
        if person is not None:
            await menu.on_stale_button(update, context, person)
        return
    await _answer(query)
    if person is None:
        return
    try:
        await BUTTONS[cb.action](update, context, person, cb)
    except InvalidCallback:
        await menu.on_stale_button(update, context, person)


async def _answer(query: CallbackQuery, text: str | None = None) -> None:
    """A tap that waited while the bot was down is too old to answer, but is still handled."""
    with contextlib.suppress(BadRequest):
        await query.answer(text)


PRIVATE = filters.ChatType.PRIVATE
NEW = filters.UpdateType.MESSAGE & PRIVATE


def register(application: Application) -> None:
    # Group -2: the crisis check sees every text, caption and edit before anything else.
    application.add_handler(
        MessageHandler((filters.UpdateType.MESSAGES & PRIVATE), safety.crisis_check), group=-2
    )
    # Group -1: a sorry for messages that waited while the bot was down.
    application.add_handler(MessageHandler(NEW, fallback.apologise_if_late), group=-1)

    commands: list[tuple[tuple[str, ...], Callable[[Update, Context], Awaitable[None]]]] = [
        (("start",), onboarding.on_start),
        (("menu",), menu.on_menu_command),
        (("help",), menu.on_help),
        (("hulp", "sos"), safety.on_help_now),
        (("privacy",), menu.on_privacy),
        (("taal", "language"), menu.on_language_command),
        (("stop",), menu.on_stop),
        (("verwijder", "delete"), menu.on_erase_command),
        (("specialist",), specialist.on_specialist),
    ]
    for names, callback in commands:
        application.add_handler(CommandHandler(list(names), callback, filters=NEW))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & PRIVATE, fallback.on_edited)
    )
    application.add_handler(MessageHandler(NEW & filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(MessageHandler(NEW & filters.COMMAND, fallback.on_unknown_command))
    application.add_handler(MessageHandler(NEW & filters.CAPTION, on_captioned))
    application.add_handler(MessageHandler(NEW, fallback.on_unreadable))
    application.add_error_handler(fallback.on_error)
