"""A question to the specialist: asked in the chat, answered in the chat, one reply back.

The specialist is told a question is waiting without its content (a lock screen shows it); the
content shows after a tap. Answers are relayed to the person, who can reply once or book a talk.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError

from bot.core.callback_data import Action, Callback, is_number
from bot.core.models import Language, Role, Specialist
from bot.core.text import cap, split_for_telegram
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
)
from bot.handlers.menu import MenuItem, send_main_menu
from bot.i18n import Texts
from bot.storage import Question

log = logging.getLogger(__name__)

FLOW = "question"
ANSWER_FLOW = "answer"
QUESTION_VALID_FOR = timedelta(hours=24)
MAX_QUESTION = 3500
MAX_FIRST_NAME = 40
MAX_ANSWER = 3500


class Step:
    TEXT = "text"
    SEND = "send"
    NAME = "name"


def deadline(t: Texts, asked_at: datetime) -> str:
    return t.date(add_working_days(asked_at, ANSWER_WITHIN_WORKING_DAYS), "EEEE d MMMM")


def _stop_row(t: Texts) -> list:
    return [button(t._("Stop"), Action.STOP)]


async def _put(person: Who, context: Context, step: str, data: dict, flow: str = FLOW) -> None:
    svc = services(context)
    now = svc.clock.now()
    await svc.storage.flows.put(
        person.user_id, flow, step, data, expires_at=now + QUESTION_VALID_FOR, now=now
    )


async def start_question(person: Who, context: Context, *, reply_to: int | None = None) -> None:
    t = person.texts
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


async def offer_typed_question(person: Who, context: Context, text: str) -> None:
    """No tip fits what was typed: offer to send exactly that text as a question."""
    t = person.texts
    await _put(person, context, Step.SEND, {"body": cap(text, MAX_QUESTION), "reply_to": None})
    await say(
        context,
        person.chat_id,
        t._(
            "I have no tip about this. Shall I send your message to the youth specialist as a "
            "question? You get an answer within {days} working days. Or make an appointment."
        ).format(days=ANSWER_WITHIN_WORKING_DAYS),
        keyboard(
            [button(t._("Send anonymously"), Action.ASK_SEND, "anon")],
            [button(t._("Add my first name"), Action.ASK_SEND, "name")],
            [
                button(t._("Make an appointment"), Action.MENU, MenuItem.BOOK),
                button(t._("Stop"), Action.STOP),
            ],
        ),
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


async def on_text(update: Update, context: Context, person: Who) -> bool:
    """Typed text while asking: the question itself, or the first name."""
    flow = person.flow
    if flow is None or flow.flow != FLOW:
        return False
    t = person.texts
    text = update.effective_message.text or ""  # type: ignore[union-attr]
    if flow.step == Step.TEXT:
        body = cap(text, MAX_QUESTION)
        data = {**flow.data, "body": body}
        if flow.data.get("reply_to") is not None:
            await _send(person, context, data, first_name=None)
            return True
        await _put(person, context, Step.SEND, data)
        note = ""
        if len(text.strip()) > MAX_QUESTION:
            note = (
                t._("Your question was long: the first {count} characters will be sent.").format(
                    count=MAX_QUESTION
                )
                + "\n\n"
            )
        await say(
            context,
            person.chat_id,
            note
            + t._(
                "Do you want to add your first name? Then the youth specialist can call you by "
                "name. You do not have to."
            ),
            keyboard(
                [button(t._("Send anonymously"), Action.ASK_SEND, "anon")],
                [button(t._("Add my first name"), Action.ASK_SEND, "name")],
                _stop_row(t),
            ),
        )
        return True
    if flow.step == Step.NAME:
        name = " ".join(text.split())
        if not name or len(name) > MAX_FIRST_NAME or any(c.isdigit() for c in name):
            await say(
                context,
                person.chat_id,
                t._("Just your first name is enough, for example Sam."),
                keyboard(_stop_row(t)),
            )
            return True
        await _send(person, context, flow.data, first_name=name)
        return True
    # New text instead of a tap on the offer: the offer lapses and the text is read afresh.
    await services(context).storage.flows.clear(person.user_id)
    return False


async def on_send_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    flow = person.flow
    if flow is None or flow.flow != FLOW or flow.step != Step.SEND:
        await _gone(person, context)
        return
    await drop_buttons(update.effective_message)
    if cb.arg() == "name":
        await _put(person, context, Step.NAME, flow.data)
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
    intro = t._(
        "Your question has been sent. You will get an answer here before {deadline}. Urgent? "
        "Tap Help now."
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
        text = t._("New question via the chat ({practice}). Answer before {deadline}.").format(
            practice=escape(practice), deadline=deadline(t, question.asked_at)
        )
    markup = keyboard([button(t._("View"), Action.QUESTION_VIEW, question.id)])
    await notify_specialists(context, question.practice_id, text, markup)


async def _specialist_for(person: Who, context: Context) -> Specialist | None:
    return await services(context).storage.specialists.by_telegram_user(person.user_id)


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
    found = await _question_for_specialist(person, context, cb)
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
    kind = t._("Reply") if question.reply_to else t._("Question")
    header = "\n".join(
        [
            f"<b>{kind} {question.id}</b> – {who_asked}",
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
    pieces = split_for_telegram(question.body, 3500)
    if question.answered_at is not None:
        status = t._("Answered on {when}.").format(
            when=t.datetime(question.answered_at, "d MMMM HH:mm")
        )
        markup = None
    else:
        status = ""
        markup = keyboard(
            [button(t._("Answer"), Action.QUESTION_ANSWER, question.id)],
            [button(t._("Invite to book a talk"), Action.QUESTION_INVITE, question.id)],
        )
    await say(context, person.chat_id, header)
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        body = escape(piece) + (f"\n\n<i>{status}</i>" if last and status else "")
        await say(context, person.chat_id, body, markup if last else None)


async def on_answer_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    found = await _question_for_specialist(person, context, cb)
    t = specialist_texts(context)
    if found is None or found[1].answered_at is not None:
        await say(context, person.chat_id, t._("That question was already answered."))
        return
    await _put(person, context, Step.TEXT, {"question_id": found[1].id}, flow=ANSWER_FLOW)
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
    svc = services(context)
    t = specialist_texts(context)
    specialist = await _specialist_for(person, context)
    asked = await svc.storage.questions.get(int(flow.data["question_id"]))
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
    delivered = await relay_answer(context, question, specialist)
    if delivered:
        await say(context, person.chat_id, t._("Your answer was sent."))
    else:
        await say(
            context,
            person.chat_id,
            t._(
                "Your answer is saved, but it could not be delivered: the person has blocked "
                "the bot."
            ),
        )
    return True


async def relay_answer(context: Context, question: Question, specialist: Specialist) -> bool:
    svc = services(context)
    asker = await svc.storage.users.get(question.telegram_user_id)
    if asker is None:
        return False
    t = svc.catalogs[asker.language]
    header = t._("<b>Answer from {name}, {title}</b>").format(
        name=escape(specialist.name), title=escape(specialist.title)
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
    pieces = split_for_telegram(question.answer or "", 3500)
    try:
        for index, piece in enumerate(pieces):
            text = (header + "\n\n" if index == 0 else "") + escape(piece)
            markup = keyboard(*rows) if index == len(pieces) - 1 else None
            await context.bot.send_message(question.telegram_user_id, text, reply_markup=markup)
    except Forbidden:
        log.warning("answer to question %d could not be delivered (bot blocked)", question.id)
        return False
    return True


async def on_invite_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
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
