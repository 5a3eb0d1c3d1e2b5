"""First contact: welcome, language, role, age, practice, the rules by age, the privacy notice.

Answers live in the flow state until the privacy notice is read; only then is a profile stored.
"""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardMarkup, Update

from bot.core.age import parse_age
from bot.core.callback_data import Action, Callback, is_number
from bot.core.consent import (
    OLDEST_YOUNGSTER,
    YOUNGEST_YOUNGSTER,
    AgeBracket,
    AgeOutcome,
    age_bracket,
    age_outcome,
)
from bot.core.helplines import HELPLINES
from bot.core.models import Language, Practice, Role, UserProfile
from bot.handlers.common import (
    ONBOARDING_VALID_FOR,
    Context,
    Who,
    advance_flow,
    button,
    drop_buttons,
    escape,
    keyboard,
    say,
    services,
    typed,
    who,
)
from bot.handlers.menu import (
    LANGUAGE_NAMES,
    help_now_markup,
    language_markup,
    privacy_notice,
    send_main_menu,
)
from bot.handlers.safety import practice_of
from bot.handlers.specialist import send_specialist_menu_if_linked
from bot.i18n import Texts
from bot.settings import DEEP_LINK_CODE

log = logging.getLogger(__name__)

FLOW = "onboarding"


class Step:
    LANGUAGE = "language"
    ROLE = "role"
    AGE = "age"
    PRACTICE = "practice"
    PRIVACY = "privacy"


PARENT_AGE_BUTTONS = tuple(range(0, 18))
YOUNGSTER_AGE_BUTTONS = tuple(range(YOUNGEST_YOUNGSTER, OLDEST_YOUNGSTER + 1))
AGE_UNDER, AGE_OVER = "under", "over"
PRACTICES_PER_PAGE = 8


async def _save(person: Who, context: Context, step: str, **changes: object) -> dict:
    return await advance_flow(person, context, FLOW, step, ONBOARDING_VALID_FOR, **changes)


def welcome_text(t: Texts, practice: Practice | None) -> str:
    if practice is not None:
        hello = t._("Hi! I am the chat assistant of the youth specialist at {practice}.").format(
            practice=escape(practice.name)
        )
    else:
        hello = t._("Hi! I am the chat assistant of the youth specialist at your GP practice.")
    return "\n\n".join(
        [
            hello,
            t._(
                "I am here for parents and for young people from 12 to 25. Here you can read "
                "tips, ask a question and make an appointment."
            ),
            t._(
                "I am not an emergency service. In danger? Call <b>112</b>. Thinking about "
                "suicide? Call <b>113</b> or free <b>0800-0113</b>, day and night."
            ),
        ]
    )


async def on_start(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is None:
        return
    if await send_specialist_menu_if_linked(person, context):
        return
    svc = services(context)
    t = person.texts
    practice = None
    if context.args:
        code = context.args[0]
        practice = await svc.storage.practices.by_code(code) if DEEP_LINK_CODE.match(code) else None
        if practice is None:
            await say(
                context, person.chat_id, t._("I do not know that link. No problem, we just go on.")
            )
    if person.profile is not None:
        await send_main_menu(person, context, intro=t._("Welcome back!"))
        return
    changes: dict[str, object] = {"language": t.language.value}
    if practice is not None:
        changes["practice_id"] = practice.id
    await _save(person, context, Step.LANGUAGE, **changes)
    if practice is None and person.flow is not None:
        practice = await practice_of(person, context)
    await say(context, person.chat_id, welcome_text(t, practice))
    await say(
        context,
        person.chat_id,
        "Welke taal wil je gebruiken?\nWhich language would you like?",
        language_markup(Action.LANGUAGE),
    )


def role_markup(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t._("Parent or carer"), Action.ROLE, Role.PARENT.value)],
        [button(t._("Young person (12-25)"), Action.ROLE, Role.YOUNGSTER.value)],
    )


