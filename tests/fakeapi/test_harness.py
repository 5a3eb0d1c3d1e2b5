"""The user-side harness catches what a careless handler would get away with."""

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.harness import FakeTelegram, HandlerError
from bot.fakeapi.request import FakeRequest

TOKEN = "123456:TEST-token"


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ja", callback_data="yes")],
            [InlineKeyboardButton("Stil", callback_data="silent")],
        ]
    )
    await update.effective_message.reply_text("Doorgaan?", reply_markup=markup)


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query.data == "silent":
        return  # forgets to answer: the harness must notice
    await query.answer()
    await query.edit_message_text("Gekozen: ja")


async def _broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise ValueError("oops")


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    api = FakeBotApi(token=TOKEN)
    application = (
        Application.builder()
        .token(TOKEN)
        .base_url("http://fake.invalid/bot")
        .request(FakeRequest(api))
        .build()
    )
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(CommandHandler("broken", _broken))
    application.add_handler(CallbackQueryHandler(_button))
    await application.initialize()
    try:
        yield FakeTelegram(api, application)
    finally:
        await application.shutdown()


async def test_send_returns_the_replies_in_the_chat(telegram: FakeTelegram) -> None:
    replies = await telegram.user(1).send("/start")
    assert [r.text for r in replies] == ["Doorgaan?"]
    assert replies[0].labels == ["Ja", "Stil"]


async def test_tap_returns_the_edited_message(telegram: FakeTelegram) -> None:
    user = telegram.user(1)
    await user.send("/start")
    replies = await user.tap("Ja")
    assert replies[0].text == "Gekozen: ja"
    assert replies[0].edited


async def test_an_unanswered_callback_query_fails_the_test(telegram: FakeTelegram) -> None:
    user = telegram.user(1)
    await user.send("/start")
    with pytest.raises(AssertionError, match="did not answer"):
        await user.tap("Stil")


async def test_tapping_a_label_that_is_not_there_says_what_is(telegram: FakeTelegram) -> None:
    user = telegram.user(1)
    await user.send("/start")
    with pytest.raises(LookupError, match="Ja"):
        await user.tap("Nee")


async def test_a_handler_that_raises_fails_the_test(telegram: FakeTelegram) -> None:
    with pytest.raises(HandlerError, match="ValueError"):
        await telegram.user(1).send("/broken")


async def test_users_have_separate_chats(telegram: FakeTelegram) -> None:
    await telegram.user(1).send("/start")
    assert telegram.user(2).messages == []
