"""The fake answers PTB the way Telegram does, so PTB raises what it raises in production."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter

from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.request import FakeRequest

TOKEN = "123456:TEST-token"
CHAT = 42


@pytest.fixture
def api() -> FakeBotApi:
    fake = FakeBotApi(token=TOKEN, clock=lambda: datetime(2026, 11, 23, 9, tzinfo=UTC))
    fake.register_chat(CHAT)
    return fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    request = FakeRequest(api)
    async with Bot(TOKEN, base_url="http://fake.invalid/bot", request=request) as client:
        yield client


def _keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Knop", callback_data=data)]])


async def test_a_sent_message_is_stored_as_the_user_sees_it(bot: Bot, api: FakeBotApi) -> None:
    await bot.send_message(CHAT, "<b>Hoi</b> &amp; welkom", parse_mode="HTML")
    (message,) = api.messages(CHAT)
    assert message.text == "Hoi & welkom"
    assert message.html == "<b>Hoi</b> &amp; welkom"


async def test_broken_html_raises_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CHAT, "Tom & Jerry", parse_mode="HTML")


async def test_text_of_4096_utf16_units_is_accepted_and_one_more_refused(bot: Bot) -> None:
    await bot.send_message(CHAT, "a" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(CHAT, "a" * 4095 + "😀")


async def test_an_empty_text_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)empty"):
        await bot.send_message(CHAT, "<b></b>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_refused(bot: Bot) -> None:
    await bot.send_message(CHAT, "ok", reply_markup=_keyboard("é" * 32))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "te lang", reply_markup=_keyboard("é" * 32 + "x"))


async def test_an_unknown_chat_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "hallo")


async def test_a_blocked_user_raises_forbidden(bot: Bot, api: FakeBotApi) -> None:
    api.block(CHAT)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(CHAT, "hallo")


async def test_an_injected_429_raises_retry_after(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hallo")
    assert caught.value.retry_after == timedelta(seconds=7)
    await bot.send_message(CHAT, "daarna weer")


async def test_an_identical_edit_is_not_modified(bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "vraag", reply_markup=_keyboard("a"))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("vraag", CHAT, sent.message_id, reply_markup=_keyboard("a"))


async def test_an_edit_with_new_markup_is_accepted(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(CHAT, "vraag", reply_markup=_keyboard("a"))
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=None)
    assert api.messages(CHAT)[0].buttons == ()
    assert api.messages(CHAT)[0].edited


async def test_editing_a_missing_message_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", CHAT, 12345)


async def test_a_callback_query_can_be_answered_once(bot: Bot, api: FakeBotApi) -> None:
    query_id = api.new_callback_query()
    await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)


async def test_a_wrong_token_is_refused(api: FakeBotApi) -> None:
    bot = Bot("999:wrong", base_url="http://fake.invalid/bot", request=FakeRequest(api))
    with pytest.raises(InvalidToken):
        await bot.initialize()


async def test_commands_are_stored_per_language(bot: Bot, api: FakeBotApi) -> None:
    await bot.set_my_commands([("start", "Beginnen")], language_code="nl")
    assert api.commands[("default", "nl")] == [{"command": "start", "description": "Beginnen"}]


async def test_an_invalid_command_name_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Start-Nu", "x")])


async def test_a_document_keeps_its_name_and_bytes(bot: Bot, api: FakeBotApi) -> None:
    await bot.send_document(CHAT, b"BEGIN:VCALENDAR", filename="afspraak.ics")
    assert api.messages(CHAT)[0].document == ("afspraak.ics", b"BEGIN:VCALENDAR")


async def test_sends_beyond_the_flood_limit_get_a_429(bot: Bot, api: FakeBotApi) -> None:
    moments = iter([0.0, 0.1, 0.2, 0.3, 1.15])
    api.limit_rate(3, clock=lambda: next(moments))
    api.register_chat(7)
    for _ in range(3):
        await bot.send_message(7, "ok")
    with pytest.raises(RetryAfter):
        await bot.send_message(7, "one too many")
    await bot.send_message(7, "a second later")  # the first send left the window
    assert api.flood_refusals == 1