async def ask_role(person: Who, context: Context) -> None:
    t = person.texts
    await say(context, person.chat_id, t._("Who are you?"), role_markup(t))


def age_markup(t: Texts, role: Role) -> InlineKeyboardMarkup:
    ages = PARENT_AGE_BUTTONS if role is Role.PARENT else YOUNGSTER_AGE_BUTTONS
    rows = [
        [button(str(age), Action.AGE, age) for age in ages[i : i + 6]]
        for i in range(0, len(ages), 6)
    ]
    if role is Role.PARENT:
        rows.append([button(t._("18 or older"), Action.AGE, AGE_OVER)])
    else:
        rows.append(
            [
                button(t._("Under 12"), Action.AGE, AGE_UNDER),
                button(t._("Over 25"), Action.AGE, AGE_OVER),
            ]
        )
    rows.append([button(t._("Back"), Action.BACK, Step.ROLE)])
    return keyboard(*rows)


def age_question(t: Texts, role: Role) -> str:
    if role is Role.PARENT:
        return t._(
            "How old is your child? More than one child? Choose the child you have a "
            "question about now. Tap the age or type it."
        )
    return t._("How old are you? Tap your age or type it.")


async def ask_age(person: Who, context: Context, role: Role, intro: str | None = None) -> None:
    t = person.texts
    text = age_question(t, role)
    if intro:
        text = f"{intro}\n\n{text}"
    await say(context, person.chat_id, text, age_markup(t, role))


async def ask_practice(person: Who, context: Context, page: int = 0) -> None:
    t = person.texts
    practices = await services(context).storage.practices.all()
    rows = [[button(p.label, Action.PRACTICE, p.id)] for p in practices]
    rows.append([button(t._("Back"), Action.BACK, Step.AGE)])
    await say(context, person.chat_id, t._("Which GP practice do you go to?"), keyboard(*rows))


def rules_text(t: Texts, role: Role, age: int, share_link: str) -> str:
    bracket = age_bracket(age)
    if role is Role.PARENT:
        if bracket is AgeBracket.UNDER_12:
            return t._(
                "Your child is younger than 12. Then you, the parent, decide about help. The "
                "youth specialist talks with you, and often with your child too."
            )
        if bracket is AgeBracket.FROM_12_TO_15:
            return t._(
                "Your child is between 12 and 16. A first talk is fine. For treatment, you and "
                "your child both give permission."
            )
        if bracket is AgeBracket.FROM_16_TO_17:
            return t._(
                "Your child is 16 or older. Then your child decides about help and appointments. "
                "You can still read tips and ask a question here. Does your child want help? "
                "Share this link: {link}"
            ).format(link=share_link)
        return t._(
            "Your child is an adult and decides about help. You can still read tips and ask a "
            "question here. Your child can use this chat too, or go to their own GP or the JIP "
            "(jip.nl). Share this link: {link}"
        ).format(link=share_link)
    if bracket is AgeBracket.FROM_12_TO_15:
        return t._(
            "You are between 12 and 16. You may ask for a first talk yourself. For treatment, "
            "your parents are usually involved too. The youth specialist talks about that with "
            "you first."
        )
    if bracket is AgeBracket.FROM_16_TO_17:
        return t._(
            "You are 16 or older. You decide about help yourself. Your parents do not need to "
            "know if you do not want them to."
        )
    return t._(
        "You are an adult. You decide about help yourself. Your own GP can help you too, also "
        "after you turn 25. Studying? Ask for the student counsellor. The JIP (youth "
        "information point) helps with school, work or money: jip.nl."
    )


def share_link(bot_username: str, practice: Practice | None) -> str:
    base = f"https://t.me/{bot_username}"
    return f"{base}?start={practice.code}" if practice else base


