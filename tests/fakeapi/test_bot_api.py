"""Bot API methods through a real PTB Bot, so that PTB maps each refusal as in production."""

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
)
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter

from bot.fakeapi.api import NOT_MODIFIED, CallbackAnswer, FakeBotApi
from bot.fakeapi.html import Entity
from bot.fakeapi.request import FakeRequest

TOKEN = "123456:TEST-token"
CHAT = 42
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def api() -> FakeBotApi:
    fake = FakeBotApi(token=TOKEN, clock=lambda: NOW)
    fake.register_chat(CHAT, "Sam", "nl")
    return fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    request = FakeRequest(api)
    async with Bot(
        TOKEN, base_url="http://fake.invalid/bot", request=request, get_updates_request=request
    ) as client:
        yield client


def _keyboard(**button: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Knop", **button)]])  # type: ignore[arg-type]


def _user_message(api: FakeBotApi, text: str = "hoi") -> int:
    message_id = api.next_message_id(CHAT)
    user = {"id": CHAT, "is_bot": False, "first_name": "Sam"}
    chat = {"id": CHAT, "type": "private", "first_name": "Sam"}
    message = {"message_id": message_id, "date": 0, "chat": chat, "from": user, "text": text}
    api.note_incoming({"update_id": 1, "message": message})
    return message_id


def _incoming_update() -> dict:
    chat = {"id": CHAT, "type": "private", "first_name": "Sam"}
    return {"message": {"message_id": 1, "date": 0, "chat": chat, "text": "a"}}


async def test_get_me_describes_the_bot_from_its_token(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "JeugdBot", True)


async def test_a_sent_message_comes_back_with_entities_and_the_clock_date(bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "<b>Hoi</b> Sam", parse_mode="HTML")
    assert sent.date == NOW
    assert sent.text_html == "<b>Hoi</b> Sam"


async def test_4096_emoji_units_are_accepted_and_one_more_unit_is_too_long(bot: Bot) -> None:
    await bot.send_message(CHAT, "😀" * 2048)
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(CHAT, "😀" * 2048 + "a")


async def test_the_limit_counts_the_parsed_text_not_the_html(bot: Bot) -> None:
    await bot.send_message(CHAT, "&lt;" * 4096, parse_mode="HTML")


async def test_whitespace_around_the_text_is_trimmed_like_telegram(
    bot: Bot, api: FakeBotApi
) -> None:
    await bot.send_message(CHAT, "\n <b>Hoi</b>\n", parse_mode="HTML")
    (message,) = api.messages(CHAT)
    assert (message.text, message.entities) == ("Hoi", (Entity("bold", 0, 3),))


async def test_whitespace_only_text_is_empty(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot.send_message(CHAT, " \n ")


async def test_markdown_is_refused_because_the_project_writes_html(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)parse_mode"):
        await bot.send_message(CHAT, "*vet*", parse_mode="MarkdownV2")


async def test_64_bytes_of_callback_data_in_three_byte_characters_fit(bot: Bot) -> None:
    await bot.send_message(CHAT, "ok", reply_markup=_keyboard(callback_data="€" * 21 + "x"))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "nee", reply_markup=_keyboard(callback_data="€" * 21 + "xy"))


async def test_empty_callback_data_is_invalid(bot: Bot, api: FakeBotApi) -> None:
    markup = {"inline_keyboard": [[{"text": "Knop", "callback_data": ""}]]}
    status, body = await api.call(
        TOKEN, "sendMessage", {"chat_id": CHAT, "text": "x", "reply_markup": markup}
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_a_button_without_an_action_is_refused(bot: Bot, api: FakeBotApi) -> None:
    markup = {"inline_keyboard": [[{"text": "Knop"}]]}
    status, body = await api.call(
        TOKEN, "sendMessage", {"chat_id": CHAT, "text": "x", "reply_markup": markup}
    )
    assert status == 400
    assert "Text buttons are unallowed" in body["description"]


async def test_a_button_with_two_actions_is_refused(api: FakeBotApi) -> None:
    markup = {"inline_keyboard": [[{"text": "K", "callback_data": "a", "url": "https://a.nl"}]]}
    status, body = await api.call(
        TOKEN, "sendMessage", {"chat_id": CHAT, "text": "x", "reply_markup": markup}
    )
    assert status == 400
    assert "exactly one" in body["description"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://", "www.113.nl", "http://a b.nl"])
async def test_a_button_url_must_be_a_real_link(bot: Bot, url: str) -> None:
    with pytest.raises(BadRequest, match=r"^Inline keyboard button url is invalid$"):
        await bot.send_message(CHAT, "x", reply_markup=_keyboard(url=url))


async def test_a_chat_is_known_after_an_update_from_the_user(bot: Bot, api: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)Chat not found"):
        await bot.send_message(77, "hallo")
    user = {"id": 77, "is_bot": False, "first_name": "Kim"}
    chat = {"id": 77, "type": "private", "first_name": "Kim"}
    api.enqueue_update(
        {"message": {"message_id": 1, "date": 0, "chat": chat, "from": user, "text": "hoi"}}
    )
    await bot.send_message(77, "hallo")


async def test_a_blocked_user_refuses_chat_actions_too(bot: Bot, api: FakeBotApi) -> None:
    api.block(CHAT)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_chat_action(CHAT, "typing")


async def test_an_unblocked_user_can_be_written_again(bot: Bot, api: FakeBotApi) -> None:
    api.block(CHAT)
    api.unblock(CHAT)
    await bot.send_message(CHAT, "weer welkom")


async def test_retry_after_carries_the_injected_seconds(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next("sendmessage", 429, retry_after=12)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hallo")
    assert caught.value.retry_after == timedelta(seconds=12)


async def test_an_injected_failure_lasts_its_number_of_times_and_has_no_effect(
    bot: Bot, api: FakeBotApi
) -> None:
    api.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
            await bot.send_message(CHAT, "hallo")
    assert api.messages(CHAT) == []
    await bot.send_message(CHAT, "hallo")
    assert [c.status for c in api.calls if c.method == "sendMessage"] == [502, 502, 200]


async def test_the_same_result_from_other_html_is_not_modified(bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "<b>vraag</b>", parse_mode="HTML")
    with pytest.raises(BadRequest) as caught:
        await bot.edit_message_text(
            "<strong>vraag</strong>", CHAT, sent.message_id, parse_mode="HTML"
        )
    assert caught.value.message == NOT_MODIFIED.removeprefix("Bad Request: ").capitalize()


async def test_the_same_text_with_other_formatting_is_an_edit(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(CHAT, "vraag", parse_mode="HTML")
    await bot.edit_message_text("<i>vraag</i>", CHAT, sent.message_id, parse_mode="HTML")
    assert api.messages(CHAT)[0].entities == (Entity("italic", 0, 5),)


async def test_editing_text_without_markup_removes_the_buttons(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(CHAT, "vraag", reply_markup=_keyboard(callback_data="a"))
    edited = await bot.edit_message_text("beantwoord", CHAT, sent.message_id)
    assert api.messages(CHAT)[0].buttons == ()
    assert edited.edit_date == NOW


async def test_the_same_markup_again_is_not_modified(bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "vraag", reply_markup=_keyboard(callback_data="a"))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(
            CHAT, sent.message_id, reply_markup=_keyboard(callback_data="a")
        )


async def test_a_users_message_can_not_be_edited_by_the_bot(bot: Bot, api: FakeBotApi) -> None:
    message_id = _user_message(api)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("anders", CHAT, message_id)


async def test_a_deleted_message_is_gone_and_can_not_be_deleted_twice(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_message(CHAT, "weg ermee")
    assert await bot.delete_message(CHAT, sent.message_id)
    assert api.messages(CHAT) == []
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


async def test_the_bot_may_delete_the_users_message_in_a_private_chat(
    bot: Bot, api: FakeBotApi
) -> None:
    assert await bot.delete_message(CHAT, _user_message(api))
    assert api.last_incoming(CHAT) is None


async def test_a_reply_to_a_missing_message_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(CHAT, "antwoord", reply_parameters=ReplyParameters(999))


async def test_a_reply_quotes_the_users_message(bot: Bot, api: FakeBotApi) -> None:
    question = _user_message(api, "Mag ik iets vragen?")
    sent = await bot.send_message(CHAT, "Natuurlijk", reply_parameters=ReplyParameters(question))
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "Mag ik iets vragen?"


async def test_an_answer_longer_than_200_characters_is_refused(bot: Bot, api: FakeBotApi) -> None:
    query_id = api.new_callback_query(CHAT, 1, "a")
    with pytest.raises(BadRequest):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert query_id in api.pending_callback_queries


async def test_the_answer_to_a_tap_is_recorded(bot: Bot, api: FakeBotApi) -> None:
    query_id = api.new_callback_query(CHAT, 1, "a")
    await bot.answer_callback_query(query_id, text="Opgeslagen", show_alert=True)
    assert api.callback_answers[query_id] == CallbackAnswer("Opgeslagen", True, None)
    assert api.pending_callback_queries == set()


async def test_an_unknown_chat_action_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(CHAT, "dancing")


async def test_commands_round_trip_per_scope_and_language(bot: Bot, api: FakeBotApi) -> None:
    scope = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([BotCommand("hulp", "Hulp nu")], scope=scope, language_code="nl")
    assert api.commands == {
        ("all_private_chats", "nl"): [{"command": "hulp", "description": "Hulp nu"}]
    }
    assert await bot.get_my_commands(scope=scope, language_code="nl") == (
        BotCommand("hulp", "Hulp nu"),
    )
    assert await bot.get_my_commands() == ()
    await bot.delete_my_commands(scope=scope, language_code="nl")
    assert api.commands == {}


async def test_more_than_100_commands_are_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand(f"c{i}", "x") for i in range(101)])


async def test_a_command_needs_a_description(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_DESCRIPTION_INVALID"):
        await bot.set_my_commands([BotCommand("start", "")])


async def test_a_command_language_must_be_two_letters(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)language code"):
        await bot.set_my_commands([BotCommand("start", "Beginnen")], language_code="nl-NL")


async def test_an_active_webhook_blocks_get_updates_until_deleted(
    bot: Bot, api: FakeBotApi
) -> None:
    await bot.set_webhook("https://bot.example.org/hook", secret_token="s3cret_token-1")
    assert (api.webhook["url"], api.webhook["secret_token"]) == (
        "https://bot.example.org/hook",
        "s3cret_token-1",
    )
    assert (await bot.get_webhook_info()).url == "https://bot.example.org/hook"
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_a_webhook_needs_https(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)HTTPS URL"):
        await bot.set_webhook("http://bot.example.org/hook")


async def test_get_updates_drops_the_confirmed_ones(bot: Bot, api: FakeBotApi) -> None:
    first = api.enqueue_update(_incoming_update())
    second = api.enqueue_update(_incoming_update())
    assert [u.update_id for u in await bot.get_updates()] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
    assert await bot.get_updates(offset=second + 1) == ()
    assert api.pending_updates == []


async def test_an_empty_long_poll_returns_within_a_second(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == ()
    assert 0.9 <= time.monotonic() - started < 3


async def test_a_long_poll_wakes_up_for_a_new_update(bot: Bot, api: FakeBotApi) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0)
    update_id = api.enqueue_update(_incoming_update())
    updates = await asyncio.wait_for(poll, timeout=0.5)
    assert [u.update_id for u in updates] == [update_id]


async def test_method_names_are_case_insensitive(api: FakeBotApi) -> None:
    status, body = await api.call(TOKEN, "SENDMESSAGE", {"chat_id": CHAT, "text": "hoi"})
    assert (status, body["ok"]) == (200, True)
    assert api.calls[-1].method == "sendMessage"


async def test_an_unknown_method_is_not_found(api: FakeBotApi) -> None:
    status, body = await api.call(TOKEN, "sendTelepathy", {})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_a_wrong_token_is_unauthorized(api: FakeBotApi) -> None:
    status, body = await api.call("123456:other", "getMe", {})
    assert (status, body["description"]) == (401, "Unauthorized")


async def test_form_strings_are_read_per_field(api: FakeBotApi) -> None:
    markup = '{"inline_keyboard": [[{"text": "Ja", "callback_data": "1"}]]}'
    params = {
        "chat_id": "42",
        "text": "123",
        "disable_notification": "true",
        "reply_markup": markup,
    }
    status, _ = await api.call(TOKEN, "sendMessage", params)
    assert status == 200
    (message,) = api.messages(CHAT)
    assert (message.text, message.disable_notification, message.labels) == ("123", True, ["Ja"])
    assert api.calls[-1].params["chat_id"] == 42


async def test_a_caption_over_1024_characters_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_document(CHAT, b"x", filename="a.txt", caption="x" * 1025)


async def test_a_caption_is_parsed_as_html(bot: Bot, api: FakeBotApi) -> None:
    caption = "<b>Je afspraak</b>"
    await bot.send_document(CHAT, b"BEGIN", filename="a.ics", caption=caption, parse_mode="HTML")
    (message,) = api.messages(CHAT)
    assert (message.text, message.html) == ("Je afspraak", "<b>Je afspraak</b>")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_document(CHAT, b"x", filename="a.txt", caption="a < b", parse_mode="HTML")


async def test_a_sent_document_can_be_sent_again_by_its_file_id(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_document(CHAT, b"inhoud", filename="brief.txt")
    assert sent.document is not None
    await bot.send_document(CHAT, sent.document.file_id)
    assert [m.document for m in api.messages(CHAT)] == [("brief.txt", b"inhoud")] * 2


async def test_an_unknown_file_id_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(CHAT, "BQACAgQAAxkBAAI")
