"""The safety net: the crisis card from anywhere, and the crisis check on every piece of text."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot.core.crisis import detect_crisis
from bot.core.helplines import HELPLINES
from bot.core.models import Language, Practice, language_from_telegram
from bot.handlers.common import Context, Who, escape, keyboard, services, url_button, who
from bot.handlers.questions import notify_specialists
from bot.i18n import Texts
from bot.ratelimit import urgent

log = logging.getLogger(__name__)

FLAG_AGAIN_AFTER = timedelta(hours=1)

# Flow steps that wait for free text the user wants kept (a note, a question). After the card the
# text still counts there; everywhere else the card is the whole answer.
TEXT_KEEPING_STEPS: frozenset[tuple[str, str]] = frozenset(
    {("question", "text"), ("booking", "note")}
)


def crisis_card(t: Texts, practice: Practice | None) -> str:
    h = HELPLINES
    lines = [
        t._("<b>Help now</b>"),
        t._("Is someone in danger right now? Call <b>{number}</b>.").format(number=h.emergency),
        t._(
            "Thinking about suicide, or worried about someone? Call <b>{short}</b> or free "
            "<b>{free}</b>, day and night. You can also chat on 113.nl."
        ).format(short=h.suicide_prevention_short, free=h.suicide_prevention_free),
        t._(
            "Under 18? The Kindertelefoon: free <b>{number}</b>, every day from {opens} to "
            "{closes}. Chat on kindertelefoon.nl."
        ).format(
            number=h.kindertelefoon,
            opens=h.kindertelefoon_hours[0],
            closes=h.kindertelefoon_hours[1],
        ),
        t._("Violence or abuse at home? Veilig Thuis: free <b>{number}</b>, day and night.").format(
            number=h.veilig_thuis
        ),
        t._(
            "Sexual violence? Centrum Seksueel Geweld: free <b>{number}</b>, day and night."
        ).format(number=h.sexual_violence),
    ]
    if practice is not None:
        lines.append(
            t._(
                "Your GP practice: <b>{phone}</b>. Evenings, nights and weekends: the "
                "huisartsenpost, <b>{post}</b>."
            ).format(phone=escape(practice.phone), post=escape(practice.huisartsenpost))
        )
    else:
        lines.append(
            t._("Your own GP, or in the evening, at night and at weekends: the huisartsenpost.")
        )
    lines.append(
        t._(
            "The youth specialist reads messages on working days, not at night. So do not "
            "wait: call now."
        )
    )
    return "\n\n".join(lines)


def crisis_buttons(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [
            url_button(t._("Chat with 113"), HELPLINES.suicide_prevention_chat),
            url_button(t._("Kindertelefoon"), HELPLINES.kindertelefoon_chat),
        ]
    )


async def practice_of(person: Who, context: Context) -> Practice | None:
    """The practice to name on the card; None when unknown or the database cannot say."""
    storage = services(context).storage
    practice_id = None
    if person.profile is not None:
        practice_id = person.profile.practice_id
    elif person.flow is not None:
        practice_id = person.flow.data.get("practice_id")
    if not practice_id:
        return None
    try:
        return await storage.practices.by_id(int(practice_id))
    except Exception as exc:
        log.error("practice for the crisis card unknown (%s)", type(exc).__name__)
        return None


async def send_crisis_card(person: Who, context: Context) -> None:
    practice = await practice_of(person, context)
    await context.bot.send_message(
        person.chat_id,
        crisis_card(person.texts, practice),
        reply_markup=crisis_buttons(person.texts),
        **urgent(context.bot),
    )


async def flag_specialists(person: Who, context: Context) -> None:
    """Every linked specialist of the user's practice hears at once, without any content.

    Like every notice it is silent outside their working hours: the card has told the person to
    call the lines that are open day and night, and the specialist is not one of them. Several
    crisis messages in a row are one episode, so one flag."""
    svc = services(context)
    now = svc.clock.now()
    last = svc.crisis_flags.get(person.user_id)
    if last is not None and now - last < FLAG_AGAIN_AFTER:
        return
    practice = await practice_of(person, context)
    if practice is None:
        return
    t = svc.catalogs[Language.NL]
    text = t._(
        "Crisis signal: someone from {practice} was just shown the crisis lines in the chat. "
        "This message holds no content. Questions or bookings from this person reach you as "
        "usual."
    ).format(practice=escape(practice.name))
    if await notify_specialists(context, practice.id, text, None):
        svc.crisis_flags[person.user_id] = now


async def on_help_now(update: Update, context: Context) -> None:
    """/hulp: the card at once, whatever flow the user is in; the flow itself is kept."""
    person = await who(update, context)
    if person is not None:
        await send_crisis_card(person, context)


async def crisis_check(update: Update, context: Context) -> None:
    """Runs before every other handler on every text, caption and edited message.

    Fail-safe: whatever else goes wrong (a busy database, a specialist who cannot be reached),
    the card is still tried, and the text never falls through to the ordinary handlers unless
    the flow was waiting for exactly that text.
    """
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None or user is None:
        return
    text = message.text or message.caption
    if not text:
        return
    signal = detect_crisis(text)
    if signal is None:
        return
    person: Who | None = None
    try:
        person = await who(update, context)
        storage = services(context).storage
        if person is not None and await storage.specialists.by_telegram_user(person.user_id):
            return  # a specialist's answer may well name suicide or 113; it is not a cry for help
    except Exception as exc:
        log.error(
            "crisis check could not read the user (%s); sending the card anyway", type(exc).__name__
        )
    log.warning(
        "crisis card sent for update %s (%s)",
        update.update_id,
        ",".join(sorted(k.value for k in signal.kinds)),
    )
    try:
        if person is not None:
            await send_crisis_card(person, context)
        else:
            texts = services(context).catalogs[language_from_telegram(user.language_code)]
            await context.bot.send_message(
                chat.id,
                crisis_card(texts, None),
                reply_markup=crisis_buttons(texts),
                **urgent(context.bot),
            )
    except Exception as exc:
        log.error("crisis card could not be sent (%s)", type(exc).__name__)
    if person is not None:
        try:
            await flag_specialists(person, context)
        except Exception as exc:
            log.error("specialists could not be flagged (%s)", type(exc).__name__)
    flow = person.flow if person is not None else None
    if flow is None or (flow.flow, flow.step) not in TEXT_KEEPING_STEPS:
        raise ApplicationHandlerStop
