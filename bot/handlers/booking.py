"""Afspraak maken and Mijn afspraken: book a talk in under a minute, see it, cancel it.

Every step is a button (typing only for a first name, a date of birth, an optional note and a
phone number for a talk by phone); a question is only asked when there is a real choice (which
practice of a group, which place); every step has Terug and Stoppen; the flow lives in the
database and expires; every tap is re-checked on the server, and the schema makes a double
booking impossible.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from telegram import Update
from telegram.error import TelegramError

from bot.core.birthdate import age_on, parse_birth_date
from bot.core.booking import (
    DEFAULT_TALKS,
    Appointment,
    ForWhom,
    IntakeAlreadyOpen,
    Kind,
    Mode,
    SlotNotOffered,
    SlotTaken,
    TalkType,
    TooManyAppointments,
    is_late_cancellation,
    kind_of_talk,
)
from bot.core.callback_data import Action, Callback, is_number
from bot.core.clock import PRACTICE_TZ, from_epoch, to_epoch
from bot.core.ics import appointment_ics
from bot.core.models import Practice, Role
from bot.core.phone import parse_dutch_phone, show_phone
from bot.core.reminders import plan_reminders
from bot.core.slots import DEFAULT_NOTICE
from bot.core.text import cap, first_name
from bot.handlers import reminders as reminder_handlers
from bot.handlers.common import (
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
)
from bot.handlers.menu import MenuItem, send_main_menu
from bot.handlers.onboarding import share_link
from bot.handlers.questions import notify_specialists, specialist_texts
from bot.i18n import N_, Texts
from bot.jobs import reminders as reminder_jobs
from bot.scheduling import Offer, book, can_book_at, move, offers
from bot.storage import NewAppointment, WaitlistEntry

log = logging.getLogger(__name__)

FLOW = "booking"
BOOKING_VALID_FOR = timedelta(hours=2)
MAX_NOTE = 300
DAYS_PER_PAGE = 7
TIMES_SHOWN = 16
PARENT_BOOKS_UNDER = 16

TOPICS = {
    "sleep": N_("Sleep"),
    "anxiety": N_("Anxiety or worrying"),
    "low": N_("Feeling low"),
    "anger": N_("Anger or behaviour"),
    "school": N_("School or bullying"),
    "home": N_("Home or divorce"),
    "substances": N_("Alcohol or drugs"),
    "eating": N_("Eating"),
    "other": N_("Something else"),
}
KIND_LABELS = {Kind.INTAKE: N_("first talk"), Kind.FOLLOWUP: N_("follow-up talk")}
MODE_LABELS = {
    Mode.PRACTICE: N_("At the practice"),
    Mode.PHONE: N_("By phone"),
    Mode.VIDEO: N_("By video"),
}


class Step:
    PRACTICE = "practice"
    FOR_WHOM = "for_whom"
    FIRST_NAME = "first_name"
    BIRTH_DATE = "birth_date"
    TOPIC = "topic"
    NOTE = "note"
    MODE = "mode"
    PHONE = "phone"
    DAY = "day"
    TIME = "time"
    CONFIRM = "confirm"


def _nav(t: Texts, back: str | None) -> list:
    row = [button(t._("Back"), Action.BOOK_BACK, back)] if back else []
    return [*row, button(t._("Stop"), Action.STOP)]


def _answers_of(earlier: Appointment | WaitlistEntry) -> dict[str, object]:
    """The booking answers a new flow starts from when it continues an appointment or a waitlist
    place, so nobody is asked again what they already told."""
    return {
        "practice_id": earlier.practice_id,
        "for_whom": earlier.for_whom.value,
        "first_name": earlier.first_name,
        "birth_date": earlier.birth_date.isoformat(),
        "topic": earlier.topic,
        "note": earlier.note,
        "kind": earlier.kind.value,
    }


async def _put(person: Who, context: Context, step: str, **changes: object) -> dict:
    return await advance_flow(person, context, FLOW, step, BOOKING_VALID_FOR, **changes)


def _when(t: Texts, moment: datetime) -> str:
    return t._("{day} at {time}").format(day=t.date(moment, "EEEE d MMMM"), time=t.time(moment))


async def _practice(person: Who, context: Context) -> Practice | None:
    """The person's own practice, from onboarding."""
    if person.profile is None or person.profile.practice_id is None:
        return None
    return await services(context).storage.practices.by_id(person.profile.practice_id)


def _practice_id(person: Who, data: dict) -> int:
    """The practice of this booking: chosen in the flow, else the person's own."""
    chosen = data.get("practice_id")
    if isinstance(chosen, int):
        return chosen
    if person.profile is None or person.profile.practice_id is None:
        return 0
    return person.profile.practice_id


async def _talk_type(context: Context, practice_id: int, kind: Kind) -> TalkType:
    """Length and places of this kind of talk at this practice, as its practice file says."""
    practice = await services(context).storage.practices.by_id(practice_id)
    talks = services(context).booking.talks_at(practice.code) if practice else DEFAULT_TALKS
    return talks.of(kind)


# -- starting ---------------------------------------------------------------------------------


async def start_booking(person: Who, context: Context) -> None:
    t = person.texts
    profile = person.profile
    if profile is None:
        await send_main_menu(person, context)
        return
    # A new booking starts empty: nothing of an earlier, unfinished one (a move) carries over.
    await services(context).storage.flows.clear(person.user_id)
    practice = await _practice(person, context)
    if profile.role is Role.PARENT and profile.age >= PARENT_BOOKS_UNDER:
        await send_main_menu(person, context, intro=_youngster_decides(t, context, practice))
        return
    places = await _places(person, context)
    if len(places) > 1:
        await _put(person, context, Step.PRACTICE)
        await _ask_practice(person, context, places)
        return
    if places and places[0].id != profile.practice_id:
        await _begin(person, context, practice_id=places[0].id)  # the one place with hours
        return
    await _begin(person, context)


async def _places(person: Who, context: Context) -> list[Practice]:
    """Where this person can book: their own practice first, then the practices of its group
    that have a specialist with hours; their own only if it has hours too, or nothing else has."""
    own = await _practice(person, context)
    if own is None:
        return []
    svc = services(context)
    siblings = []
    for code in svc.booking.group_of(own.code)[1:]:
        sibling = await svc.storage.practices.by_code(code)
        if sibling is not None and await can_book_at(svc.storage, sibling.id):
            siblings.append(sibling)
    if siblings and not await can_book_at(svc.storage, own.id):
        return siblings  # no hours at their own practice: only where a talk can happen
    return [own, *siblings]


async def _ask_practice(person: Who, context: Context, places: list[Practice]) -> None:
    t = person.texts
    lines = [t._("At which practice would you like the talk?")]
    for place in places:
        where = f"{place.name}, {place.address}" if place.address else place.name
        lines.append("• " + escape(where))
    labels = [button(place.label, Action.BOOK_PRACTICE, place.id) for place in places]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    await say(context, person.chat_id, "\n".join(lines), keyboard(*rows, _nav(t, None)))