async def finish_questions(person: Who, context: Context, data: dict) -> None:
    """Rules by age in one short message, then the privacy notice with "I understand"."""
    t = person.texts
    role, age = Role(data["role"]), int(data["age"])
    practice = await services(context).storage.practices.by_id(int(data["practice_id"]))
    link = share_link(context.bot.username, practice)
    await say(context, person.chat_id, rules_text(t, role, age, link))
    await say(
        context,
        person.chat_id,
        privacy_notice(t, practice.name if practice else None),
        keyboard([button(t._("I understand"), Action.PRIVACY_OK)]),
    )


async def after_age(person: Who, context: Context, data: dict) -> None:
    storage = services(context).storage
    practice_id = data.get("practice_id")
    if practice_id is None or await storage.practices.by_id(int(practice_id)) is None:
        practices = await storage.practices.all()
        if len(practices) != 1:
            await _save(person, context, Step.PRACTICE)
            await ask_practice(person, context)
            return
        practice_id = practices[0].id
    data = await _save(person, context, Step.PRIVACY, practice_id=int(practice_id))
    await finish_questions(person, context, data)


def _expects(person: Who, step: str) -> bool:
    return person.flow is not None and person.flow.flow == FLOW and person.flow.step == step


async def _not_now(update: Update, context: Context, person: Who) -> None:
    """A button of an onboarding step that is over, or of a flow that expired or was erased."""
    t = person.texts
    if person.profile is not None:
        await send_main_menu(person, context, intro=t._("That is already done."))
        return
    if person.flow is None or person.flow.flow != FLOW:
        await say(
            context,
            person.chat_id,
            t._("That button is from an earlier conversation. Type /start to begin again."),
            help_now_markup(t, with_menu=False),
        )
        return
    await resend_current_question(person, context, intro=t._("That question is already done."))


async def resend_current_question(person: Who, context: Context, intro: str | None = None) -> None:
    """Put the question the user is at back under their thumb."""
    assert person.flow is not None
    data, step, t = person.flow.data, person.flow.step, person.texts
    if intro:
        await say(context, person.chat_id, intro)
    if step == Step.LANGUAGE:
        await say(
            context,
            person.chat_id,
            t._("Which language would you like?"),
            language_markup(Action.LANGUAGE),
        )
    elif step == Step.ROLE:
        await ask_role(person, context)
    elif step == Step.AGE:
        await ask_age(person, context, Role(data["role"]))
    elif step == Step.PRACTICE:
        await ask_practice(person, context)
    else:
        await finish_questions(person, context, data)


async def on_language(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not _expects(person, Step.LANGUAGE):
        await _not_now(update, context, person)
        return
    try:
        language = Language(cb.arg())
    except ValueError:
        await _not_now(update, context, person)
        return
    await drop_buttons(update.effective_message)
    await _save(person, context, Step.ROLE, language=language.value)
    person = await who(update, context)
    assert person is not None
    await say(context, person.chat_id, f"✓ {LANGUAGE_NAMES[language]}")
    await ask_role(person, context)


async def on_role(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not _expects(person, Step.ROLE):
        await _not_now(update, context, person)
        return
    try:
        role = Role(cb.arg())
    except ValueError:
        await _not_now(update, context, person)
        return
    await drop_buttons(update.effective_message)
    await _save(person, context, Step.AGE, role=role.value)
    await ask_age(person, context, role)


async def record_age(update: Update, context: Context, person: Who, age: int) -> None:
    assert person.flow is not None
    t = person.texts
    role = Role(person.flow.data["role"])
    outcome = age_outcome(role, age)
    if outcome is AgeOutcome.TOO_YOUNG_ALONE:
        await _save(person, context, Step.ROLE)
        text = t._(
            "You are younger than 12. Then your parent or carer arranges help with the "
            "practice. Ask them to use this chat. Want to talk to someone now? The "
            "Kindertelefoon is free: {number}, every day from {opens} to {closes}."
        ).format(
            number=HELPLINES.kindertelefoon,
            opens=HELPLINES.kindertelefoon_hours[0],
            closes=HELPLINES.kindertelefoon_hours[1],
        )
        await say(context, person.chat_id, text, _restart_markup(t))
        return
    if outcome is AgeOutcome.TOO_OLD:
        await _save(person, context, Step.ROLE)
        if role is Role.YOUNGSTER:
            text = t._(
                "This chat is for young people up to 25 and their parents. Are you older? Your "
                "own GP can help you further."
            )
        else:
            text = t._(
                "This chat is for children and young people up to 25. An adult child can go to "
                "their own GP."
            )
        await say(context, person.chat_id, text, _restart_markup(t))
        return
    data = await _save(person, context, Step.AGE, age=age)
    await after_age(person, context, data)


def _restart_markup(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t._("Parent or carer"), Action.ROLE, Role.PARENT.value)],
        [button(t._("Young person (12-25)"), Action.ROLE, Role.YOUNGSTER.value)],
        [button(t._("Help now"), Action.HELP_NOW)],
    )


