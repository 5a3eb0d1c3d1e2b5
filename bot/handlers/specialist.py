"""The specialist's side: linking a Telegram account with an invite code, and their menu.

The menu also ends an answer the specialist was about to type: after /menu or /stop, text is never
sent to the person whose question was chosen before (see bot/handlers/questions.py).
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.core.callback_data import Action
from bot.core.invites import hash_code, looks_like_code
from bot.core.models import Specialist
from bot.handlers.common import Context, Who, button, escape, keyboard, say, services, who
from bot.i18n import Texts
from bot.storage import RedeemResult

log = logging.getLogger(__name__)

ANSWER_FLOW = "answer"


class AnswerStep:
    TEXT = "text"  # Answer was tapped: the next text goes to that question (data "question_id")
    MORE = "more"  # an answer was just sent: a second part right after it is added


async def end_answering(person: Who, context: Context) -> int | None:
    """The specialist moved on: no text typed from now on goes to the question chosen before.

    Returns the number of the question whose answer was still to be typed, so the specialist can
    be told nothing was sent; None when no answer was pending (or one was just sent).
    """
    flow = person.flow
    if flow is None or flow.flow != ANSWER_FLOW:
        return None
    await services(context).storage.flows.clear(person.user_id)
    question_id = flow.data.get("question_id")
    if flow.step == AnswerStep.TEXT and isinstance(question_id, int):
        return question_id
    return None


def answering_stopped(t: Texts, question_id: int) -> str:
    return t._(
        "You were answering question {id}. Nothing was sent. To answer it, open it and tap "
        "Answer again."
    ).format(id=question_id)


async def send_specialist_menu(person: Who, context: Context, specialist: Specialist) -> None:
    t = person.texts
    stopped = await end_answering(person, context)
    storage = services(context).storage
    names = []
    for practice_id in specialist.practice_ids:
        practice = await storage.practices.by_id(practice_id)
        if practice is not None:
            names.append(escape(practice.name))
    parts = [answering_stopped(t, stopped)] if stopped is not None else []
    text = "\n\n".join(
        [
            *parts,
            t._("<b>Specialist menu</b> – {name}, {title}").format(
                name=escape(specialist.name), title=escape(specialist.title)
            ),
            t._("Practices: {practices}").format(practices=", ".join(names) or "-"),
            t._(
                "New questions and bookings reach you here as a message without names or content; "
                "tap View or Details to read more. Each working day you get your agenda for the "
                "day here in the morning."
            ),
        ]
    )
    markup = keyboard([button(t._("Waiting questions"), Action.OPEN_QUESTIONS)])
    await say(context, person.chat_id, text, markup)


async def send_specialist_menu_if_linked(person: Who, context: Context) -> bool:
    specialist = await services(context).storage.specialists.by_telegram_user(person.user_id)
    if specialist is None:
        return False
    await send_specialist_menu(person, context, specialist)
    return True


async def on_specialist(update: Update, context: Context) -> None:
    """/specialist <code>: a single-use code from `python -m bot admin invite`."""
    person = await who(update, context)
    if person is None:
        return
    t = person.texts
    if not context.args:
        await say(
            context,
            person.chat_id,
            t._("Send /specialist followed by your code, for example: /specialist ABCD-EFGH-JKMN"),
        )
        return
    code = "".join(context.args)
    if not looks_like_code(code):
        await say(
            context, person.chat_id, t._("That code is not right. Check it, or ask for a new one.")
        )
        return
    svc = services(context)
    result = await svc.storage.specialists.redeem_invite(
        hash_code(code), person.user_id, svc.clock.now()
    )
    if isinstance(result, Specialist):
        log.info("specialist %d linked a Telegram account", result.id)
        await say(
            context,
            person.chat_id,
            t._("Done! This Telegram account is now linked as {name}.").format(
                name=escape(result.name)
            ),
        )
        await send_specialist_menu(person, context, result)
        return
    refusal = {
        RedeemResult.USED: t._("That code was already used. Ask the administrator for a new one."),
        RedeemResult.EXPIRED: t._("That code has expired. Ask the administrator for a new one."),
        RedeemResult.REVOKED: t._(
            "That code is no longer valid. Ask the administrator for a new one."
        ),
    }.get(result, t._("That code is not right. Check it, or ask for a new one."))
    await say(context, person.chat_id, refusal)
