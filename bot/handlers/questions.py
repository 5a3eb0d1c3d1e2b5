"""A question to the specialist: asked in the chat, answered in the chat, one reply back.

The specialist is told a question is waiting without its content (a lock screen shows it); the
content shows after a tap. Answers are relayed to the person, who can reply once or book a talk.

Nothing typed is lost: text over 4,096 characters reaches the bot as several messages, so while a
question waits to be sent every further message is added to it, and a message right after an
answer or a reply is added to that answer or reply. Long text is shown in as many messages as it
needs.

Nothing is sent by mistake either. Text without a tip is offered as a question, but that offer
lapses after half an hour, and a message after it is first read as itself (a tip, a request, a
greeting); only text that again has no tip is added. An answer goes only to the question the
specialist last tapped Answer on, within two hours, and opening another question ends it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core.callback_data import Action, Callback, is_number
from bot.core.clock import from_epoch, to_epoch
from bot.core.intents import CONTENT_FREE, ServiceIntent, service_intent
from bot.core.models import FlowState, Language, Role, Specialist
from bot.core.text import MAX_MESSAGE, cap, first_name
from bot.core.workdays import (
    ANSWER_WITHIN_WORKING_DAYS,
    REMIND_AFTER_WORKING_DAYS,
    add_working_days,
    in_working_hours,
)
from bot.handlers.common import (
    Context,
    Who,
    button,
    drop_buttons,
    escape,
    keyboard,
    say,
    services,
    typed,
)
from bot.handlers.menu import MenuItem, leave_to_menu, send_main_menu, stop_flow
from bot.handlers.specialist import (
    ANSWER_FLOW,
    AnswerStep,
    answering_stopped,
    end_answering,
)
from bot.i18n import Texts
from bot.storage import Question

log = logging.getLogger(__name__)

FLOW = "question"
QUESTION_VALID_FOR = timedelta(hours=24)
# Text without a tip, offered as a question: not sent within half an hour, the offer lapses.
OFFER_KEPT_FOR = timedelta(minutes=30)
# A question typed after Ask a question but not sent: after this, new text is read as itself first.
DRAFT_LEFT_AFTER = timedelta(minutes=30)
# Answer is tapped, then the answer typed: after two hours it is no longer sure which question the
# text was meant for, so it is not sent. The state is kept longer only to say so kindly.
ANSWER_VALID_FOR = timedelta(hours=2)
ANSWER_LAPSE_TOLD_FOR = timedelta(days=7)  # a Friday's tap answered on Monday is told too
PARAGRAPH = "\n\n"
# Three full Telegram messages and what joins them: a long story fits, a pasted document not.
MAX_QUESTION = 3 * (MAX_MESSAGE + len(PARAGRAPH))
MAX_ANSWER = 3 * (MAX_MESSAGE + len(PARAGRAPH))
# Typed text that got a tip is offered as the question when "Ask a question" is tapped soon after.
TYPED_KEPT_FOR = timedelta(minutes=30)
MIN_WORDS_TO_OFFER = 5
# Telegram's apps split a text over 4,096 characters into parts that arrive one right after the
# other. Only a part that long can have a next part: anything else typed after it is a message of
# its own, and must never be sent on with the one before (to the family answered before, say).
PARTS_ARRIVE_WITHIN = timedelta(seconds=10)
SPLIT_PART_LEAST = 3500


def may_go_on(part: str) -> bool:
    """Whether the next message can be the rest of this one."""
    return len(part) >= SPLIT_PART_LEAST


QUOTE_LENGTH = 200


class Step:
    # Waiting for the question, and, once there is one (data "body"), for more of it while the
    # send buttons wait. One step for both: the crisis check keeps text typed in this step.
    # Data "offer": the body is text typed outside the flow, offered as a question because it got
    # no tip; "sent": a reply was just sent, and a message right after it is its next part.
    TEXT = "text"
    LEGACY_SEND = "send"  # flows stored by an older version: the question waits to be sent
    NAME = "name"
    TYPED = "typed"  # no question flow yet: the text typed last, got a tip (data "typed")


def deadline(t: Texts, asked_at: datetime) -> str:
    return t.date(add_working_days(asked_at, ANSWER_WITHIN_WORKING_DAYS), "EEEE d MMMM")


def _telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji is two."""
    return len(text.encode("utf-16-le")) // 2


def _fits(text: str, limit: int) -> bool:
    return _telegram_length(escape(text)) <= limit


