"""Tips en informatie: browse the self-help library, or type and get the best matching topic.

Every answer ends with the two ways on: a question to the specialist, or an appointment. Text
that asks for one of the bot's own services ("ik wil mijn afspraak verzetten") gets that menu
action instead of a tip; a greeting or an "ok" gets a short reply and the menu, not the offer to
send it as a question. Text in the other language ("my son does not sleep") that the person's own
library does not match is looked up in the other library, and shown in the person's language.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.core.callback_data import Action, Callback
from bot.core.faq import CATEGORIES, Topic, TopicIndex, best_and_alternatives
from bot.core.intents import CONTENT_FREE, ServiceIntent, asks_with_content, service_intent
from bot.core.models import Role
from bot.handlers.common import Context, Who, button, escape, keyboard, say, services, typed
from bot.handlers.menu import (
    MenuItem,
    send_help,
    send_main_menu,
    send_privacy,
)
from bot.handlers.questions import (
    add_to_offer,
    choose_how_to_send,
    decline_offer,
    offer_typed_question,
    offered_body,
    remember_typed,
    typed_stop_or_menu,
)
from bot.i18n import N_, Texts

CATEGORY_LABELS = {
    "feelings": N_("Feelings"),
    "behaviour": N_("Behaviour"),
    "school_friends": N_("School and friends"),
    "home_family": N_("Home and family"),
    "body_use": N_("Body, food, drink, drugs"),
    "safety": N_("Safety"),
    "about_help": N_("About the help"),
}


def _index(person: Who, context: Context) -> TopicIndex:
    return services(context).faq[person.texts.language]


def ways_on(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(t._("Ask a question"), Action.MENU, MenuItem.ASK),
            button(t._("Make an appointment"), Action.MENU, MenuItem.BOOK),
        ],
        [button(t._("More tips"), Action.TIPS), button(t._("Menu"), Action.MENU, MenuItem.HOME)],
    )


async def show_categories(person: Who, context: Context) -> None:
    t = person.texts
    labels = [button(t._(CATEGORY_LABELS[c]), Action.TIPS_CATEGORY, c) for c in CATEGORIES]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    rows.append([button(t._("Menu"), Action.MENU, MenuItem.HOME)])
    await say(
        context,
        person.chat_id,
        t._("What is it about? Choose a subject, or just type your question."),
        keyboard(*rows),
    )


async def on_tips(update: Update, context: Context, person: Who, cb: Callback) -> None:
    await show_categories(person, context)


async def on_category(update: Update, context: Context, person: Who, cb: Callback) -> None:
    category = cb.arg()
    topics = [t for t in _index(person, context).topics.values() if t.category == category]
    if category not in CATEGORY_LABELS or not topics:
        await show_categories(person, context)
        return
    t = person.texts
    buttons = [button(topic.title, Action.TIPS_TOPIC, topic.id) for topic in topics]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(t._("Back"), Action.TIPS), button(t._("Menu"), Action.MENU, MenuItem.HOME)])
    await say(context, person.chat_id, t._(CATEGORY_LABELS[category]), keyboard(*rows))


def render_topic(t: Texts, topic: Topic, role: Role | None) -> str:
    answer = topic.parent if role is Role.PARENT else topic.youngster
    source = f'<a href="{escape(topic.source_url)}">{escape(topic.source_name)}</a>'
    # Outside the f-string: pybabel on Python 3.11 does not see a text marked inside one.
    when_heading = t._("When to get in touch")
    return "\n\n".join(
        [
            f"<b>{escape(topic.title)}</b>",
            escape(answer),
            f"<b>{when_heading}</b>\n{escape(topic.when_to_contact)}",
            t._("More information: {source}").format(source=source),
        ]
    )


async def show_topic(
    person: Who, context: Context, topic: Topic, alternatives: list[Topic] | None = None
) -> None:
    t = person.texts
    role = person.profile.role if person.profile else None
    await say(context, person.chat_id, render_topic(t, topic, role), ways_on(t))
    if alternatives:
        rows = [[button(other.title, Action.TIPS_TOPIC, other.id)] for other in alternatives]
        await say(context, person.chat_id, t._("Did you mean something else?"), keyboard(*rows))


async def on_topic(update: Update, context: Context, person: Who, cb: Callback) -> None:
    topic = _index(person, context).topics.get(cb.arg())
    if topic is None:
        await show_categories(person, context)
        return
    await show_topic(person, context, topic)


SERVICE_REPLIES = {
    ServiceIntent.BOOK: (
        N_("You can make an appointment here. Tap the button and choose a day and time."),
        (N_("Make an appointment"), MenuItem.BOOK),
    ),
    ServiceIntent.APPOINTMENTS: (
        N_("Moving or cancelling an appointment is done under My appointments."),
        (N_("My appointments"), MenuItem.APPOINTMENTS),
    ),
    ServiceIntent.ASK: (
        N_("You can ask the youth specialist a question here. The answer comes in this chat."),
        (N_("Ask a question"), MenuItem.ASK),
    ),
}


async def show_service(
    person: Who, context: Context, intent: ServiceIntent, tip: Topic | None
) -> None:
    """The menu action the text asked for. A tip that also fits is one tap away, except beside
    moving or cancelling: "mijn afspraak verzetten" is not about the first talk."""
    if intent is ServiceIntent.HELP:
        await send_help(person, context)
        return
    if intent is ServiceIntent.PRIVACY:
        await send_privacy(person, context)
        return
    if intent is ServiceIntent.THANKS:
        await send_main_menu(
            person,
            context,
            intro=person.texts._("You are welcome! Anything else? Here is the menu."),
        )
        return
    t = person.texts
    text, (label, item) = SERVICE_REPLIES[intent]
    rows = [[button(t._(label), Action.MENU, item)]]
    if tip is not None and intent is not ServiceIntent.APPOINTMENTS:
        rows.append([button(tip.title, Action.TIPS_TOPIC, tip.id)])
    rows.append([button(t._("Menu"), Action.MENU, MenuItem.HOME)])
    await say(context, person.chat_id, t._(text), keyboard(*rows))


def find_topics(person: Who, context: Context, text: str) -> tuple[Topic | None, list[Topic]]:
    """The best topic and the alternatives, from the library in the person's language; when it
    has none, from the other language's library (the topics are the same in both)."""
    libraries = services(context).faq
    own = libraries[person.texts.language]
    best, others = best_and_alternatives(own.match(text))
    for language, library in libraries.items():
        if best is not None:
            break
        if language is not person.texts.language:
            best, others = best_and_alternatives(library.match(text))
    if best is None or best.topic_id not in own.topics:
        return None, []
    return own.topics[best.topic_id], [
        own.topics[m.topic_id] for m in others if m.topic_id in own.topics
    ]


