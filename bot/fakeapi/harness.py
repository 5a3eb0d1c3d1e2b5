"""The user's side of the fake: "the parent sends X", "taps the button labelled Y", read replies.

Updates are built as the JSON Telegram sends and fed through the real Application with
`process_update`. Each step returns the bot messages sent or edited in that chat while it was
handled, as they look afterwards. A tap the bot forgets to answer fails the test, because on a
real phone the button would keep spinning.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.fakeapi.api import BotMessage, FakeBotApi
from bot.fakeapi.html import utf16_len

__all__ = ["FakeTelegram", "FakeUser", "HandlerError"]

# What Telegram marks as a bot command at the start of a message: /name or /name@botname.
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")


class HandlerError(AssertionError):
    """A handler raised: the test fails here instead of reading a polite error reply."""


def _command_entities(text: str) -> list[dict[str, Any]]:
    match = _COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]


class FakeTelegram:
    """Feeds updates to one Application and collects what the bot wrote while handling them."""

    def __init__(
        self, api: FakeBotApi, application: Application, *, raise_errors: bool = True
    ) -> None:
        self.api = api
        self.application = application
        self.raise_errors = raise_errors
        self.errors: list[BaseException] = []
        # Recording only: the application's own error handlers still run as in production.
        application.add_error_handler(self._record_error)

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    def user(
        self, user_id: int, *, first_name: str = "Sam", language_code: str | None = "nl"
    ) -> FakeUser:
        """A person in a private chat with the bot; the chat id is the user id, as on Telegram."""
        return FakeUser(self, user_id, first_name, language_code)

    async def feed(self, update: dict[str, Any], chat_id: int | None = None) -> list[BotMessage]:
        """Process one update as Telegram delivers it.

        Returns the bot messages sent or edited while it was handled (in `chat_id` only, if
        given), in the order they were first touched, as they look after the update.
        """
        data = json.loads(json.dumps(update))
        if "update_id" not in data:
            data["update_id"] = self.api.next_update_id()
        self.api.note_incoming(data)
        mark = self.api.write_mark()
        errors_before = len(self.errors)
        await self.application.process_update(Update.de_json(data, self.application.bot))
        if self.raise_errors and len(self.errors) > errors_before:
            error = self.errors[-1]
            raise HandlerError(f"a handler raised {type(error).__name__}: {error}") from error
        return self.api.written_since(mark, chat_id)


class FakeUser:
    """One person in a private chat with the bot (chat id = user id, as on Telegram)."""

    def __init__(
        self, telegram: FakeTelegram, user_id: int, first_name: str, language_code: str | None
    ) -> None:
        self.telegram = telegram
        self.api = telegram.api
        self.user_id = user_id
        self.chat_id = user_id
        self.first_name = first_name
        self.language_code = language_code

    # -- building updates ----------------------------------------------------------------------

    def _sender(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def _chat(self) -> dict[str, Any]:
        return {"id": self.chat_id, "type": "private", "first_name": self.first_name}

    def _message(self, date: datetime | None, **content: Any) -> dict[str, Any]:
        return {
            "message_id": self.api.next_message_id(self.chat_id),
            "from": self._sender(),
            "chat": self._chat(),
            "date": int((date or self.api.clock()).timestamp()),
            **content,
        }

    async def _deliver(self, key: str, payload: dict[str, Any]) -> list[BotMessage]:
        update = {"update_id": self.api.next_update_id(), key: payload}
        return await self.telegram.feed(update, chat_id=self.chat_id)

    # -- what a user can do ----------------------------------------------------------------------

    async def send(self, text: str, *, date: datetime | None = None) -> list[BotMessage]:
        """A text message; `date` in the past makes it one that waited while the bot was down."""
        if not text.strip():
            raise ValueError("Telegram does not send an empty message")
        content: dict[str, Any] = {"text": text}
        if entities := _command_entities(text):
            content["entities"] = entities
        return await self._deliver("message", self._message(date, **content))

    async def edit_last_sent(self, text: str) -> list[BotMessage]:
        """The user edits their newest message: Telegram sends an `edited_message` update."""
        last = self.api.last_incoming(self.chat_id)
        if last is None:
            raise AssertionError("this user has no message in the chat to edit")
        edited = {
            k: v for k, v in last.items() if k not in ("entities", "caption_entities", "edit_date")
        }
        key = "text" if "text" in edited else "caption"
        edited[key] = text
        if key == "text" and (entities := _command_entities(text)):
            edited["entities"] = entities
        edited["edit_date"] = max(int(self.api.clock().timestamp()), int(last["date"]))
        return await self._deliver("edited_message", edited)

    async def send_photo(self, caption: str | None = None) -> list[BotMessage]:
        message = self._message(None)
        n = message["message_id"]
        message["photo"] = [
            {"file_id": f"AgAD{n}s", "file_unique_id": f"p{n}s", "width": 90, "height": 90,
             "file_size": 1_204},
            {"file_id": f"AgAD{n}m", "file_unique_id": f"p{n}m", "width": 800, "height": 800,
             "file_size": 61_400},
        ]  # fmt: skip
        if caption is not None:
            message["caption"] = caption
        return await self._deliver("message", message)

    async def send_voice(self, duration: int = 7) -> list[BotMessage]:
        message = self._message(None)
        message["voice"] = {
            "file_id": f"AwAD{message['message_id']}",
            "file_unique_id": f"v{message['message_id']}",
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 9_800,
        }
        return await self._deliver("message", message)

    async def send_sticker(self) -> list[BotMessage]:
        message = self._message(None)
        message["sticker"] = {
            "file_id": f"CAAD{message['message_id']}",
            "file_unique_id": f"s{message['message_id']}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self._deliver("message", message)

    async def send_document(
        self, filename: str = "brief.pdf", caption: str | None = None
    ) -> list[BotMessage]:
        message = self._message(None)
        message["document"] = {
            "file_id": f"BQAD{message['message_id']}",
            "file_unique_id": f"d{message['message_id']}",
            "file_name": filename,
            "mime_type": "application/pdf" if filename.endswith(".pdf") else "text/plain",
            "file_size": 20_480,
        }
        if caption is not None:
            message["caption"] = caption
        return await self._deliver("message", message)

    async def send_location(
        self, latitude: float = 52.3676, longitude: float = 4.9041
    ) -> list[BotMessage]:
        message = self._message(None, location={"latitude": latitude, "longitude": longitude})
        return await self._deliver("message", message)

    # -- what a user sees ------------------------------------------------------------------------

    @property
    def messages(self) -> list[BotMessage]:
        """All bot messages in this chat as they look now."""
        return self.api.messages(self.chat_id)

    @property
    def last(self) -> BotMessage:
        messages = self.messages
        if not messages:
            raise AssertionError("the bot has not written in this chat")
        return messages[-1]

    async def tap(self, label: str, *, message: BotMessage | None = None) -> list[BotMessage]:
        """Tap the button with this label in the newest message that shows it (or in `message`)."""
        if message is None:
            for candidate in reversed(self.messages):
                if any(
                    b.label == label and b.callback_data for row in candidate.buttons for b in row
                ):
                    message = candidate
                    break
            else:
                with_buttons = [m for m in self.messages if m.buttons]
                shown = with_buttons[-1].labels if with_buttons else []
                raise LookupError(
                    f"no button {label!r} in this chat; the newest message with buttons has {shown}"
                )
        else:
            current = self.api.message(self.chat_id, message.message_id)
            if current is None:
                raise LookupError(f"message {message.message_id} is no longer in the chat")
            message = current
        button = message.button(label)
        if button.callback_data is None:
            raise LookupError(f"{label!r} opens {button.url!r}; it sends nothing to the bot")
        return await self.tap_data(button.callback_data, message.message_id)

    async def tap_data(self, data: str, message_id: int | None = None) -> list[BotMessage]:
        """A callback query with any data: old, forged or repeated taps come through here too.

        Without `message_id` the tap comes from the newest bot message. A message that is gone
        arrives as Telegram sends it then: an inaccessible message with date 0.
        """
        if message_id is None:
            message_id = self.last.message_id
        shown = self.api.message(self.chat_id, message_id)
        if shown is not None:
            message = self.api.message_json(shown)
        else:
            message = {"message_id": message_id, "date": 0, "chat": self._chat()}
        query_id = self.api.new_callback_query(self.user_id, message_id, data)
        query = {
            "id": query_id,
            "from": self._sender(),
            "message": message,
            "chat_instance": str(-8_000_000_000_000_000 - self.chat_id),
            "data": data,
        }
        try:
            replies = await self._deliver("callback_query", query)
            if not self.api.was_answered(query_id):
                raise AssertionError(
                    f"the bot did not answer the callback query for {data!r}; "
                    "the user's button would keep spinning"
                )
        finally:
            self.api.expire_callback_query(query_id)
        return replies