async def on_age_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not _expects(person, Step.AGE):
        await _not_now(update, context, person)
        return
    value = cb.arg()
    role = Role(person.flow.data["role"])  # type: ignore[union-attr]
    if value == AGE_UNDER:
        age = YOUNGEST_YOUNGSTER - 1
    elif value == AGE_OVER:
        age = 18 if role is Role.PARENT else OLDEST_YOUNGSTER + 1
    elif is_number(value) and int(value) <= OLDEST_YOUNGSTER:
        age = int(value)
    else:
        await _not_now(update, context, person)
        return
    await drop_buttons(update.effective_message)
    await record_age(update, context, person, age)


_NUMBERISH = re.compile(r"\d")


async def on_text(update: Update, context: Context, person: Who) -> bool:
    """Typed answers during onboarding; False when this flow does not want text now."""
    if person.flow is None or person.flow.flow != FLOW:
        return False
    t = person.texts
    if person.flow.step == Step.AGE:
        age = parse_age(typed(update))
        if age is None:
            role = Role(person.flow.data["role"])
            await ask_age(
                person,
                context,
                role,
                intro=t._("Sorry, I did not get that. Type just a number, for example 14."),
            )
            return True
        await record_age(update, context, person, age)
        return True
    await resend_current_question(
        person, context, intro=t._("Tap one of the buttons below. Or type /stop to stop.")
    )
    return True


async def on_practice(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not _expects(person, Step.PRACTICE):
        await _not_now(update, context, person)
        return
    value = cb.arg()
    practice = (
        await services(context).storage.practices.by_id(int(value)) if is_number(value) else None
    )
    if practice is None:
        await _not_now(update, context, person)
        return
    await drop_buttons(update.effective_message)
    data = await _save(person, context, Step.PRIVACY, practice_id=practice.id)
    await say(context, person.chat_id, f"✓ {escape(practice.name)}")
    await finish_questions(person, context, data)


async def on_back(update: Update, context: Context, person: Who, cb: Callback) -> None:
    target = cb.arg()
    allowed = {Step.ROLE: Step.AGE, Step.AGE: Step.PRACTICE}
    if target not in allowed or not _expects(person, allowed[target]):
        await _not_now(update, context, person)
        return
    await drop_buttons(update.effective_message)
    await _save(person, context, target)
    person = await who(update, context)
    assert person is not None
    await resend_current_question(person, context)


async def on_privacy_ok(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not _expects(person, Step.PRIVACY):
        await _not_now(update, context, person)
        return
    assert person.flow is not None
    data = person.flow.data
    svc = services(context)
    now = svc.clock.now()
    profile = UserProfile(
        telegram_user_id=person.user_id,
        language=Language(data["language"]),
        role=Role(data["role"]),
        age=int(data["age"]),
        practice_id=int(data["practice_id"]) if data.get("practice_id") else None,
        privacy_read_at=now,
        created_at=now,
    )
    await svc.storage.users.complete_onboarding(profile, now)
    await drop_buttons(update.effective_message)
    person = await who(update, context)
    assert person is not None
    await send_main_menu(person, context, intro=person.texts._("Thank you! You are all set."))