async def on_practice(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.PRACTICE):
        return
    places = await _places(person, context)
    value = cb.arg()
    chosen = next((p for p in places if is_number(value) and p.id == int(value)), None)
    await drop_buttons(update.effective_message)
    if chosen is None:
        await say(
            context,
            person.chat_id,
            person.texts._("Sorry, you cannot book at that practice here. Choose one below."),
        )
        await _ask_practice(person, context, places)
        return
    await _begin(
        person,
        context,
        practice_id=chosen.id,
        practice_asked=True,
        # Place and time belong to a practice: another practice asks them anew.
        mode=None,
        phone=None,
        mode_asked=False,
        day=None,
        start=None,
    )


async def _begin(person: Who, context: Context, **changes: object) -> None:
    """For whom (a parent) or the first name (a young person, who books for themselves)."""
    if person.profile is not None and person.profile.role is Role.YOUNGSTER:
        data = await _put(person, context, Step.FIRST_NAME, for_whom=ForWhom.SELF.value, **changes)
        await _ask_first_name(person, context, data)
        return
    data = await _put(person, context, Step.FOR_WHOM, **changes)
    await _ask_for_whom(person, context, data)


async def _ask_for_whom(person: Who, context: Context, data: dict) -> None:
    t = person.texts
    await say(
        context,
        person.chat_id,
        t._("Who is the talk for?"),
        keyboard(
            [
                button(t._("For my child"), Action.BOOK_FOR, ForWhom.CHILD.value),
                button(t._("For myself"), Action.BOOK_FOR, ForWhom.SELF.value),
            ],
            _nav(t, Step.PRACTICE if data.get("practice_asked") else None),
        ),
    )


def _youngster_decides(t: Texts, context: Context, practice: Practice | None) -> str:
    return t._(
        "Your child is 16 or older and decides about a talk themselves. Share this link, so your "
        "child can make the appointment: {link}"
    ).format(link=share_link(context.bot.username, practice))


async def on_for_whom(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.FOR_WHOM):
        return
    try:
        for_whom = ForWhom(cb.arg())
    except ValueError:
        await _gone(person, context)
        return
    await drop_buttons(update.effective_message)
    data = await _put(person, context, Step.FIRST_NAME, for_whom=for_whom.value)
    await _ask_first_name(person, context, data)


async def _ask_first_name(person: Who, context: Context, data: dict) -> None:
    t = person.texts
    if data.get("for_whom") == ForWhom.CHILD.value:
        text = t._(
            "What is your child's first name? The youth specialist needs it to find your child "
            "in the practice's records."
        )
    else:
        text = t._(
            "What is your first name? The youth specialist needs it to find you in the "
            "practice's records."
        )
    if person.profile and person.profile.role is Role.PARENT:
        back: str | None = Step.FOR_WHOM
    else:
        back = Step.PRACTICE if data.get("practice_asked") else None
    await say(context, person.chat_id, text, keyboard(_nav(t, back)))


async def _ask_birth_date(person: Who, context: Context, data: dict) -> None:
    t = person.texts
    text = t._("And the date of birth of {name}? For example 14-03-2012.").format(
        name=escape(str(data["first_name"]))
    )
    await say(context, person.chat_id, text, keyboard(_nav(t, Step.FIRST_NAME)))


async def _ask_topic(person: Who, context: Context) -> None:
    t = person.texts
    labels = [button(t._(label), Action.BOOK_TOPIC, key) for key, label in TOPICS.items()]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    rows.append(_nav(t, Step.BIRTH_DATE))
    await say(context, person.chat_id, t._("What is it about?"), keyboard(*rows))


async def _ask_note(person: Who, context: Context) -> None:
    t = person.texts
    text = t._(
        "Would you like to add a short note for the youth specialist? Type it, or skip this."
    )
    await say(
        context,
        person.chat_id,
        text,
        keyboard([button(t._("Skip"), Action.BOOK_NOTE_SKIP)], _nav(t, Step.TOPIC)),
    )


# -- typed answers ------------------------------------------------------------------------------


async def on_text(update: Update, context: Context, person: Who) -> bool:
    flow = person.flow
    if flow is None or flow.flow != FLOW:
        return False
    t = person.texts
    text = typed(update)
    svc = services(context)
    if flow.step == Step.FIRST_NAME:
        name = first_name(text)
        if name is None:
            await say(
                context, person.chat_id, t._("Just the first name is enough, for example Sam.")
            )
            return True
        data = await _put(person, context, Step.BIRTH_DATE, first_name=name)
        await _ask_birth_date(person, context, data)
        return True
    if flow.step == Step.BIRTH_DATE:
        today = svc.clock.now().astimezone(PRACTICE_TZ).date()
        born = parse_birth_date(text, today)
        if born is None:
            await say(
                context,
                person.chat_id,
                t._("Sorry, I did not get that date. Type it like 14-03-2012."),
                keyboard(_nav(t, Step.FIRST_NAME)),
            )
            return True
        if (
            flow.data.get("for_whom") == ForWhom.CHILD.value
            and age_on(born, today) >= PARENT_BOOKS_UNDER
        ):
            await svc.storage.flows.clear(person.user_id)
            practice = await _practice(person, context)
            await send_main_menu(person, context, intro=_youngster_decides(t, context, practice))
            return True
        await _put(person, context, Step.TOPIC, birth_date=born.isoformat())
        await _ask_topic(person, context)
        return True
    if flow.step == Step.NOTE:
        data = await _put(person, context, Step.NOTE, note=cap(text, MAX_NOTE))
        await _ask_place_or_days(person, context, data)
        return True
    if flow.step == Step.PHONE:
        phone = parse_dutch_phone(text.strip())
        if phone is None:
            await say(
                context,
                person.chat_id,
                t._(
                    "Sorry, I cannot use that number. Type a Dutch phone number, for example "
                    "06 12345678."
                ),
                keyboard(_nav(t, _before_phone(flow.data))),
            )
            return True
        data = await _put(person, context, Step.PHONE, phone=phone)
        await _after_place(person, context, data)
        return True
    await say(context, person.chat_id, t._("Tap one of the buttons above. Or type /stop to stop."))
    return True


async def on_topic(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.TOPIC):
        return
    if cb.arg() not in TOPICS:
        await _gone(person, context)
        return
    await drop_buttons(update.effective_message)
    await _put(person, context, Step.NOTE, topic=cb.arg())
    await _ask_note(person, context)


async def on_note_skip(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.NOTE):
        return
    await drop_buttons(update.effective_message)
    data = await _put(person, context, Step.NOTE, note=None)
    await _ask_place_or_days(person, context, data)


# -- place: at the practice, by phone or by video ------------------------------------------------


async def _ask_place_or_days(person: Who, context: Context, data: dict) -> None:
    """Where the talk happens, only when the practice offers a choice; then the phone number
    for a talk by phone; then the days (or, for a waitlist offer, the summary)."""
    kind, _ = await _talk(person, context, data)
    talk = await _talk_type(context, _practice_id(person, data), kind)
    if talk.asks_mode:
        data = await _put(person, context, Step.MODE, mode_asked=True)
        await _ask_mode(person, context, data, kind, talk)
        return
    data = await _put(person, context, Step.MODE, mode_asked=False)
    await _place_chosen(person, context, talk.modes[0])