def escaped_pieces(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Stored text, HTML-escaped, in pieces of at most `limit` characters each as sent.

    Measured after escaping ("<" becomes "&lt;"), so a piece fits however Telegram counts it.
    Cut at a paragraph, a line or a space where one is in the second half of the piece.
    """
    if limit < 16:
        raise ValueError("limit too small")
    pieces: list[str] = []
    rest = text.strip()
    while rest and not _fits(rest, limit):
        low, high = 1, len(rest)  # the longest start of `rest` that fits
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(rest[:middle], limit):
                low = middle
            else:
                high = middle - 1
        window = rest[:low]
        cut = -1
        for separator in (PARAGRAPH, "\n", " "):
            cut = window.rfind(separator)
            if cut >= low // 2:
                break
        if cut < max(low // 2, 1):
            cut = low
        pieces.append(escape(rest[:cut].rstrip()))
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(escape(rest))
    return pieces


def _quote(text: str) -> str:
    return escape(cap(" ".join(text.split()), QUOTE_LENGTH))


async def typed_stop_or_menu(update: Update, context: Context, person: Who) -> bool:
    """ "stop" or "menu" typed where text is awaited: the commands, never a question or answer."""
    intent = service_intent(typed(update))
    if intent is ServiceIntent.STOP:
        await stop_flow(person, context)
        return True
    if intent is ServiceIntent.MENU:
        await leave_to_menu(person, context)
        return True
    return False


def _stop_row(t: Texts) -> list:
    return [button(t._("Stop"), Action.STOP)]


async def _put(
    person: Who,
    context: Context,
    step: str,
    data: dict,
    flow: str = FLOW,
    valid_for: timedelta = QUESTION_VALID_FOR,
) -> None:
    svc = services(context)
    now = svc.clock.now()
    await svc.storage.flows.put(
        person.user_id, flow, step, data, expires_at=now + valid_for, now=now
    )


def _valid_for(data: dict) -> timedelta:
    """How long a question that waits to be sent is kept: an offer lapses sooner."""
    return OFFER_KEPT_FOR if data.get("offer") else QUESTION_VALID_FOR


def _send_buttons(t: Texts) -> list[list]:
    return [
        [button(t._("Send anonymously"), Action.ASK_SEND, "anon")],
        [button(t._("Add my first name"), Action.ASK_SEND, "name")],
    ]


def _recent_typed(flow: FlowState | None, now: datetime) -> str | None:
    """The text typed just before, if this one may be its second part."""
    if flow is None or flow.flow != FLOW or flow.step != Step.TYPED:
        return None
    at = flow.data.get("at")
    if not isinstance(at, int) or now - from_epoch(at) > PARTS_ARRIVE_WITHIN:
        return None
    typed = flow.data.get("typed")
    return typed if isinstance(typed, str) and may_go_on(typed) else None


def _joined(earlier: str | None, text: str) -> str:
    text = text.strip()
    if earlier and len(earlier) + len(PARAGRAPH) + len(text) <= MAX_QUESTION:
        return earlier + PARAGRAPH + text
    return text


def offered_body(flow: FlowState | None) -> str | None:
    """Text without a tip that waits, offered as a question, for a tap on a send button."""
    if flow is None or flow.flow != FLOW or flow.step != Step.TEXT or not flow.data.get("offer"):
        return None
    body = flow.data.get("body")
    return body if isinstance(body, str) and body else None


def _left_alone(flow: FlowState, now: datetime) -> bool:
    at = flow.data.get("at")
    return isinstance(at, int) and now - from_epoch(at) > DRAFT_LEFT_AFTER


def _just_changed(flow: FlowState, now: datetime) -> bool:
    at = flow.data.get("at")
    return isinstance(at, int) and now - from_epoch(at) <= PARTS_ARRIVE_WITHIN


async def remember_typed(person: Who, context: Context, text: str) -> None:
    """Typed text that got a tip: tapping Ask a question soon after offers it as the question.

    Only when no other flow runs; a few words ("slapen") are not worth offering. Text offered
    before because it got no tip is put in front: the offer moves to the Ask a question button.
    """
    flow = person.flow
    offered = offered_body(flow)
    if flow is not None and offered is None and (flow.flow, flow.step) != (FLOW, Step.TYPED):
        return
    svc = services(context)
    now = svc.clock.now()
    earlier = offered if offered is not None else _recent_typed(flow, now)
    if earlier is None and len(text.split()) < MIN_WORDS_TO_OFFER:
        if flow is not None:
            await svc.storage.flows.clear(person.user_id)  # an older text is no longer "just typed"
        return
    data = {"typed": _joined(earlier, text), "at": to_epoch(now)}
    await _put(person, context, Step.TYPED, data, valid_for=TYPED_KEPT_FOR)


async def start_question_fresh(person: Who, context: Context) -> None:
    """Ask a question, with nothing typed before offered."""
    await start_question(dataclasses.replace(person, flow=None), context)


async def start_question(person: Who, context: Context, *, reply_to: int | None = None) -> None:
    t = person.texts
    flow = person.flow
    typed = (
        flow.data.get("typed") if flow and (flow.flow, flow.step) == (FLOW, Step.TYPED) else None
    )
    if typed is None:
        typed = offered_body(flow)
    if reply_to is None and isinstance(typed, str) and typed.strip():
        await _offer_typed_as_question(person, context, typed)
        return
    if reply_to is None:
        text = t._(
            "Type your question for the youth specialist below. You get an answer here within "
            "{days} working days. This chat is not for emergencies: for urgent help, tap Help now."
        ).format(days=ANSWER_WITHIN_WORKING_DAYS)
    else:
        text = t._("Type your reply below. The youth specialist will read it.")
    await _put(person, context, Step.TEXT, {"reply_to": reply_to})
    await say(
        context,
        person.chat_id,
        text,
        keyboard([button(t._("Help now"), Action.HELP_NOW)], _stop_row(t)),
    )


async def _offer_typed_as_question(person: Who, context: Context, typed: str) -> None:
    """Ask a question, right after typing text: that text need not be typed again.

    A new text typed now replaces it (data "carried_over"); after that, more text is added.
    """
    t = person.texts
    data = {"body": cap(typed, MAX_QUESTION), "reply_to": None, "carried_over": True}
    await _put(person, context, Step.TEXT, data)
    text = "\n\n".join(
        [
            t._("Do you want to send this message as your question?"),
            f"<i>“{_quote(typed)}”</i>",
            t._(
                "Or type a new question below. You get an answer here within {days} working "
                "days. This chat is not for emergencies: for urgent help, tap Help now."
            ).format(days=ANSWER_WITHIN_WORKING_DAYS),
        ]
    )
    await say(
        context,
        person.chat_id,
        text,
        keyboard(*_send_buttons(t), [button(t._("Help now"), Action.HELP_NOW)], _stop_row(t)),
    )


async def offer_typed_question(person: Who, context: Context, text: str) -> None:
    """No tip fits what was typed: offer to send exactly that text as a question.

    Text over Telegram's limit arrives in parts; a first part that got a tip is put in front.
    """
    t = person.texts
    now = services(context).clock.now()
    body = _joined(_recent_typed(person.flow, now), text)
    data = {"body": cap(body, MAX_QUESTION), "reply_to": None, "offer": True, "at": to_epoch(now)}
    await _put(person, context, Step.TEXT, data, valid_for=OFFER_KEPT_FOR)
    await say(
        context,
        person.chat_id,
        t._(
            "I have no tip about this. Shall I send your message to the youth specialist as a "
            "question? You get an answer within {days} working days. Or make an appointment."
        ).format(days=ANSWER_WITHIN_WORKING_DAYS),
        keyboard(
            *_send_buttons(t),
            [
                button(t._("Make an appointment"), Action.MENU, MenuItem.BOOK),
                button(t._("Stop"), Action.STOP),
            ],
        ),
    )


async def add_to_offer(person: Who, context: Context, text: str) -> None:
    """Text that again has no tip, while an offered question waits: it is added to it."""
    flow = person.flow
    body = offered_body(flow)
    if flow is None or body is None:
        await offer_typed_question(person, context, text)
        return
    await _add_to_question(person, context, flow, body, text.strip())


async def choose_how_to_send(person: Who, context: Context) -> None:
    """ "ok", "ja" or a thumbs-up while a question waits: the buttons send it, not the words."""
    t = person.texts
    await say(
        context,
        person.chat_id,
        t._("Choose below how to send your question: anonymously or with your first name."),
        keyboard(*_send_buttons(t), _stop_row(t)),
    )


async def decline_offer(person: Who, context: Context) -> None:
    """ "nee" to the offer to send text without a tip as a question: it is not sent, nor kept."""
    await services(context).storage.flows.clear(person.user_id)
    await send_main_menu(
        person, context, intro=person.texts._("Okay, I did not send your message.")
    )


async def on_reply_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    question = await _own_question(person, context, cb)
    if question is None or question.answered_at is None or question.reply_to is not None:
        await _gone(person, context)
        return
    if await services(context).storage.questions.has_reply(question.id):
        await send_main_menu(
            person, context, intro=person.texts._("You already replied to this answer.")
        )
        return
    await start_question(person, context, reply_to=question.id)


async def _own_question(person: Who, context: Context, cb: Callback) -> Question | None:
    value = cb.arg()
    if not is_number(value):
        return None
    question = await services(context).storage.questions.get(int(value))
    if question is None or question.telegram_user_id != person.user_id:
        return None  # someone else's question: treated exactly like a button that no longer works
    return question


async def _gone(person: Who, context: Context) -> None:
    await send_main_menu(
        person, context, intro=person.texts._("That button no longer works. Here is the menu.")
    )


def _waiting_body(flow: FlowState) -> str | None:
    """The question that waits for a tap on a send button, if there is one."""
    if flow.flow != FLOW or flow.step not in (Step.TEXT, Step.LEGACY_SEND, Step.NAME):
        return None
    body = flow.data.get("body")
    return body if isinstance(body, str) and body else None


async def on_text(update: Update, context: Context, person: Who) -> bool:
    """Typed text while asking: the question, more of it, or the first name."""
    flow = person.flow
    if flow is None or flow.flow != FLOW:
        return False
    t = person.texts
    text = typed(update).strip()
    if flow.step == Step.TYPED:
        return False  # not asking yet: read as any typed text
    if await typed_stop_or_menu(update, context, person):
        return True
    if flow.step == Step.TEXT and flow.data.get("sent") is not None:
        return await _add_to_reply(person, context, flow, text)
    if flow.step == Step.NAME:
        name = first_name(text)
        if name is None:
            await say(
                context,
                person.chat_id,
                t._("Just your first name is enough, for example Sam."),
                keyboard([button(t._("Send anonymously"), Action.ASK_SEND, "anon")], _stop_row(t)),
            )
            return True
        await _send(person, context, flow.data, first_name=name)
        return True
    body = _waiting_body(flow)
    intent = service_intent(text)
    now = services(context).clock.now()
    if body is not None and not flow.data.get("offer") and _left_alone(flow, now):
        # A question left unsent for half an hour: what comes now is read as itself first, as
        # after the no-tip offer; the draft still waits, and lapses like that offer.
        flow.data["offer"] = True
        await _put(person, context, Step.TEXT, flow.data, valid_for=OFFER_KEPT_FOR)
    if body is not None and flow.data.get("offer"):
        message = update.effective_message
        captioned = message is not None and message.text is None  # the words with a photo: kept
        if captioned or (_just_changed(flow, now) and may_go_on(body.split(PARAGRAPH)[-1])):
            await _add_to_question(person, context, flow, body, text)  # the next part
            return True
        return False  # read as itself first (bot/handlers/tips.py), then maybe added
    if body is not None and not flow.data.get("carried_over"):
        if intent in CONTENT_FREE:
            await choose_how_to_send(person, context)
            return True
        await _add_to_question(person, context, flow, body, text)
        return True
    if flow.step in (Step.TEXT, Step.LEGACY_SEND):
        # The first text, or a new one instead of the typed text that was offered.
        reply_to = flow.data.get("reply_to")
        if intent is ServiceIntent.NO and body is not None and flow.data.get("carried_over"):
            # "nee" to "send this message as your question?": a new question then.
            await start_question_fresh(person, context)
            return True
        if intent in CONTENT_FREE and (reply_to is None or intent is ServiceIntent.GREETING):
            # "hoi" or "ok" is no question (a "ja" may well be a reply): ask again.
            if body is not None:
                await choose_how_to_send(person, context)
            else:
                await start_question(person, context, reply_to=reply_to)
            return True
        now = to_epoch(services(context).clock.now())
        data = {**flow.data, "body": cap(text, MAX_QUESTION), "at": now}
        data.pop("carried_over", None)
        if reply_to is not None:
            await _send(person, context, data, first_name=None)
            return True
        await _put(person, context, Step.TEXT, data)
        await say(
            context,
            person.chat_id,
            t._(
                "Do you want to add your first name? Then the youth specialist can call you by "
                "name. You do not have to."
            ),
            keyboard(*_send_buttons(t), _stop_row(t)),
        )
        return True
    await services(context).storage.flows.clear(person.user_id)  # a step this version lacks
    return False


async def _add_to_question(
    person: Who, context: Context, flow: FlowState, body: str, text: str
) -> None:
    """More text while the question waits to be sent: a second part, or something forgotten."""
    t = person.texts
    combined = body + PARAGRAPH + text
    if len(combined) > MAX_QUESTION:
        note = t._(
            "Your question is as long as it can be, so this last message was not added. Send "
            "your question first. Then you can ask a new question with the rest."
        )
    else:
        data = {**flow.data, "body": combined, "at": to_epoch(services(context).clock.now())}
        await _put(person, context, Step.TEXT, data, valid_for=_valid_for(data))
        note = t._("I added this to your question. Is it complete? Then choose how to send it.")
    await say(context, person.chat_id, note, keyboard(*_send_buttons(t), _stop_row(t)))


async def _add_to_reply(person: Who, context: Context, flow: FlowState, text: str) -> bool:
    """A message right after a reply was sent: its next part. Added to that reply, and said so."""
    svc = services(context)
    t = person.texts
    reply_id = flow.data.get("sent")
    reply = await svc.storage.questions.get(reply_id) if isinstance(reply_id, int) else None
    if reply is None or reply.telegram_user_id != person.user_id or reply.answered_at:
        await svc.storage.flows.clear(person.user_id)
        return False  # answered already: read as any typed text
    if len(reply.body) + len(PARAGRAPH) + len(text) > MAX_QUESTION:
        await svc.storage.flows.clear(person.user_id)
        intro = t._("Your reply is as long as it can be, so this last message was not added.")
        await send_main_menu(person, context, intro=intro)
        return True
    if await svc.storage.questions.add_to_body(reply.id, person.user_id, PARAGRAPH + text) is None:
        await svc.storage.flows.clear(person.user_id)
        return False
    if may_go_on(text):
        await _put(person, context, Step.TEXT, flow.data, valid_for=PARTS_ARRIVE_WITHIN)
    else:
        await svc.storage.flows.clear(person.user_id)
    intro = t._("I added this to your reply. The youth specialist reads it together with the rest.")
    await send_main_menu(person, context, intro=intro)
    return True


async def on_send_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    flow = person.flow
    if flow is not None and (flow.flow, flow.step) == (FLOW, Step.TYPED):
        # The offered text was joined with a later message that got a tip: offer them together.
        await start_question(person, context)
        return
    if flow is None or _waiting_body(flow) is None:
        intro = person.texts._(
            "That message was not sent: it waited too long. Type it again if you still want "
            "to send it."
        )
        await send_main_menu(person, context, intro=intro)
        return
    await drop_buttons(update.effective_message)
    if cb.arg() == "name":
        # Choosing to send is no lapsing offer any more: the name may come a while later.
        await _put(person, context, Step.NAME, flow.data, valid_for=QUESTION_VALID_FOR)
        t = person.texts
        await say(context, person.chat_id, t._("What is your first name?"), keyboard(_stop_row(t)))
        return
    await _send(person, context, flow.data, first_name=None)


async def _send(person: Who, context: Context, data: dict, first_name: str | None) -> None:
    svc = services(context)
    now = svc.clock.now()
    t = person.texts
    profile = person.profile
    if profile is None:
        await send_main_menu(person, context)
        return
    if not isinstance(data.get("body"), str) or not data["body"]:
        await _gone(person, context)
        return
    reply_to = data.get("reply_to")
    if first_name is None and reply_to is not None:
        original = await svc.storage.questions.get(int(reply_to))
        first_name = original.first_name if original else None
    question = await svc.storage.questions.ask(
        person.user_id, profile.practice_id, str(data["body"]), first_name, now, reply_to=reply_to
    )
    await svc.storage.flows.clear(person.user_id)
    if question is None:
        await send_main_menu(person, context, intro=t._("You already replied to this answer."))
        return
    log.info("question %d asked", question.id)
    if reply_to is None:
        intro = t._(
            "Your question has been sent. You will get an answer here by {deadline} at the "
            "latest. Urgent? Tap Help now."
        ).format(deadline=deadline(t, now))
    else:
        if may_go_on(str(data["body"])):
            # Over 4,096 characters a reply arrives in parts: the next part is added, not lost.
            window = {"reply_to": reply_to, "sent": question.id}
            await _put(person, context, Step.TEXT, window, valid_for=PARTS_ARRIVE_WITHIN)
        intro = t._(
            "Your reply has been sent. The youth specialist will read it by {deadline} at the "
            "latest. Urgent? Tap Help now."
        ).format(deadline=deadline(t, now))
    await send_main_menu(person, context, intro=intro)
    await notify_new_question(context, question)


# -- the specialist's side ------------------------------------------------------------------


def specialist_texts(context: Context) -> Texts:
    return services(context).catalogs[Language.NL]


async def _practice_name(context: Context, practice_id: int | None) -> str:
    practice = await services(context).storage.practices.by_id(practice_id or 0)
    return practice.name if practice else "-"


async def notify_specialists(
    context: Context, practice_id: int | None, text: str, markup: InlineKeyboardMarkup | None
) -> int:
    """Every linked specialist of the practice; silent outside their working hours."""
    svc = services(context)
    if practice_id is None:
        return 0
    now = svc.clock.now()
    sent = 0
    for specialist in await svc.storage.specialists.linked_for_practice(practice_id):
        assert specialist.telegram_user_id is not None
        hours = await svc.storage.availability.all_hours(specialist.id)
        silent = not in_working_hours(now, hours)
        try:
            await context.bot.send_message(
                specialist.telegram_user_id, text, reply_markup=markup, disable_notification=silent
            )
            sent += 1
        except TelegramError as exc:  # one unreachable specialist must not stop the others
            log.warning("specialist %d not notified (%s)", specialist.id, type(exc).__name__)
    return sent


async def notify_new_question(context: Context, question: Question) -> None:
    t = specialist_texts(context)
    practice = await _practice_name(context, question.practice_id)
    if question.reply_to:
        text = t._("New reply via the chat ({practice}).").format(practice=escape(practice))
    else:
        text = t._(
            "New question via the chat ({practice}). Answer by {deadline} at the latest."
        ).format(practice=escape(practice), deadline=deadline(t, question.asked_at))
    markup = keyboard([button(t._("View"), Action.QUESTION_VIEW, question.id)])
    await notify_specialists(context, question.practice_id, text, markup)


async def _specialist_for(person: Who, context: Context) -> Specialist | None:
    return await services(context).storage.specialists.by_telegram_user(person.user_id)


async def _end_answering(person: Who, context: Context, *, keep: int | None = None) -> None:
    """The specialist moved on (another question, the list, an invitation): text typed now goes
    to no question, until Answer is tapped again. Opening the question being answered (`keep`)
    keeps its answer open; the window for an answer's next part always ends."""
    flow = person.flow
    if (
        keep is not None
        and flow is not None
        and (flow.flow, flow.step) == (ANSWER_FLOW, AnswerStep.TEXT)
        and flow.data.get("question_id") == keep
    ):
        return
    stopped = await end_answering(person, context)
    if stopped is not None:
        await say(context, person.chat_id, answering_stopped(specialist_texts(context), stopped))


async def _question_for_specialist(
    person: Who, context: Context, cb: Callback
) -> tuple[Specialist, Question] | None:
    """Checked on the server: a linked specialist, and a question of one of their practices."""
    specialist = await _specialist_for(person, context)
    value = cb.arg()
    if specialist is None or not is_number(value):
        return None
    question = await services(context).storage.questions.get(int(value))
    if question is None or question.practice_id not in specialist.practice_ids:
        return None
    return specialist, question


async def on_view(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if await _specialist_for(person, context) is None:
        await _gone(person, context)  # a specialist's button, from someone who is not one
        return
    found = await _question_for_specialist(person, context, cb)
    await _end_answering(person, context, keep=found[1].id if found else None)
    t = specialist_texts(context)
    if found is None:
        await say(context, person.chat_id, t._("That question is not there any more."))
        return
    _, question = found
    svc = services(context)
    asker = await svc.storage.users.get(question.telegram_user_id)
    who_asked = escape(question.first_name) if question.first_name else t._("anonymous")
    if asker is not None:
        role = t._("parent") if asker.role is Role.PARENT else t._("young person")
        about = (
            t._("child of {age}").format(age=asker.age)
            if asker.role is Role.PARENT
            else str(asker.age)
        )
        who_asked = f"{who_asked} ({role}, {about})"
    if question.reply_to:
        title = t._("<b>Reply {id}</b> – {who}")
    else:
        title = t._("<b>Question {id}</b> – {who}")
    header = "\n".join(
        [
            title.format(id=question.id, who=who_asked),
            t._("{practice}, asked {when}").format(
                practice=escape(await _practice_name(context, question.practice_id)),
                when=t.datetime(question.asked_at, "d MMMM HH:mm"),
            ),
        ]
    )
    if question.reply_to:
        earlier = await svc.storage.questions.get(question.reply_to)
        if earlier is not None and earlier.answer:
            header += "\n" + t._("Reply to your answer: {answer}").format(
                answer=escape(cap(earlier.answer, 300))
            )
    if question.answered_at is not None:
        status = t._("Answered on {when}.").format(
            when=t.datetime(question.answered_at, "d MMMM HH:mm")
        )
        markup = None
    elif question.invited_to_book_at is not None:
        status = t._("Invited to book a talk on {when}.").format(
            when=t.datetime(question.invited_to_book_at, "d MMMM HH:mm")
        )
        markup = keyboard([button(t._("Answer"), Action.QUESTION_ANSWER, question.id)])
    else:
        status = ""
        markup = keyboard(
            [button(t._("Answer"), Action.QUESTION_ANSWER, question.id)],
            [button(t._("Invite to book a talk"), Action.QUESTION_INVITE, question.id)],
        )
    suffix = f"\n\n<i>{status}</i>" if status else ""
    pieces = escaped_pieces(question.body, MAX_MESSAGE - _telegram_length(suffix))
    await say(context, person.chat_id, header)
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        await say(
            context, person.chat_id, piece + (suffix if last else ""), markup if last else None
        )


async def on_answer_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if await _specialist_for(person, context) is None:
        await _gone(person, context)  # a specialist's button, from someone who is not one
        return
    found = await _question_for_specialist(person, context, cb)
    t = specialist_texts(context)
    if found is None or found[1].answered_at is not None:
        await _end_answering(person, context)
        await say(context, person.chat_id, t._("That question was already answered."))
        return
    # Replaces any answer pending for another question: text goes to the question chosen last.
    until = services(context).clock.now() + ANSWER_VALID_FOR
    data = {"question_id": found[1].id, "until": to_epoch(until)}
    await _put(
        person, context, AnswerStep.TEXT, data, flow=ANSWER_FLOW, valid_for=ANSWER_LAPSE_TOLD_FOR
    )
    await say(
        context,
        person.chat_id,
        t._(
            "Type your answer to question {id}. It goes to the person exactly as you type it."
        ).format(id=found[1].id),
        keyboard(_stop_row(t)),
    )


async def on_answer_text(update: Update, context: Context, person: Who) -> bool:
    flow = person.flow
    if flow is None or flow.flow != ANSWER_FLOW:
        return False
    if await typed_stop_or_menu(update, context, person):
        return True
    if flow.step == AnswerStep.MORE:
        return await _add_to_answer(update, context, person, flow)
    svc = services(context)
    t = specialist_texts(context)
    question_id = flow.data.get("question_id")
    until = flow.data.get("until")
    if not isinstance(question_id, int):
        await svc.storage.flows.clear(person.user_id)
        return False
    if not isinstance(until, int) or svc.clock.now() >= from_epoch(until):
        await svc.storage.flows.clear(person.user_id)
        await say(
            context,
            person.chat_id,
            t._(
                "You tapped Answer on question {id} more than {hours} hours ago. So that it "
                "surely reaches the right person, this message was not sent. Open the question "
                "and tap Answer again, then send your answer once more."
            ).format(id=question_id, hours=int(ANSWER_VALID_FOR.total_seconds() // 3600)),
            keyboard(
                [
                    button(
                        t._("View question {id}").format(id=question_id),
                        Action.QUESTION_VIEW,
                        question_id,
                    )
                ]
            ),
        )
        return True
    specialist = await _specialist_for(person, context)
    asked = await svc.storage.questions.get(question_id)
    if specialist is None or asked is None or asked.practice_id not in specialist.practice_ids:
        # The account was re-linked or left the practice while typing: answer nothing.
        await svc.storage.flows.clear(person.user_id)
        await say(context, person.chat_id, t._("That question is not there any more."))
        return True
    answer = cap(update.effective_message.text or "", MAX_ANSWER)  # type: ignore[union-attr]
    question = await svc.storage.questions.answer(asked.id, specialist.id, answer, svc.clock.now())
    await svc.storage.flows.clear(person.user_id)
    if question is None:
        await say(context, person.chat_id, t._("That question was already answered."))
        return True
    last_message = await _relay(context, question, specialist, answer)
    sent = t._("Answer to question {id} sent.").format(id=question.id)
    blocked = t._(
        "Your answer to question {id} is saved, but it could not be delivered: the person has "
        "blocked the bot."
    ).format(id=question.id)
    await _open_for_more(person, context, question.id, last_message, answer, sent, blocked)
    return True


async def _open_for_more(
    person: Who,
    context: Context,
    question_id: int,
    last_message: int | None,
    part: str,
    sent: str,
    blocked: str,
) -> None:
    """Over 4,096 characters an answer arrives in parts: the next part is added, not dropped.
    After a shorter part the next message is the specialist's own, never added."""
    if may_go_on(part):
        window = {"question_id": question_id, "last_message": last_message}
        await _put(
            person,
            context,
            AnswerStep.MORE,
            window,
            flow=ANSWER_FLOW,
            valid_for=PARTS_ARRIVE_WITHIN,
        )
    await say(context, person.chat_id, sent if last_message is not None else blocked)


async def _add_to_answer(update: Update, context: Context, person: Who, flow: FlowState) -> bool:
    """A message right after an answer: its second part. Added, sent on, and said so."""
    svc = services(context)
    t = specialist_texts(context)
    specialist = await _specialist_for(person, context)
    question = await svc.storage.questions.get(int(flow.data["question_id"]))
    if (
        specialist is None
        or question is None
        or question.answer is None
        or question.answered_by != specialist.id
    ):
        await svc.storage.flows.clear(person.user_id)
        return False
    more = typed(update).strip()
    if len(question.answer) + len(PARAGRAPH) + len(more) > MAX_ANSWER:
        await svc.storage.flows.clear(person.user_id)
        await say(
            context,
            person.chat_id,
            t._(
                "Your answer is as long as it can be, so this last message was not sent. "
                "Invite the person to book a talk if there is more to say."
            ),
        )
        return True
    updated = await svc.storage.questions.extend_answer(
        question.id, specialist.id, PARAGRAPH + more
    )
    if updated is None:
        await svc.storage.flows.clear(person.user_id)
        return False
    previous = flow.data.get("last_message")
    last_message = await _relay(
        context, updated, specialist, more, previous=previous if isinstance(previous, int) else None
    )
    sent = t._("This was added to your answer to question {id} and sent.").format(id=question.id)
    blocked = t._(
        "This was added to your answer to question {id}, but it could not be delivered: the "
        "person has blocked the bot."
    ).format(id=question.id)
    await _open_for_more(person, context, question.id, last_message, more, sent, blocked)
    return True


async def _relay(
    context: Context,
    question: Question,
    specialist: Specialist,
    text: str,
    *,
    previous: int | None = None,
) -> int | None:
    """The answer (or its next part, after message `previous`) to the person, in as many
    messages as it needs; the buttons go on the last. The last message's id, None if blocked."""
    svc = services(context)
    asker = await svc.storage.users.get(question.telegram_user_id)
    if asker is None:
        return None
    t = svc.catalogs[asker.language]
    header = ""
    if previous is None:
        header = (
            t._("<b>Answer from {name}, {title}</b>").format(
                name=escape(specialist.name), title=escape(specialist.title)
            )
            + "\n\n"
        )
    rows = []
    if question.reply_to is None:
        rows.append([button(t._("Reply"), Action.ASK_REPLY, question.id)])
    rows.append(
        [
            button(t._("Make an appointment"), Action.MENU, MenuItem.BOOK),
            button(t._("Menu"), Action.MENU, MenuItem.HOME),
        ]
    )
    pieces = escaped_pieces(text, MAX_MESSAGE - _telegram_length(header))
    try:
        if previous is not None:
            with contextlib.suppress(BadRequest):  # already without buttons, or too old to edit
                await context.bot.edit_message_reply_markup(
                    question.telegram_user_id, previous, reply_markup=None
                )
        last = None
        for index, piece in enumerate(pieces):
            markup = keyboard(*rows) if index == len(pieces) - 1 else None
            sent = await context.bot.send_message(
                question.telegram_user_id,
                (header if index == 0 else "") + piece,
                reply_markup=markup,
            )
            last = sent.message_id
    except Forbidden:
        log.warning("answer to question %d could not be delivered (bot blocked)", question.id)
        return None
    return last


async def on_invite_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if await _specialist_for(person, context) is None:
        await _gone(person, context)  # a specialist's button, from someone who is not one
        return
    await _end_answering(person, context)
    found = await _question_for_specialist(person, context, cb)
    t = specialist_texts(context)
    if found is None:
        await say(context, person.chat_id, t._("That question is not there any more."))
        return
    specialist, question = found
    svc = services(context)
    asker = await svc.storage.users.get(question.telegram_user_id)
    if asker is None:
        await say(context, person.chat_id, t._("That question is not there any more."))
        return
    if question.invited_to_book_at is not None:
        await say(context, person.chat_id, t._("You already sent an invitation for this question."))
        return
    await svc.storage.questions.mark_invited(question.id, svc.clock.now())
    u = svc.catalogs[asker.language]
    text = u._(
        "{name} would like to talk with you about your question. Tap Make an appointment to book "
        "a talk."
    ).format(name=escape(specialist.name))
    markup = keyboard(
        [
            button(u._("Make an appointment"), Action.MENU, MenuItem.BOOK),
            button(u._("Menu"), Action.MENU, MenuItem.HOME),
        ]
    )
    try:
        await context.bot.send_message(question.telegram_user_id, text, reply_markup=markup)
    except Forbidden:
        await say(
            context,
            person.chat_id,
            t._("The invitation could not be delivered: the person has blocked the bot."),
        )
        return
    await say(context, person.chat_id, t._("Invitation sent."))


async def on_open_questions(update: Update, context: Context, person: Who, cb: Callback) -> None:
    specialist = await _specialist_for(person, context)
    t = specialist_texts(context)
    if specialist is None:
        await _gone(person, context)
        return
    await _end_answering(person, context)
    waiting = await services(context).storage.questions.waiting(specialist.practice_ids)
    if not waiting:
        await say(context, person.chat_id, t._("No questions are waiting."))
        return
    rows = [
        [button(f"{q.id} · {t.date(q.asked_at, 'd MMM')}", Action.QUESTION_VIEW, q.id)]
        for q in waiting[:10]
    ]
    text = t.ngettext(
        "{count} question is waiting.", "{count} questions are waiting.", len(waiting)
    )
    await say(context, person.chat_id, text.format(count=len(waiting)), keyboard(*rows))


async def remind_specialists(context: Context) -> int:
    """Questions unanswered for a working day: the specialists are reminded once."""
    svc = services(context)
    now = svc.clock.now()
    t = specialist_texts(context)
    reminded = 0
    for question in await svc.storage.questions.due_for_reminder(now):
        if add_working_days(question.asked_at, REMIND_AFTER_WORKING_DAYS) > now:
            continue
        text = t._("Reminder: a question from {practice} has been waiting since {when}.").format(
            practice=escape(await _practice_name(context, question.practice_id)),
            when=t.datetime(question.asked_at, "EEEE d MMMM HH:mm"),
        )
        markup = keyboard([button(t._("View"), Action.QUESTION_VIEW, question.id)])
        # Marked first: a failing send is logged once, not repeated every quarter of an hour.
        await svc.storage.questions.mark_reminded(question.id, now)
        await notify_specialists(context, question.practice_id, text, markup)
        reminded += 1
    return reminded
