"""The same fake over HTTP on loopback, called by a real PTB Bot with its default HTTPXRequest."""

from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, InvalidToken

from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.http import FakeBotApiServer

TOKEN = "123456:TEST-token"
CHAT = 42


@pytest.fixture
async def served() -> AsyncIterator[tuple[FakeBotApi, str]]:
    api = FakeBotApi(token=TOKEN)
    api.register_chat(CHAT, "Sam", "nl")
    server = FakeBotApiServer(api)
    port = await server.start()
    try:
        yield api, f"http://127.0.0.1:{port}"
    finally:
        await server.stop()


async def test_a_real_bot_gets_itself_and_sends_a_message_over_http(
    served: tuple[FakeBotApi, str],
) -> None:
    api, url = served
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="1")]])
    async with Bot(TOKEN, base_url=f"{url}/bot") as bot:
        assert bot.username == "JeugdBot"
        sent = await bot.send_message(
            CHAT, "<b>Hoi</b>", parse_mode="HTML", reply_markup=markup, disable_notification=True
        )
    (message,) = api.messages(CHAT)
    assert (sent.message_id, message.text, message.labels) == (1, "Hoi", ["Ja"])
    assert message.disable_notification is True
    assert api.calls[-1].params["chat_id"] == CHAT


async def test_a_refusal_over_http_raises_what_ptb_raises_in_production(
    served: tuple[FakeBotApi, str],
) -> None:
    _, url = served
    async with Bot(TOKEN, base_url=f"{url}/bot") as bot:
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(999, "hallo")


async def test_a_document_is_uploaded_as_multipart_over_http(
    served: tuple[FakeBotApi, str],
) -> None:
    api, url = served
    async with Bot(TOKEN, base_url=f"{url}/bot") as bot:
        await bot.send_document(CHAT, b"BEGIN:VCALENDAR", filename="afspraak.ics", caption="123")
    (message,) = api.messages(CHAT)
    assert (message.document, message.text) == (("afspraak.ics", b"BEGIN:VCALENDAR"), "123")


async def test_form_booleans_are_read_as_booleans(served: tuple[FakeBotApi, str]) -> None:
    api, url = served
    async with Bot(TOKEN, base_url=f"{url}/bot") as bot:
        await bot.delete_webhook(drop_pending_updates=False)
        assert await bot.get_updates(timeout=0) == ()
    (call,) = [c for c in api.calls if c.method == "deleteWebhook"]
    assert call.params["drop_pending_updates"] is False


async def test_a_wrong_token_over_http_is_an_invalid_token(
    served: tuple[FakeBotApi, str],
) -> None:
    _, url = served
    bot = Bot("999:wrong", base_url=f"{url}/bot")
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()


async def test_a_json_body_is_accepted_and_unknown_paths_answer_in_json(
    served: tuple[FakeBotApi, str],
) -> None:
    _, url = served
    async with httpx.AsyncClient() as client:
        sent = await client.post(f"{url}/bot{TOKEN}/sendMessage", json={"chat_id": 42, "text": "x"})
        lost = await client.get(f"{url}/elders")
    assert sent.json()["result"]["text"] == "x"
    assert (lost.status_code, lost.json()["description"]) == (404, "Not Found")