async def _ask_mode(person: Who, context: Context, data: dict, kind: Kind, talk: TalkType) -> None:
    t = person.texts
    text = t._("A {kind} of {minutes} minutes. How would you like to talk?").format(
        kind=t._(KIND_LABELS[kind]), minutes=talk.minutes
    )
    choices = [button(t._(MODE_LABELS[m]), Action.BOOK_MODE, m.value) for m in talk.modes]
    back = None if data.get("offer_of") is not None else Step.NOTE
    await say(context, person.chat_id, text, keyboard(choices, _nav(t, back)))


async def on_mode(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.MODE):
        return
    assert person.flow is not None
    data = person.flow.data
    kind, _ = await _talk(person, context, data)
    talk = await _talk_type(context, _practice_id(person, data), kind)
    chosen = next((m for m in talk.modes if m.value == cb.arg()), None)
    await drop_buttons(update.effective_message)
    if chosen is None:
        await say(
            context,
            person.chat_id,
            person.texts._("Sorry, that is not possible at this practice. Choose one below."),
        )
        await _ask_mode(person, context, data, kind, talk)
        return
    await _place_chosen(person, context, chosen)


async def _place_chosen(person: Who, context: Context, mode: Mode) -> None:
    if mode is Mode.PHONE:
        data = await _put(person, context, Step.PHONE, mode=mode.value)
        await _ask_phone(person, context, data)
        return
    data = await _put(person, context, Step.MODE, mode=mode.value, phone=None)
    await _after_place(person, context, data)


def _before_phone(data: dict) -> str | None:
    if data.get("mode_asked"):
        return Step.MODE
    return None if data.get("offer_of") is not None else Step.NOTE


async def _ask_phone(person: Who, context: Context, data: dict) -> None:
    t = person.texts
    text = t._("On which phone number can the youth specialist call you? For example 06 12345678.")
    await say(context, person.chat_id, text, keyboard(_nav(t, _before_phone(data))))


async def _after_place(person: Who, context: Context, data: dict) -> None:
    if data.get("offer_of") is not None:
        # A time offered from the waitlist: it is known already, so on to the summary.
        data = await _put(person, context, Step.CONFIRM)
        await show_summary(person, context, data)
        return
    await _put(person, context, Step.DAY)
    await show_days(person, context, week=0)


def _before_days(data: dict) -> str | None:
    """Terug from the days goes to the last question asked; a move asks none."""
    if data.get("move_of"):
        return None
    if data.get("mode") == Mode.PHONE:
        return Step.PHONE
    return Step.MODE if data.get("mode_asked") else Step.NOTE


# -- day and time ---------------------------------------------------------------------------------


async def _talk(person: Who, context: Context, data: dict) -> tuple[Kind, int | None]:
    """The kind of talk (a first talk unless this person had one before) and the specialist
    of earlier talks, who is offered first."""
    svc = services(context)
    now = svc.clock.now()
    earlier = await svc.storage.appointments.for_person(
        person.user_id, str(data["first_name"]), date.fromisoformat(str(data["birth_date"]))
    )
    kind = kind_of_talk((a.starts_at for a in earlier), now)
    if data.get("kind") in {k.value for k in Kind}:
        kind = Kind(data["kind"])  # moving keeps the kind of talk it was
    return kind, earlier[-1].specialist_id if earlier else None


async def _kind_and_offers(person: Who, context: Context, data: dict) -> tuple[Kind, list[Offer]]:
    svc = services(context)
    kind, prefer = await _talk(person, context, data)
    practice_id = _practice_id(person, data)
    talk = await _talk_type(context, practice_id, kind)
    found = await offers(
        svc.storage, practice_id, talk.length, svc.clock.now(), prefer_specialist=prefer
    )
    return kind, found


async def show_days(person: Who, context: Context, week: int, intro: str | None = None) -> None:
    t = person.texts
    flow = await services(context).storage.flows.get(person.user_id)
    if flow is None or flow.flow != FLOW:
        await _gone(person, context)
        return
    kind, found = await _kind_and_offers(person, context, flow.data)
    now = services(context).clock.now()
    today = now.astimezone(PRACTICE_TZ).date()
    first_day = today + timedelta(days=DAYS_PER_PAGE * week)
    last_day = first_day + timedelta(days=DAYS_PER_PAGE - 1)
    days = sorted({o.start.astimezone(PRACTICE_TZ).date() for o in found})
    if not days:
        practice = await services(context).storage.practices.by_id(_practice_id(person, flow.data))
        phone = escape(practice.phone) if practice else ""
        text = t._(
            "Sorry, there is no free time in the coming weeks. Join the waitlist, or call the "
            "practice: {phone}."
        ).format(phone=phone)
        await say(
            context,
            person.chat_id,
            text,
            keyboard(
                [button(t._("Join the waitlist"), Action.WAITLIST_JOIN)],
                _nav(t, _before_days(flow.data)),
            ),
        )
        return
    shown = [d for d in days if first_day <= d <= last_day]
    day_buttons = [
        button(
            t.date(datetime(d.year, d.month, d.day, 12, tzinfo=PRACTICE_TZ), "EEE d MMM"),
            Action.BOOK_DAY,
            d.strftime("%Y%m%d"),
        )
        for d in shown
    ]
    rows = [day_buttons[i : i + 3] for i in range(0, len(day_buttons), 3)]
    paging = []
    if week > 0:
        paging.append(button(t._("Earlier"), Action.BOOK_WEEK, week - 1))
    if days[-1] > last_day:
        paging.append(button(t._("Later"), Action.BOOK_WEEK, week + 1))
    if paging:
        rows.append(paging)
    if not flow.data.get("move_of"):
        rows.append([button(t._("No time fits: waitlist"), Action.WAITLIST_JOIN)])
    rows.append(_nav(t, _before_days(flow.data)))
    talk = await _talk_type(context, _practice_id(person, flow.data), kind)
    text = t._("A {kind} of {minutes} minutes. Which day suits you?").format(
        kind=t._(KIND_LABELS[kind]), minutes=talk.minutes
    )
    if not shown:
        text = t._("No free time in this week. Tap Later or Earlier.")
    if intro:
        text = f"{intro}\n\n{text}"
    await _put(person, context, Step.DAY, week=week)
    await say(context, person.chat_id, text, keyboard(*rows))


async def on_week(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.DAY):
        return
    value = cb.arg()
    if not is_number(value) or int(value) > 10:
        await _gone(person, context)
        return
    await drop_buttons(update.effective_message)
    await show_days(person, context, week=int(value))


async def on_day(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.DAY):
        return
    try:
        day = datetime.strptime(cb.arg(), "%Y%m%d").date()
    except ValueError:
        await _gone(person, context)
        return
    await drop_buttons(update.effective_message)
    await _put(person, context, Step.TIME, day=day.isoformat())
    await show_times(person, context, day)