async def _without_content(person: Who, context: Context, intent: ServiceIntent) -> None:
    """A greeting, "ok", "nee" or an emoji: no question to send and no tip to look up."""
    t = person.texts
    waiting = offered_body(person.flow) is not None
    if waiting and intent is ServiceIntent.YES:
        await choose_how_to_send(person, context)
        return
    if waiting and intent is ServiceIntent.NO:
        await decline_offer(person, context)
        return
    if intent is ServiceIntent.GREETING:
        intro = t._("Hello! You can type in your own words what it is about.")
    else:
        intro = t._("You can type in your own words what it is about.")
    await send_main_menu(person, context, intro=intro)


async def on_free_text(update: Update, context: Context, person: Who) -> None:
    """Typed text no flow waits for: a menu action it asks for, the best topic, or an offer to
    send it to the specialist. While such an offer waits, text is read the same way first; only
    text that again has no tip is added to the offered question."""
    if await typed_stop_or_menu(update, context, person):
        return
    text = typed(update)
    intent = service_intent(text)
    if intent in CONTENT_FREE:
        await _without_content(person, context, intent)
        return
    best, others = find_topics(person, context, text)
    if intent is not None:
        if intent is ServiceIntent.ASK and asks_with_content(text):
            await remember_typed(person, context, text)  # "Ask a question" next offers this text
        await show_service(person, context, intent, best)
        return
    if best is None:
        if offered_body(person.flow) is not None:
            await add_to_offer(person, context, text)
        else:
            await offer_typed_question(person, context, text)
        return
    await remember_typed(person, context, text)  # "Ask a question" next offers this text
    await show_topic(person, context, best, others)
