"""The main menu and the commands around it: /menu, /help, /privacy, /taal, /stop, /verwijder."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.core.callback_data import Action, Callback
from bot.core.models import Language, Role
from bot.core.phone import show_phone
from bot.handlers.common import (
    ONBOARDING_VALID_FOR,
    Context,
    Who,
    button,
    drop_buttons,
    escape,
    keyboard,
    say,
    services,
    who,
)
from bot.handlers.specialist import send_specialist_menu_if_linked
from bot.i18n import Texts

# Endonyms: each language is named in itself, so they are not translated.
LANGUAGE_NAMES = {Language.NL: "Nederlands", Language.EN: "English"}


ONBOARDING = "onboarding"  # onboarding.FLOW; that module builds on this one


class MenuItem:
    ASK = "ask"
    BOOK = "book"
    APPOINTMENTS = "appts"
    TIPS = "tips"
    HOME = "home"


def main_menu_markup(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(t._("Ask a question"), Action.MENU, MenuItem.ASK),
            button(t._("Tips and information"), Action.MENU, MenuItem.TIPS),
        ],
        [
            button(t._("Make an appointment"), Action.MENU, MenuItem.BOOK),
            button(t._("My appointments"), Action.MENU, MenuItem.APPOINTMENTS),
        ],
        [button(t._("Help now"), Action.HELP_NOW)],
    )


def help_now_markup(t: Texts, *, with_menu: bool) -> InlineKeyboardMarkup:
    rows = [[button(t._("Help now"), Action.HELP_NOW)]]
    if with_menu:
        rows.append([button(t._("Menu"), Action.MENU, MenuItem.HOME)])
    return keyboard(*rows)


async def send_main_menu(person: Who, context: Context, intro: str | None = None) -> None:
    """The menu for someone who finished onboarding; otherwise a pointer to /start."""
    t = person.texts
    if person.profile is None:
        text = t._("Type /start to begin. It takes about a minute.")
        if intro:
            text = f"{intro}\n\n{text}"
        await say(context, person.chat_id, text, help_now_markup(t, with_menu=False))
        return
    text = t._("What would you like to do?")
    if intro:
        text = f"{intro}\n\n{text}"
    await say(context, person.chat_id, text, main_menu_markup(t))


async def on_stale_button(update: Update, context: Context, person: Who) -> None:
    """Old, forged or spent buttons: say so kindly and give the menu back."""
    await send_main_menu(
        person, context, intro=person.texts._("That button no longer works. Here is the menu.")
    )


async def on_menu_command(update: Update, context: Context) -> None:
    """The menu, leaving what was going on: a booking or question half done would otherwise
    read the next message as its answer ("Alleen de voornaam is genoeg")."""
    person = await who(update, context)
    if person is not None:
        await leave_to_menu(person, context)


async def leave_to_menu(person: Who, context: Context) -> None:
    """/menu or "menu" typed: whatever runs ends (onboarding keeps its place), then the menu."""
    if person.flow is not None and person.flow.flow != ONBOARDING:
        await stop_flow(person, context)
        return
    if await send_specialist_menu_if_linked(person, context):
        return
    await send_main_menu(person, context)


async def on_menu_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """Home, or the menu again for someone not onboarded; the items themselves are routed."""
    if person.profile is None or cb.arg() == MenuItem.HOME:
        await send_main_menu(person, context)
        return
    await on_stale_button(update, context, person)


async def on_help(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is not None:
        await send_help(person, context)


async def send_help(person: Who, context: Context) -> None:
    t = person.texts
    text = "\n".join(
        [
            t._("Need help right now? Tap <b>Help now</b> for the crisis lines."),
            "",
            t._("What you can type:"),
            t._("/menu – the main menu"),
            t._("/hulp – crisis lines, at once"),
            t._("/taal – choose your language"),
            t._("/privacy – what the bot keeps about you"),
            t._("/stop – stop what you are doing (nothing is erased)"),
            t._("/verwijder – erase everything the bot keeps about you"),
        ]
    )
    await say(
        context, person.chat_id, text, help_now_markup(t, with_menu=person.profile is not None)
    )


def privacy_notice(t: Texts, practice_name: str | None) -> str:
    lines = [
        t._("<b>Your privacy</b>"),
        t._(
            "The bot keeps what you choose here: your language, whether you are a parent or a "
            "young person, an age and your GP practice. And when you read this message."
        ),
        t._("Later also your appointments and questions, so the youth specialist can help you."),
        t._(
            "We keep this until you erase it. You can always erase everything with /verwijder. "
            "With /privacy you see what the bot knows about you."
        ),
        t._(
            "Good to know: Telegram also keeps this chat itself. Chats with a bot are not "
            "end-to-end encrypted. So share only what is needed."
        ),
    ]
    if practice_name:
        lines.append(
            t._("{practice} is responsible for your data.").format(practice=escape(practice_name))
        )
    return "\n\n".join(lines)


async def on_privacy(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is not None:
        await send_privacy(person, context)


async def send_privacy(person: Who, context: Context) -> None:
    """Everything the bot keeps about this person, with the ways to change or erase it."""
    t = person.texts
    storage = services(context).storage
    profile = person.profile
    practice = (
        await storage.practices.by_id(profile.practice_id)
        if profile and profile.practice_id
        else None
    )
    await say(context, person.chat_id, privacy_notice(t, practice.name if practice else None))
    if profile is None:
        text = t._("The bot does not keep anything about you yet.")
        if person.flow is not None and person.flow.data:
            text = t._(
                "The bot keeps only your answers to the first questions so far, until you "
                "finish or for at most 7 days. /verwijder erases them."
            )
        await say(context, person.chat_id, text, help_now_markup(t, with_menu=False))
        return
    role = t._("parent or carer") if profile.role is Role.PARENT else t._("young person")
    age_label = t._("Age of your child") if profile.role is Role.PARENT else t._("Your age")
    facts = [
        t._("<b>What the bot knows about you</b>"),
        t._("Language: {language}").format(language=LANGUAGE_NAMES[profile.language]),
        t._("You are: {role}").format(role=role),
        f"{age_label}: {profile.age}",
        t._("Practice: {practice}").format(
            practice=escape(practice.name) if practice else t._("none")
        ),
        t._("Privacy message read on: {date}").format(date=t.date(profile.privacy_read_at)),
    ]
    from bot.handlers import reminders  # reminders uses this module's menu

    policy = await reminders.policy_for(person, context)
    choice = await storage.reminders.choice(person.user_id)
    facts.append(t._("Reminders: {which}").format(which=reminders.describe(t, choice, policy)))
    facts.append(
        t._("With each appointment: when its reminders went, and whether you tapped I'm coming.")
    )
    if person.flow is not None and person.flow.data:
        facts.append(
            t._(
                "What you are in the middle of (a booking, or a message not sent yet): kept "
                "until you finish or stop it, at most a day."
            )
        )
    phones = await storage.appointments.phone_numbers(person.user_id)
    if phones:
        facts.append(
            t._("Phone number for talks by phone: {phone}").format(
                phone=", ".join(escape(show_phone(p)) for p in phones)
            )
        )
    await say(
        context,
        person.chat_id,
        "\n".join(facts),
        keyboard(
            [button(t._("Reminders"), Action.REMINDER_CHOICE)],
            [button(t._("Erase everything"), Action.ERASE, "ask")],
            [button(t._("Menu"), Action.MENU, MenuItem.HOME)],
        ),
    )


def language_markup(action: Action) -> InlineKeyboardMarkup:
    return keyboard([button(LANGUAGE_NAMES[lang], action, lang.value) for lang in Language])


async def on_language_command(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is None:
        return
    await say(
        context,
        person.chat_id,
        person.texts._("Which language would you like?"),
        language_markup(Action.SET_LANGUAGE),
    )


async def on_set_language(update: Update, context: Context, person: Who, cb: Callback) -> None:
    try:
        language = Language(cb.arg())
    except ValueError:
        await on_stale_button(update, context, person)
        return
    svc = services(context)
    now = svc.clock.now()
    if person.profile is not None:
        await svc.storage.users.set_language(person.user_id, language, now)
    elif person.flow is not None:
        flow = person.flow
        await svc.storage.flows.put(
            person.user_id,
            flow.flow,
            flow.step,
            {**flow.data, "language": language.value},
            expires_at=flow.expires_at or now,
            now=now,
        )
    else:
        # Before /start: remember the choice where onboarding will find it.
        await svc.storage.flows.put(
            person.user_id,
            "onboarding",
            "language",
            {"language": language.value},
            expires_at=now + ONBOARDING_VALID_FOR,
            now=now,
        )
    refreshed = await who(update, context)
    assert refreshed is not None
    intro = refreshed.texts._("Okay, I will write in English from now on.")
    await send_main_menu(refreshed, context, intro=intro)


async def on_stop(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is not None:
        await stop_flow(person, context)


async def stop_flow(person: Who, context: Context) -> None:
    """Ends whatever flow runs (the /stop command and every Stop button) and erases nothing."""
    await services(context).storage.flows.clear(person.user_id)
    flow = person.flow
    if flow is not None and flow.data.get("offer_of") is not None:
        from bot.handlers import booking  # booking uses this module's menu

        await booking.release_offer(context, int(flow.data["offer_of"]))
    if await send_specialist_menu_if_linked(person, context):
        return
    t = person.texts
    if person.profile is None:
        text = t._("Stopped. You can carry on later with /start.")
        await say(context, person.chat_id, text, help_now_markup(t, with_menu=False))
        return
    await send_main_menu(person, context, intro=t._("Stopped. Nothing was erased."))


async def on_erase_command(update: Update, context: Context) -> None:
    person = await who(update, context)
    if person is not None:
        await ask_erase(person, context)


async def ask_erase(person: Who, context: Context) -> None:
    t = person.texts
    text = t._(
        "Do you want to erase everything the bot keeps about you? This cannot be undone. "
        "The chat itself is kept by Telegram; you can delete it in Telegram. Questions the "
        "youth specialist already read stay in the practice's care records."
    )
    markup = keyboard(
        [
            button(t._("Yes, erase all"), Action.ERASE, "yes"),
            button(t._("No, keep it"), Action.ERASE, "no"),
        ]
    )
    await say(context, person.chat_id, text, markup)


async def on_erase_button(update: Update, context: Context, person: Who, cb: Callback) -> None:
    t = person.texts
    answer = cb.arg()
    if answer == "ask":
        await ask_erase(person, context)
        return
    await drop_buttons(update.effective_message)
    if answer == "no":
        await send_main_menu(person, context, intro=t._("Okay, nothing was erased."))
        return
    if answer != "yes":
        await on_stale_button(update, context, person)
        return
    erased = await services(context).storage.users.erase(person.user_id)
    if erased:
        text = t._(
            "Everything the bot kept about you is erased. To remove the chat too, delete it in "
            "Telegram. You can always start again with /start."
        )
    else:
        text = t._("There was nothing left to erase. You can start again with /start.")
    await say(context, person.chat_id, text)
