"""A tiny real PTB Application, driven through the harness the way a user would use it."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.harness import FakeTelegram, HandlerError
from bot.fakeapi.request import FakeRequest

TOKEN = "123456:TEST-token"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    name = " ".join(context.args or []) or "daar"
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Verder", callback_data="next")],
            [InlineKeyboardButton("113", url="https://www.113.nl")],
        ]
    )
    await update.effective_message.reply_text(
        f"<b>Hoi</b> {name} &amp; welkom", parse_mode=ParseMode.HTML, reply_markup=markup
    )


async def _tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    if query.data == "forget":
        return
    await query.answer()
    message = query.message
    if query.data == "next" and message is not None and message.is_accessible:
        assert isinstance(message.text_html, str)
        await query.edit_message_text(f"{message.text_html} ✓", parse_mode=ParseMode.HTML)
    elif update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, f"Oude knop: {query.data}")


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and update.effective_chat is not None
    kind = "bewerkt" if update.edited_message else "nieuw"
    what = message.text or message.caption or "geen tekst"
    minutes = int((NOW - message.date).total_seconds() // 60)
    await context.bot.send_message(update.effective_chat.id, f"{kind}: {what} ({minutes} min)")


async def _notify_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(2, "Er is een nieuwe vraag")
    assert update.effective_message is not None
    await update.effective_message.reply_text("Doorgestuurd")


@pytest.fixture
async def api() -> FakeBotApi:
    return FakeBotApi(token=TOKEN, clock=lambda: NOW)


@pytest.fixture
async def application(api: FakeBotApi) -> AsyncIterator[Application]:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url("http://fake.invalid/bot")
        .request(FakeRequest(api))
        .get_updates_request(FakeRequest(api))
        .build()
    )
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CommandHandler("doorsturen", _notify_other))
    app.add_handler(CallbackQueryHandler(_tap))
    app.add_handler(MessageHandler(filters.ALL & ~filters.COMMAND, _echo))
    await app.initialize()
    try:
        yield app
    finally:
        await app.shutdown()


@pytest.fixture
def telegram(api: FakeBotApi, application: Application) -> FakeTelegram:
    return FakeTelegram(api, application)


async def test_a_command_reply_shows_plain_text_and_keeps_the_html(telegram: FakeTelegram) -> None:
    (reply,) = await telegram.user(1).send("/start")
    assert reply.text == "Hoi daar & welkom"
    assert reply.html == "<b>Hoi</b> daar &amp; welkom"
    assert reply.labels == ["Verder", "113"]
    assert reply.button("113").url == "https://www.113.nl"


async def test_a_command_arrives_with_its_bot_command_entity_and_arguments(
    telegram: FakeTelegram,
) -> None:
    (reply,) = await telegram.user(1).send("/start Kim")
    assert reply.text == "Hoi Kim & welkom"


async def test_a_tap_is_answered_and_edits_the_message_with_its_formatting(
    telegram: FakeTelegram, api: FakeBotApi
) -> None:
    user = telegram.user(1)
    await user.send("/start")
    (edited,) = await user.tap("Verder")
    assert edited.html == "<b>Hoi</b> daar &amp; welkom ✓"
    assert (edited.edited, edited.buttons) == (True, ())
    assert api.pending_callback_queries == set()


async def test_a_tap_the_bot_does_not_answer_fails_the_step(telegram: FakeTelegram) -> None:
    user = telegram.user(1)
    await user.send("/start")
    with pytest.raises(AssertionError, match=r"did not answer the callback query for 'forget'"):
        await user.tap_data("forget")


async def test_a_tap_not_answered_in_time_can_not_be_answered_later(
    telegram: FakeTelegram, api: FakeBotApi
) -> None:
    user = telegram.user(1)
    await user.send("/start")
    with pytest.raises(AssertionError):
        await user.tap_data("forget")
    assert api.pending_callback_queries == set()


async def test_a_link_button_can_not_be_tapped_as_data(telegram: FakeTelegram) -> None:
    user = telegram.user(1)
    await user.send("/start")
    with pytest.raises(LookupError, match=r"113"):
        await user.tap("113")


async def test_a_tap_on_a_deleted_message_arrives_as_inaccessible(
    telegram: FakeTelegram, application: Application
) -> None:
    user = telegram.user(1)
    (question,) = await user.send("/start")
    await application.bot.delete_message(user.chat_id, question.message_id)
    (reply,) = await user.tap_data("next", question.message_id)
    assert reply.text == "Oude knop: next"


async def test_an_edit_of_the_users_message_arrives_as_edited_message(
    telegram: FakeTelegram,
) -> None:
    user = telegram.user(1)
    await user.send("hoi")
    (reply,) = await user.edit_last_sent("hallo")
    assert reply.text == "bewerkt: hallo (0 min)"


async def test_a_message_keeps_the_date_it_was_sent(telegram: FakeTelegram) -> None:
    (reply,) = await telegram.user(1).send("hoi", date=NOW - timedelta(minutes=20))
    assert reply.text == "nieuw: hoi (20 min)"


@pytest.mark.parametrize(
    ("kind", "seen"),
    [
        ("send_photo", "geen tekst"),
        ("send_voice", "geen tekst"),
        ("send_sticker", "geen tekst"),
        ("send_document", "geen tekst"),
        ("send_location", "geen tekst"),
    ],
)
async def test_media_messages_reach_the_handlers(
    telegram: FakeTelegram, kind: str, seen: str
) -> None:
    (reply,) = await getattr(telegram.user(1), kind)()
    assert reply.text == f"nieuw: {seen} (0 min)"


async def test_a_photo_caption_reaches_the_handler(telegram: FakeTelegram) -> None:
    (reply,) = await telegram.user(1).send_photo(caption="kijk")
    assert reply.text == "nieuw: kijk (0 min)"


async def test_replies_are_those_in_the_users_own_chat(telegram: FakeTelegram) -> None:
    other = telegram.user(2)
    await other.send("/start")
    replies = await telegram.user(1).send("/doorsturen")
    assert [r.text for r in replies] == ["Doorgestuurd"]
    assert other.last.text == "Er is een nieuwe vraag"


async def test_user_and_bot_messages_share_one_id_counter_per_chat(
    telegram: FakeTelegram,
) -> None:
    user = telegram.user(1)
    (first,) = await user.send("/start")
    (second,) = await user.send("/start")
    assert (first.message_id, second.message_id) == (2, 4)


async def test_a_blocked_user_makes_the_handler_fail_with_forbidden(
    telegram: FakeTelegram, api: FakeBotApi
) -> None:
    user = telegram.user(1)
    await user.send("/start")
    api.block(user.user_id)
    with pytest.raises(HandlerError) as caught:
        await user.send("/start")
    assert isinstance(caught.value.__cause__, Forbidden)


async def test_feed_accepts_any_update_and_numbers_it(
    telegram: FakeTelegram, api: FakeBotApi
) -> None:
    chat = {"id": 5, "type": "private", "first_name": "Lou"}
    sender = {"id": 5, "is_bot": False, "first_name": "Lou"}
    message = {"message_id": 1, "date": int(NOW.timestamp()), "chat": chat, "from": sender}
    replies = await telegram.feed({"message": {**message, "text": "los"}})
    assert [(r.chat_id, r.text) for r in replies] == [(5, "nieuw: los (0 min)")]