async def show_times(person: Who, context: Context, day: date, intro: str | None = None) -> None:
    t = person.texts
    flow = await services(context).storage.flows.get(person.user_id)
    assert flow is not None
    _, found = await _kind_and_offers(person, context, flow.data)
    starts = [o.start for o in found if o.start.astimezone(PRACTICE_TZ).date() == day]
    if not starts:
        await _put(person, context, Step.DAY)
        await show_days(
            person,
            context,
            week=int(flow.data.get("week", 0)),
            intro=t._("That day is full now. Please choose another day."),
        )
        return
    step = max(1, len(starts) // TIMES_SHOWN + (len(starts) % TIMES_SHOWN > 0))
    picks = starts[::step][:TIMES_SHOWN]
    time_buttons = [button(t.time(s), Action.BOOK_TIME, to_epoch(s)) for s in picks]
    rows = [time_buttons[i : i + 4] for i in range(0, len(time_buttons), 4)]
    rows.append(_nav(t, Step.DAY))
    text = t._("Which time on {day}?").format(day=t.date(starts[0], "EEEE d MMMM"))
    if intro:
        text = f"{intro}\n\n{text}"
    await say(context, person.chat_id, text, keyboard(*rows))


async def on_time(update: Update, context: Context, person: Who, cb: Callback) -> None:
    if not await _expects(update, context, person, Step.TIME):
        return
    value = cb.arg()
    if not is_number(value):
        await _gone(person, context)
        return
    assert person.flow is not None
    _, found = await _kind_and_offers(person, context, person.flow.data)
    if int(value) not in {to_epoch(o.start) for o in found}:
        # Taken since the times were shown, or never offered (an old or forged button).
        await _put(person, context, Step.DAY)
        await show_days(
            person,
            context,
            week=int(person.flow.data.get("week", 0)),
            intro=person.texts._("That time is no longer free. Please choose again."),
        )
        return
    await drop_buttons(update.effective_message)
    data = await _put(person, context, Step.CONFIRM, start=int(value))
    await show_summary(person, context, data)


async def show_summary(person: Who, context: Context, data: dict) -> None:
    t = person.texts
    kind, _ = await _talk(person, context, data)
    practice_id = _practice_id(person, data)
    practice = await services(context).storage.practices.by_id(practice_id)
    talk = await _talk_type(context, practice_id, kind)
    start = from_epoch(int(data["start"]))
    lines = [
        t._("<b>Check your appointment</b>"),
        t._("{kind} ({minutes} minutes)").format(
            kind=t._(KIND_LABELS[kind]).capitalize(), minutes=talk.minutes
        ),
        _when(t, start),
        _where(t, str(data.get("mode") or Mode.PRACTICE), practice, data.get("phone")),
        t._("For: {name}, born {born}").format(
            name=escape(str(data["first_name"])),
            born=t.date(
                datetime.fromisoformat(str(data["birth_date"])).replace(tzinfo=PRACTICE_TZ)
            ),
        ),
        t._("About: {topic}").format(topic=t._(TOPICS[str(data["topic"])])),
    ]
    if data.get("note"):
        lines.append(t._("Note: {note}").format(note=escape(str(data["note"]))))
    await say(
        context,
        person.chat_id,
        "\n".join(lines),
        keyboard([button(t._("Confirm"), Action.BOOK_CONFIRM)], _nav(t, _before_summary(data))),
    )


def _before_summary(data: dict) -> str | None:
    if data.get("offer_of") is None:
        return Step.TIME
    if data.get("mode") == Mode.PHONE:
        return Step.PHONE
    return Step.MODE if data.get("mode_asked") else None


def _where(
    t: Texts, mode: str, practice: Practice | None, phone: object, *, html: bool = True
) -> str:
    """How the person meets the specialist: an address, a call to their number, or a link.
    HTML-escaped for a message; `html=False` for the plain text of a calendar file."""
    esc = escape if html else str
    name = esc(practice.name if practice else "")
    if mode == Mode.PHONE:
        return t._("By phone: the youth specialist calls you on {phone}.").format(
            phone=esc(show_phone(str(phone or "")))
        )
    if mode == Mode.VIDEO:
        return t._("By video: {practice} sends you a link for the video call.").format(
            practice=name
        )
    if practice is None or not practice.address:
        return t._("At {practice}.").format(practice=name)
    return t._("At {practice}, {address}.").format(practice=name, address=esc(practice.address))


async def on_confirm(update: Update, context: Context, person: Who, cb: Callback) -> None:
    flow = person.flow
    t = person.texts
    if flow is None or flow.flow != FLOW or flow.step != Step.CONFIRM or person.profile is None:
        await send_main_menu(
            person, context, intro=t._("That is already done. See My appointments.")
        )
        return
    data = flow.data
    svc = services(context)
    now = svc.clock.now()
    kind, prefer = await _talk(person, context, data)
    practice_id = _practice_id(person, data)
    mode = Mode(data["mode"]) if data.get("mode") in set(Mode) else Mode.PRACTICE
    details = NewAppointment(
        telegram_user_id=person.user_id,
        practice_id=practice_id,
        specialist_id=0,
        kind=kind,
        starts_at=from_epoch(int(data["start"])),
        ends_at=from_epoch(int(data["start"])),
        buffer=timedelta(0),
        for_whom=ForWhom(data["for_whom"]),
        first_name=str(data["first_name"]),
        birth_date=date.fromisoformat(str(data["birth_date"])),
        topic=str(data["topic"]),
        note=data.get("note"),
        mode=mode.value,
        phone=str(data["phone"]) if mode is Mode.PHONE and data.get("phone") else None,
    )
    if data.get("move_of") is not None:
        await _confirm_move(update, context, person, int(data["move_of"]), details.starts_at)
        return
    talk = await _talk_type(context, practice_id, kind)
    if mode not in talk.modes or (mode is Mode.PHONE and details.phone is None):
        # An old or forged Terug skipped the place question: ask it again, book nothing.
        await drop_buttons(update.effective_message)
        data = await _put(person, context, Step.MODE, mode=None, phone=None)
        await _ask_place_or_days(person, context, data)
        return
    if data.get("offer_of") is not None:
        await _confirm_offer(update, context, person, int(data["offer_of"]), details)
        return
    try:
        appointment = await book(
            svc.storage, details, now, length=talk.length, prefer_specialist=prefer
        )
    except (SlotTaken, SlotNotOffered):
        await drop_buttons(update.effective_message)
        await _put(person, context, Step.DAY)
        await show_days(
            person,
            context,
            week=0,
            intro=t._("Sorry, that time was just taken. Please choose another time."),
        )
        return
    except TooManyAppointments:
        await svc.storage.flows.clear(person.user_id)
        await send_main_menu(
            person,
            context,
            intro=t._(
                "You already have 2 upcoming appointments. Cancel one first, or call the practice."
            ),
        )
        return
    except IntakeAlreadyOpen:
        await svc.storage.flows.clear(person.user_id)
        await send_main_menu(
            person,
            context,
            intro=t._(
                "There is already a first talk planned for {name}. See My appointments."
            ).format(name=escape(details.first_name)),
        )
        return
    await drop_buttons(update.effective_message)
    await svc.storage.flows.clear(person.user_id)
    log.info("appointment %d booked", appointment.id)
    await _send_confirmation(person, context, appointment)
    await tell_specialists(context, appointment, NEW_APPOINTMENT)


async def _confirm_move(
    update: Update, context: Context, person: Who, appointment_id: int, start: datetime
) -> None:
    t = person.texts
    svc = services(context)
    old = await svc.storage.appointments.get(appointment_id)
    if old is None or old.telegram_user_id != person.user_id or old.status != "booked":
        await svc.storage.flows.clear(person.user_id)
        await _gone(person, context)
        return
    talk = await _talk_type(context, old.practice_id, old.kind)
    try:
        moved = await move(svc.storage, old, start, svc.clock.now(), length=talk.length)
    except (SlotTaken, SlotNotOffered):
        await drop_buttons(update.effective_message)
        await _put(person, context, Step.DAY)
        await show_days(
            person,
            context,
            week=0,
            intro=t._("Sorry, that time was just taken. Your appointment stays as it was."),
        )
        return
    await drop_buttons(update.effective_message)
    await svc.storage.flows.clear(person.user_id)
    log.info("appointment %d moved", moved.id)
    await say(
        context,
        person.chat_id,
        t._("Your appointment is moved to {when}.").format(when=_when(t, moved.starts_at)),
    )
    await _send_calendar(person, context, moved, cancelled=False)
    await send_main_menu(person, context)
    await tell_specialists(context, moved, MOVED_APPOINTMENT, before=old.starts_at)
    await offer_freed_time(context, moved.practice_id)


async def _own_booked_appointment(
    person: Who, context: Context, cb: Callback
) -> Appointment | None:
    """The appointment a button names, if it is this person's and still booked."""
    value = cb.arg()
    storage = services(context).storage
    appointment = await storage.appointments.get(int(value)) if is_number(value) else None
    if appointment is None or appointment.telegram_user_id != person.user_id:
        return None
    return appointment if appointment.status == "booked" else None


async def on_move(update: Update, context: Context, person: Who, cb: Callback) -> None:
    appointment = await _own_booked_appointment(person, context, cb)
    if appointment is None:
        await _gone(person, context)
        return
    await services(context).storage.flows.clear(person.user_id)
    await _put(
        person,
        context,
        Step.DAY,
        **_answers_of(appointment),
        mode=appointment.mode,
        phone=appointment.phone,
        move_of=appointment.id,
    )
    intro = person.texts._("Choose a new time for {when}.").format(
        when=_when(person.texts, appointment.starts_at)
    )
    await show_days(person, context, week=0, intro=intro)


async def _send_confirmation(person: Who, context: Context, appointment: Appointment) -> None:
    t = person.texts
    svc = services(context)
    practice = await svc.storage.practices.by_id(appointment.practice_id)
    specialists = await svc.storage.specialists.for_practice(appointment.practice_id)
    specialist = next((s for s in specialists if s.id == appointment.specialist_id), None)
    text = "\n\n".join(
        [
            t._("<b>Your appointment is booked.</b>"),
            _when(t, appointment.starts_at),
            _where(t, appointment.mode, practice, appointment.phone),
            t._("You will meet {name}, {title}.").format(
                name=escape(specialist.name if specialist else ""),
                title=escape(specialist.title if specialist else ""),
            ),
            t._(
                "Need to cancel? Go to My appointments in the menu. Cancelling is always "
                "possible; if it is less than a day before, please also call the practice."
            ),
            await _planned_reminders_line(person, context, appointment),
        ]
    )
    await say(context, person.chat_id, text)
    await _send_calendar(person, context, appointment, cancelled=False)
    await send_main_menu(person, context)


async def _planned_reminders_line(person: Who, context: Context, appointment: Appointment) -> str:
    """The reminders this appointment will really get (none if it is too soon for them)."""
    t = person.texts
    svc = services(context)
    policy = await svc.storage.reminders.policy(appointment.practice_id)
    choice = await svc.storage.reminders.choice(person.user_id)
    planned = plan_reminders(appointment.starts_at, svc.clock.now(), policy, choice)
    if not planned:
        return t._("Reminders: {which}").format(which=t._("no reminders"))
    now = svc.clock.now()
    moments = t._(" and ").join(_when_from_now(t, p.due_at, now) for p in planned)
    return t._("Reminders: {which}").format(which=moments)


def _when_from_now(t: Texts, moment: datetime, now: datetime) -> str:
    """'vandaag om 21:00', 'morgen om 09:00', or the day and date further ahead."""
    days = (moment.astimezone(PRACTICE_TZ).date() - now.astimezone(PRACTICE_TZ).date()).days
    if days == 0:
        return t._("today at {time}").format(time=t.time(moment))
    if days == 1:
        return t._("tomorrow at {time}").format(time=t.time(moment))
    return _when(t, moment)


async def _reminders_line(person: Who, context: Context) -> str:
    t = person.texts
    policy = await reminder_handlers.policy_for(person, context)
    choice = await services(context).storage.reminders.choice(person.user_id)
    return t._("Reminders: {which}").format(which=reminder_handlers.describe(t, choice, policy))


async def _send_calendar(
    person: Who, context: Context, appointment: Appointment, *, cancelled: bool
) -> None:
    t = person.texts
    svc = services(context)
    practice = await svc.storage.practices.by_id(appointment.practice_id)
    how = t._("Cancel or move it in the chat with the practice.")
    if appointment.mode == Mode.PRACTICE:
        parts = (practice.name, practice.address) if practice else ()
        location = ", ".join(part for part in parts if part)
    else:
        location = t._(MODE_LABELS[Mode(appointment.mode)])
        how = _where(t, appointment.mode, practice, appointment.phone, html=False) + "\n" + how
    data = appointment_ics(
        uid=appointment.uid,
        sequence=appointment.sequence + (1 if cancelled else 0),
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=t._("Talk with the youth specialist"),
        location=location,
        description=how,
        stamp=svc.clock.now(),
        cancelled=cancelled,
    )
    caption = (
        t._("Add it to your calendar.") if not cancelled else t._("Remove it from your calendar.")
    )
    await context.bot.send_document(person.chat_id, data, filename="afspraak.ics", caption=caption)


NEW_APPOINTMENT = N_("New appointment: {when}, {practice}, {kind}.")
MOVED_APPOINTMENT = N_("Moved: {before} is now {when}, {practice}, {kind}.")
CANCELLED_APPOINTMENT = N_("Cancelled: {when}, {practice}, {kind}.")
LATE_CANCELLED_APPOINTMENT = N_("Late cancellation: {when}, {practice}, {kind}.")
CHANGES = (NEW_APPOINTMENT, MOVED_APPOINTMENT, CANCELLED_APPOINTMENT, LATE_CANCELLED_APPOINTMENT)


async def tell_specialists(
    context: Context, appointment: Appointment, template: str, before: datetime | None = None
) -> int:
    """Time, practice and kind only, as a lock screen shows it; the rest after a tap on Details.
    Returns how many specialists were told, or 1 when the practice has none linked to tell."""
    t = specialist_texts(context)
    practice = await services(context).storage.practices.by_id(appointment.practice_id)
    text = t._(template).format(
        when=_when(t, appointment.starts_at),
        before=_when(t, before) if before else "",
        practice=escape(practice.name if practice else ""),
        kind=t._(KIND_LABELS[appointment.kind]),
    )
    markup = keyboard([button(t._("Details"), Action.APPOINTMENT_DETAILS, appointment.id)])
    told = await notify_specialists(context, appointment.practice_id, text, markup)
    if template in CHANGES:
        reminder_jobs.wake(context.application)  # its reminders are planned anew from the database
    if told == 0 and not await services(context).storage.specialists.linked_for_practice(
        appointment.practice_id
    ):
        return 1  # nobody to tell: a notice must not be retried for ever
    return told


# -- navigation -----------------------------------------------------------------------------------


async def _expects(update: Update, context: Context, person: Who, step: str) -> bool:
    flow = person.flow
    if flow is not None and flow.flow == FLOW and flow.step == step:
        return True
    await _gone(person, context)
    return False


async def _gone(person: Who, context: Context) -> None:
    await send_main_menu(
        person, context, intro=person.texts._("That button no longer works. Here is the menu.")
    )


async def on_back(update: Update, context: Context, person: Who, cb: Callback) -> None:
    flow = person.flow
    target = cb.arg()
    if flow is None or flow.flow != FLOW:
        await _gone(person, context)
        return
    answered = all(flow.data.get(key) for key in ("for_whom", "first_name", "birth_date", "topic"))
    if target in (Step.MODE, Step.PHONE, Step.DAY, Step.TIME) and not answered:
        await _gone(person, context)  # an old or forged Terug to a step not reached yet
        return
    await drop_buttons(update.effective_message)
    if target == Step.PRACTICE and flow.data.get("practice_asked"):
        await _put(person, context, Step.PRACTICE)
        await _ask_practice(person, context, await _places(person, context))
    elif target == Step.FOR_WHOM:
        data = await _put(person, context, Step.FOR_WHOM)
        await _ask_for_whom(person, context, data)
    elif target == Step.FIRST_NAME:
        data = await _put(person, context, Step.FIRST_NAME)
        await _ask_first_name(person, context, data)
    elif target == Step.BIRTH_DATE:
        data = await _put(person, context, Step.BIRTH_DATE)
        await _ask_birth_date(person, context, data)
    elif target == Step.TOPIC:
        await _put(person, context, Step.TOPIC)
        await _ask_topic(person, context)
    elif target == Step.NOTE:
        await _put(person, context, Step.NOTE)
        await _ask_note(person, context)
    elif target == Step.MODE and flow.data.get("mode_asked"):
        data = await _put(person, context, Step.MODE)
        kind, _ = await _talk(person, context, data)
        talk = await _talk_type(context, _practice_id(person, data), kind)
        await _ask_mode(person, context, data, kind, talk)
    elif target == Step.PHONE and flow.data.get("mode") == Mode.PHONE:
        data = await _put(person, context, Step.PHONE)
        await _ask_phone(person, context, data)
    elif target == Step.DAY:
        await show_days(person, context, week=int(flow.data.get("week", 0)))
    elif target == Step.TIME and flow.data.get("day"):
        await _put(person, context, Step.TIME)
        await show_times(person, context, date.fromisoformat(str(flow.data["day"])))
    else:
        await _gone(person, context)


# -- my appointments ------------------------------------------------------------------------------


async def show_appointments(person: Who, context: Context) -> None:
    t = person.texts
    svc = services(context)
    upcoming = await svc.storage.appointments.upcoming_for_user(person.user_id, svc.clock.now())
    waiting = await svc.storage.waitlist.for_user(person.user_id)
    for entry in waiting:
        await say(
            context,
            person.chat_id,
            t._("On the waitlist: {kind} for {name}.").format(
                kind=t._(KIND_LABELS[entry.kind]), name=escape(entry.first_name)
            ),
            keyboard([button(t._("Leave the waitlist"), Action.WAITLIST_LEAVE, entry.id)]),
        )
    if not upcoming:
        if not waiting:
            await send_main_menu(person, context, intro=t._("You have no upcoming appointments."))
        else:
            await send_main_menu(person, context)
        return
    for appointment in upcoming:
        text = t._("{when}: {kind} for {name}.").format(
            when=_when(t, appointment.starts_at),
            kind=t._(KIND_LABELS[appointment.kind]),
            name=escape(appointment.first_name),
        )
        practice = await svc.storage.practices.by_id(appointment.practice_id)
        text += "\n" + _where(t, appointment.mode, practice, appointment.phone)
        # Everything kept with the appointment shows here, so its owner can see it.
        text += "\n" + _born_and_topic(t, appointment)
        if appointment.note:
            text += "\n" + t._("Note: {note}").format(note=escape(appointment.note))
        for delivery in await svc.storage.reminders.for_appointment(appointment):
            if delivery.status == "sent" and delivery.sent_at is not None:
                text += "\n" + t._("Reminder sent {when}.").format(when=_when(t, delivery.sent_at))
            if delivery.answer == "coming":
                text += "\n" + t._("You said you are coming.")
        await say(
            context,
            person.chat_id,
            text,
            keyboard(
                [
                    button(t._("Move"), Action.APPOINTMENT_MOVE, appointment.id),
                    button(t._("Cancel"), Action.APPOINTMENT_CANCEL, appointment.id),
                    button(t._("Earlier?"), Action.WAITLIST_EARLIER, appointment.id),
                ]
            ),
        )
    await say(
        context,
        person.chat_id,
        await _reminders_line(person, context),
        keyboard([button(t._("Reminders"), Action.REMINDER_CHOICE)]),
    )
    await send_main_menu(person, context)


def _born_and_topic(t: Texts, appointment: Appointment) -> str:
    born = t.date(datetime.combine(appointment.birth_date, datetime.min.time(), PRACTICE_TZ))
    topic = t._(TOPICS.get(appointment.topic, TOPICS["other"]))
    return t._("Born {born}. About: {topic}").format(born=born, topic=topic)


async def on_cancel(update: Update, context: Context, person: Who, cb: Callback) -> None:
    t = person.texts
    svc = services(context)
    value = cb.arg()
    appointment = await svc.storage.appointments.get(int(value)) if is_number(value) else None
    if appointment is None or appointment.telegram_user_id != person.user_id:
        await _gone(person, context)
        return
    if appointment.status != "booked":
        await send_main_menu(person, context, intro=t._("That appointment is already cancelled."))
        return
    now = svc.clock.now()
    if cb.args[1:2] != ("yes",):
        await say(
            context,
            person.chat_id,
            t._("Cancel the appointment on {when}?").format(when=_when(t, appointment.starts_at)),
            keyboard(
                [
                    button(t._("Yes, cancel"), Action.APPOINTMENT_CANCEL, appointment.id, "yes"),
                    button(t._("No, do not cancel"), Action.MENU, MenuItem.HOME),
                ]
            ),
        )
        return
    late = is_late_cancellation(appointment.starts_at, now)
    cancelled = await svc.storage.appointments.cancel(appointment.id, now, late=late)
    await drop_buttons(update.effective_message)
    if cancelled is None:
        await send_main_menu(person, context, intro=t._("That appointment is already cancelled."))
        return
    intro = t._("Your appointment is cancelled.")
    if late:
        intro += " " + t._(
            "It was less than a day before the talk. Next time, please also call the practice."
        )
    await say(context, person.chat_id, intro)
    await _send_calendar(person, context, cancelled, cancelled=True)
    await send_main_menu(person, context)
    await notify_cancelled(context, cancelled, late=late)
    await offer_freed_time(context, cancelled.practice_id)


async def notify_cancelled(context: Context, appointment: Appointment, *, late: bool) -> None:
    template = LATE_CANCELLED_APPOINTMENT if late else CANCELLED_APPOINTMENT
    await tell_specialists(context, appointment, template)


async def on_details(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """The specialist's tap on Details: name, date of birth, topic and note, only for their own."""
    svc = services(context)
    t = specialist_texts(context)
    specialist = await svc.storage.specialists.by_telegram_user(person.user_id)
    value = cb.arg()
    appointment = await svc.storage.appointments.get(int(value)) if is_number(value) else None
    if (
        specialist is None
        or appointment is None
        or appointment.practice_id not in specialist.practice_ids
    ):
        await say(context, person.chat_id, t._("That appointment is not there any more."))
        return
    lines = [
        f"<b>{_when(t, appointment.starts_at)}</b> – {t._(KIND_LABELS[appointment.kind])}",
        t._("For: {name}, born {born}").format(
            name=escape(appointment.first_name),
            born=t.date(datetime.combine(appointment.birth_date, datetime.min.time(), PRACTICE_TZ)),
        ),
        t._("About: {topic}").format(topic=t._(TOPICS.get(appointment.topic, TOPICS["other"]))),
        await _where_for_specialist(t, context, appointment),
    ]
    if appointment.note:
        lines.append(t._("Note: {note}").format(note=escape(appointment.note)))
    if appointment.status != "booked":
        lines.append(t._("Cancelled."))
    else:
        deliveries = await svc.storage.reminders.for_appointment(appointment)
        lines.extend(reminder_handlers.status_lines(t, deliveries))
    await say(context, person.chat_id, "\n".join(lines))


async def _where_for_specialist(t: Texts, context: Context, appointment: Appointment) -> str:
    practice = await services(context).storage.practices.by_id(appointment.practice_id)
    name = escape(practice.name if practice else "")
    if appointment.mode == Mode.PHONE:
        return t._("By phone: call {phone}.").format(
            phone=escape(show_phone(appointment.phone or ""))
        )
    if appointment.mode == Mode.VIDEO:
        return t._("By video: {practice} sends the link.").format(practice=name)
    return t._("At {practice}.").format(practice=name)


# -- the waitlist ---------------------------------------------------------------------------------

OFFER_VALID_FOR = timedelta(hours=2)


async def on_waitlist_join(update: Update, context: Context, person: Who, cb: Callback) -> None:
    flow = person.flow
    t = person.texts
    if flow is None or flow.flow != FLOW or flow.step != Step.DAY or person.profile is None:
        await _gone(person, context)
        return
    svc = services(context)
    kind, _ = await _talk(person, context, flow.data)
    entry = await svc.storage.waitlist.join(
        person.user_id,
        _practice_id(person, flow.data),
        kind,
        ForWhom(flow.data["for_whom"]),
        str(flow.data["first_name"]),
        date.fromisoformat(str(flow.data["birth_date"])),
        str(flow.data["topic"]),
        flow.data.get("note"),
        svc.clock.now(),
        mode=flow.data.get("mode"),
        phone=flow.data.get("phone"),
    )
    await drop_buttons(update.effective_message)
    await svc.storage.flows.clear(person.user_id)
    await say(
        context,
        person.chat_id,
        t._(
            "You are on the waitlist. When a time comes free, you get a message here and can "
            "take it with one tap."
        ),
        keyboard([button(t._("Leave the waitlist"), Action.WAITLIST_LEAVE, entry.id)]),
    )
    await send_main_menu(person, context)


async def on_waitlist_earlier(update: Update, context: Context, person: Who, cb: Callback) -> None:
    """Eerder dan mijn afspraak: wait for an earlier time and take it with one tap."""
    svc = services(context)
    appointment = await _own_booked_appointment(person, context, cb)
    if appointment is None:
        await _gone(person, context)
        return
    entry = await svc.storage.waitlist.join(
        person.user_id,
        appointment.practice_id,
        appointment.kind,
        appointment.for_whom,
        appointment.first_name,
        appointment.birth_date,
        appointment.topic,
        appointment.note,
        svc.clock.now(),
        earlier_than=appointment.id,
    )
    t = person.texts
    await say(
        context,
        person.chat_id,
        t._(
            "You are on the waitlist for a time before {when}. If one comes free, you can take "
            "it with one tap; your appointment then moves."
        ).format(when=_when(t, appointment.starts_at)),
        keyboard([button(t._("Leave the waitlist"), Action.WAITLIST_LEAVE, entry.id)]),
    )
    await send_main_menu(person, context)


async def offer_freed_time(context: Context, practice_id: int) -> bool:
    """Offer the earliest free time to the first person waiting; one open offer at a time."""
    svc = services(context)
    now = svc.clock.now()
    if await svc.storage.waitlist.has_open_offer(practice_id, now):
        return False
    for entry in await svc.storage.waitlist.waiting(practice_id):
        talk = await _talk_type(context, practice_id, entry.kind)
        found = await offers(svc.storage, practice_id, talk.length, now)
        before = None
        if entry.earlier_than is not None:
            current = await svc.storage.appointments.get(entry.earlier_than)
            if current is None or current.status != "booked":
                await svc.storage.waitlist.close(entry.id, "left")
                continue
            before = current.starts_at
        start = next(
            (
                o.start
                for o in found
                if o.start != entry.declined_start and (before is None or o.start < before)
            ),
            None,
        )
        if start is None:
            continue
        expires = min(now + OFFER_VALID_FOR, start - DEFAULT_NOTICE)
        if expires <= now or not await svc.storage.waitlist.offer(entry.id, start, expires):
            continue
        asker = await svc.storage.users.get(entry.telegram_user_id)
        if asker is None:
            continue
        t = svc.catalogs[asker.language]
        text = t._("A time has come free: {when}. Do you want it? Tap before {until}.").format(
            when=_when(t, start), until=t.time(expires)
        )
        markup = keyboard(
            [
                button(t._("Yes, please"), Action.WAITLIST_YES, entry.id),
                button(t._("No, thank you"), Action.WAITLIST_NO, entry.id),
            ],
            [button(t._("Leave the waitlist"), Action.WAITLIST_LEAVE, entry.id)],
        )
        try:
            await context.bot.send_message(entry.telegram_user_id, text, reply_markup=markup)
        except TelegramError as exc:
            log.warning("waitlist offer %d not delivered (%s)", entry.id, type(exc).__name__)
            await svc.storage.waitlist.close(entry.id, "left")
            continue
        return True
    return False


async def _own_entry(person: Who, context: Context, cb: Callback) -> WaitlistEntry | None:
    value = cb.arg()
    entry = await services(context).storage.waitlist.get(int(value)) if is_number(value) else None
    return entry if entry is not None and entry.telegram_user_id == person.user_id else None


def _offer_open(entry: WaitlistEntry | None, now: datetime) -> bool:
    return (
        entry is not None
        and entry.status == "offered"
        and entry.offer_start is not None
        and entry.offer_expires_at is not None
        and entry.offer_expires_at > now
    )


async def on_waitlist_yes(update: Update, context: Context, person: Who, cb: Callback) -> None:
    svc = services(context)
    entry = await _own_entry(person, context, cb)
    await drop_buttons(update.effective_message)
    if entry is None or entry.offer_start is None or not _offer_open(entry, svc.clock.now()):
        await send_main_menu(
            person, context, intro=person.texts._("Sorry, this offer is no longer valid.")
        )
        return
    talk = await _talk_type(context, entry.practice_id, entry.kind)
    kept = Mode(entry.mode) if entry.mode in {m.value for m in talk.modes} else None
    if kept is not None and (kept is not Mode.PHONE or entry.phone):
        # The place (and number) chosen before joining still fit: one tap books it.
        await _take_offer(person, context, entry, talk, kept, entry.phone)
        return
    place_changed = entry.mode is not None  # kept is None here: the place is no longer offered
    if entry.earlier_than is None and (
        talk.asks_mode or talk.modes[0] is Mode.PHONE or place_changed
    ):
        # No place kept, or it is no longer offered: ask it now, then the summary of this time.
        await svc.storage.flows.clear(person.user_id)
        data = await _put(
            person,
            context,
            Step.MODE,
            **_answers_of(entry),
            start=to_epoch(entry.offer_start),
            offer_of=entry.id,
        )
        await _ask_place_or_days(person, context, data)
        return
    await _take_offer(person, context, entry, talk, talk.modes[0], None)


async def _confirm_offer(
    update: Update, context: Context, person: Who, entry_id: int, details: NewAppointment
) -> None:
    """Confirm on the summary of a waitlist offer, once the place (and number) are known."""
    svc = services(context)
    entry = await svc.storage.waitlist.get(entry_id)
    await drop_buttons(update.effective_message)
    await svc.storage.flows.clear(person.user_id)
    if (
        entry is None
        or entry.telegram_user_id != person.user_id
        or entry.offer_start != details.starts_at
        or not _offer_open(entry, svc.clock.now())
    ):
        await send_main_menu(
            person, context, intro=person.texts._("Sorry, this offer is no longer valid.")
        )
        return
    talk = await _talk_type(context, entry.practice_id, entry.kind)
    await _take_offer(person, context, entry, talk, Mode(details.mode), details.phone)


async def _take_offer(
    person: Who,
    context: Context,
    entry: WaitlistEntry,
    talk: TalkType,
    mode: Mode,
    phone: str | None,
) -> None:
    t = person.texts
    svc = services(context)
    now = svc.clock.now()
    assert entry.offer_start is not None
    details = NewAppointment(
        telegram_user_id=person.user_id,
        practice_id=entry.practice_id,
        specialist_id=0,
        kind=entry.kind,
        starts_at=entry.offer_start,
        ends_at=entry.offer_start,
        buffer=timedelta(0),
        for_whom=entry.for_whom,
        first_name=entry.first_name,
        birth_date=entry.birth_date,
        topic=entry.topic,
        note=entry.note,
        mode=mode.value,
        phone=phone if mode is Mode.PHONE else None,
    )
    before: datetime | None = None
    try:
        if entry.earlier_than is not None:
            current = await svc.storage.appointments.get(entry.earlier_than)
            if current is None or current.status != "booked":
                raise SlotNotOffered
            before = current.starts_at
            appointment = await move(
                svc.storage, current, entry.offer_start, now, length=talk.length
            )
        else:
            appointment = await book(svc.storage, details, now, length=talk.length)
    except (SlotTaken, SlotNotOffered, TooManyAppointments, IntakeAlreadyOpen):
        await svc.storage.waitlist.back_to_waiting(entry.id, svc.clock.now())
        await send_main_menu(
            person, context, intro=t._("Sorry, that time is gone. You stay on the waitlist.")
        )
        await offer_freed_time(context, entry.practice_id)
        return
    await svc.storage.waitlist.close(entry.id, "booked")
    if before is None:
        await _send_confirmation(person, context, appointment)
        await tell_specialists(context, appointment, NEW_APPOINTMENT)
        return
    # Eerder: the appointment moved, and the time it had is free for the next person.
    await say(
        context,
        person.chat_id,
        t._("Your appointment is moved to {when}.").format(when=_when(t, appointment.starts_at)),
    )
    await _send_calendar(person, context, appointment, cancelled=False)
    await send_main_menu(person, context)
    await tell_specialists(context, appointment, MOVED_APPOINTMENT, before=before)
    await offer_freed_time(context, appointment.practice_id)


async def on_waitlist_no(update: Update, context: Context, person: Who, cb: Callback) -> None:
    entry = await _own_entry(person, context, cb)
    await drop_buttons(update.effective_message)
    if entry is not None and await services(context).storage.waitlist.back_to_waiting(
        entry.id, services(context).clock.now()
    ):
        await send_main_menu(
            person, context, intro=person.texts._("Okay. You stay on the waitlist.")
        )
        await offer_freed_time(context, entry.practice_id)
        return
    await send_main_menu(person, context)


async def release_offer(context: Context, entry_id: int) -> None:
    """Stopped while taking an offered time: the place stays, the time goes to the next person."""
    svc = services(context)
    entry = await svc.storage.waitlist.get(entry_id)
    if entry is not None and await svc.storage.waitlist.back_to_waiting(entry.id, svc.clock.now()):
        await offer_freed_time(context, entry.practice_id)


async def on_waitlist_leave(update: Update, context: Context, person: Who, cb: Callback) -> None:
    entry = await _own_entry(person, context, cb)
    await drop_buttons(update.effective_message)
    if entry is not None and await services(context).storage.waitlist.close(entry.id, "left"):
        await send_main_menu(person, context, intro=person.texts._("You are off the waitlist."))
        if entry.status == "offered":
            await offer_freed_time(context, entry.practice_id)
        return
    await send_main_menu(person, context, intro=person.texts._("You are not on the waitlist."))


async def expire_offers(context: Context) -> int:
    """Expired offers go to the next person; the database says which, the job only looks."""
    svc = services(context)
    expired = await svc.storage.waitlist.expired_offers(svc.clock.now())
    for entry in expired:
        if await svc.storage.waitlist.back_to_waiting(entry.id, svc.clock.now()):
            await offer_freed_time(context, entry.practice_id)
    return len(expired)
