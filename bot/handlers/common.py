"""What every handler shares: the services, the user's language, keyboards and safe sending."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.core.booking import BookingOptions
from bot.core.callback_data import Action, pack
from bot.core.clock import Clock
from bot.core.faq import TopicIndex
from bot.core.models import FlowState, Language, UserProfile, language_from_telegram
from bot.i18n import Catalogs, Texts
from bot.settings import Settings
from bot.storage import Storage

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Row = Sequence[InlineKeyboardButton]

ONBOARDING_VALID_FOR = timedelta(days=7)
MAX_BUTTON_LABEL = 30


@dataclass
class Services:
    """Wiring handed to handlers through bot_data; no user state lives here."""

    storage: Storage
    clock: Clock
    catalogs: Catalogs
    settings: Settings
    faq: dict[Language, TopicIndex]
    # Talk types and practice groups, read from the practice file at start-up.
    booking: BookingOptions = field(default_factory=BookingOptions)
    late_apologies: dict[int, datetime] = field(default_factory=dict)
    # When each person last caused a crisis flag to the specialists: one flag per episode. Kept
    # in memory on purpose: the database never records that someone was in crisis. A restart
    # costs at most one extra flag.
    crisis_flags: dict[int, datetime] = field(default_factory=dict)


def services(context: Context) -> Services:
    return context.application.bot_data["services"]


def typed(update: Update) -> str:
    """What the person wrote: the text, or the words sent with a photo or file."""
    message = update.effective_message
    if message is None:
        return ""
    return message.text or message.caption or ""


def escape(text: str) -> str:
    """Every piece of stored or typed text goes through here before it meets parse_mode HTML."""
    return html.escape(text, quote=False)


def short_label(text: str) -> str:
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1] + "…"


def button(label: str, action: Action, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(short_label(label), callback_data=pack(action, *args))


def url_button(label: str, url: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(short_label(label), url=url)


def keyboard(*rows: Row) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(r) for r in rows if r])


@dataclass(frozen=True)
class Who:
    """The person behind an update, with what the database knows of them."""

    user_id: int
    chat_id: int
    profile: UserProfile | None
    flow: FlowState | None
    texts: Texts


async def who(update: Update, context: Context) -> Who | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    svc = services(context)
    profile = await svc.storage.users.get(user.id)
    flow = await svc.storage.flows.get(user.id)
    if flow is not None and flow.expired(svc.clock.now()):
        # An abandoned flow ends here, on the next tap or message, and holds nothing after it.
        await svc.storage.flows.clear(user.id)
        flow = None
    if profile is not None and profile.unreachable_since is not None:
        # They write again, so they unblocked the bot: reminders may go to them once more.
        await svc.storage.reminders.mark_reachable(user.id)
    if profile is not None:
        language = profile.language
    elif flow is not None and flow.data.get("language") in {lang.value for lang in Language}:
        language = Language(flow.data["language"])
    else:
        language = language_from_telegram(user.language_code)
    return Who(user.id, chat.id, profile, flow, svc.catalogs[language])


async def advance_flow(
    person: Who, context: Context, flow: str, step: str, valid_for: timedelta, **changes: object
) -> dict:
    """Move a flow to `step`, keeping its earlier answers, and renew its expiry.

    The stored answers are read again: an earlier step of this same update may have added one.
    """
    svc = services(context)
    now = svc.clock.now()
    current = await svc.storage.flows.get(person.user_id)
    data = {**(current.data if current and current.flow == flow else {}), **changes}
    await svc.storage.flows.put(
        person.user_id, flow, step, data, expires_at=now + valid_for, now=now
    )
    return data


async def say(
    context: Context,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    return await context.bot.send_message(chat_id, text, reply_markup=markup)


async def drop_buttons(message: Message | None) -> None:
    """Take the buttons off an answered question so an old tap cannot come from it."""
    if message is None or not getattr(message, "reply_markup", None):
        return
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest as exc:
        # A second tap, or a message too old to edit: the buttons are then checked on the server.
        if "not modified" not in str(exc) and "not found" not in str(exc):
            raise
