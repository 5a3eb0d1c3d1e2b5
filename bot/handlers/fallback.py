"""Everything unexpected gets a short, kind reply and a way on; nothing crashes silently."""

from __future__ import annotations

import contextlib
import logging
import traceback
from datetime import timedelta

from telegram import Update
from telegram.error import TelegramError

from bot.handlers.common import Context, Who, say, services, who
from bot.handlers.menu import help_now_markup, send_main_menu

log = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=2)
APOLOGY_EVERY = timedelta(minutes=30)


async def on_free_text(update: Update, context: Context, person: Who) -> None:
    """Text from someone the bot does not know yet, that no flow is waiting for."""
    await send_main_menu(person, context, intro=person.texts._("Hi! I do not know you yet."))


async def on_unknown_command(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is None:
        return
    t = person.texts
    await send_main_menu(
        person, context, intro=t._("I do not know that command. /help shows what I can do.")
    )


async def on_unreadable(update: Update, context: Context) -> None:
    """Photos, voice notes, stickers cannot be read and may hide a cry for help: Help now first."""
    person = await who(update, context)
    if person is None:
        return
    t = person.texts
    text = t._(
        "I can only read text, not photos, voice messages or stickers. Please type your "
        "message. Need help right now? Tap Help now."
    )
    await say(
        context, person.chat_id, text, help_now_markup(t, with_menu=person.profile is not None)
    )


async def on_edited(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is None:
        return
    await say(
        context,
        person.chat_id,
        person.texts._(
            "I saw you changed a message. I only read new messages, so send it again if you like."
        ),
    )


async def apologise_if_late(update: Update, context: Context) -> None:
    """Messages sent while the bot was down are still handled, with a sorry for the wait."""
    message = update.effective_message
    if message is None or update.effective_chat is None or message.date is None:
        return
    svc = services(context)
    now = svc.clock.now()
    if now - message.date < LATE_AFTER:
        return
    chat_id = update.effective_chat.id
    last = svc.late_apologies.get(chat_id)
    if last is not None and now - last < APOLOGY_EVERY:
        return
    svc.late_apologies[chat_id] = now
    person = await who(update, context)
    if person is None:
        return
    await say(
        context,
        chat_id,
        person.texts._("Sorry for the wait: I was offline for a while. Here is my answer."),
    )


async def on_error(update: object, context: Context) -> None:
    """Log the type and where, never the content: a youth message is health data."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
    log.error("error %s while handling update %s\n%s", type(error).__name__, update_id, frames)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):  # already answered before the error
                await update.callback_query.answer()
        person = await who(update, context)
        if person is None:
            return
        await say(
            context,
            person.chat_id,
            person.texts._(
                "Sorry, something went wrong on my side. Please try again. In an emergency, "
                "call 112, or 113 if you are thinking about suicide."
            ),
            help_now_markup(person.texts, with_menu=person.profile is not None),
        )
    except Exception as exc:  # the error handler must never raise
        log.error("could not tell the user about an error: %s", type(exc).__name__)
