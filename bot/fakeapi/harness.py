"""The user's side of the fake: "the parent sends X", "taps the button labelled Y", read replies.

Updates are built as Telegram sends them and fed through the real Application. Each step returns
the bot messages sent or edited in that chat while it was handled.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.fakeapi.api import BotMessage, FakeBotApi

_WRITES = {"sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup"}


class HandlerError(AssertionError):
    """A handler raised: the test fails here instead of reading a polite error reply."""


class FakeTelegram:
    def __init__(
        self, api: FakeBotApi, application: Application, *, raise_errors: bool = True
    ) -> None:
        self.api = api
        self.application = application
        self.raise_errors = raise_errors
        self.errors: list[BaseException] = []
        self._update_id = 0
        application.add_error_handler(self._record_error)

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    def user(
        self, user_id: int, *, first_name: str = "Sam", language_code: str | None = "nl"
    ) -> FakeUser:
        return FakeUser(self, user_id, first_name, language_code)

    async def feed(self, data: dict[str, Any], chat_id: int | None = None) -> list[BotMessage]:
        """Process one update as Telegram delivers it; returns what the bot wrote in the chat."""
        data = dict(data)
        self._update_id += 1
        data.setdefault("update_id", self._update_id)
        before = len(self.api.calls)
        errors_before = len(self.errors)
        await self.application.process_update(Update.de_json(data, self.application.bot))
        if self.raise_errors and len(self.errors) > errors_before:
            error = self.errors[-1]
            raise HandlerError(f"a handler raised {type(error).__name__}: {error}") from error
        written: list[int] = []
        for call in self.api.calls[before:]:
            if call.status != 200 or call.method.lower() not in _WRITES:
                continue
            if chat_id is not None and int(call.params.get("chat_id", 0)) != chat_id:
                continue
            message_id = call.result["message_id"] if isinstance(call.result, dict) else None
            if message_id is not None and message_id not in written:
                written.append(message_id)
        if chat_id is None:
            return []
        return [m for i in written if (m := self.api.message(chat_id, i)) is not None]


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
        self._last_sent: dict[str, Any] | None = None

    def _from(self) -> dict[str, Any]:
        self.api.register_chat(self.user_id, self.first_name, self.language_code)
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def _message(self, date: datetime | None, **content: Any) -> dict[str, Any]:
        sender = self._from()
        return {
            "message_id": self.api.next_message_id(self.chat_id),
            "date": int((date or self.api.clock()).timestamp()),
            "chat": self.api.chat_json(self.chat_id),
            "from": sender,
            **content,
        }

    async def _deliver(self, key: str, message: dict[str, Any]) -> list[BotMessage]:
        return await self.telegram.feed({key: message}, chat_id=self.chat_id)

    async def send(self, text: str, *, date: datetime | None = None) -> list[BotMessage]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message = self._message(date, **content)
        self._last_sent = message
        return await self._deliver("message", message)

    async def edit_last_sent(self, text: str) -> list[BotMessage]:
        if self._last_sent is None:
            raise AssertionError("nothing sent yet to edit")
        edited = {**self._last_sent, "text": text, "edit_date": int(self.api.clock().timestamp())}
        edited.pop("entities", None)
        return await self._deliver("edited_message", edited)

    async def send_photo(self, caption: str | None = None) -> list[BotMessage]:
        photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]
        content: dict[str, Any] = {"photo": photo}
        if caption is not None:
            content["caption"] = caption
        return await self._deliver("message", self._message(None, **content))

    async def send_voice(self) -> list[BotMessage]:
        voice = {"file_id": "voice1", "file_unique_id": "v1", "duration": 7}
        return await self._deliver("message", self._message(None, voice=voice))

    async def send_sticker(self) -> list[BotMessage]:
        sticker = {"file_id": "st1", "file_unique_id": "s1", "type": "regular", "width": 512,
                   "height": 512, "is_animated": False, "is_video": False}  # fmt: skip
        return await self._deliver("message", self._message(None, sticker=sticker))

    async def send_document(self) -> list[BotMessage]:
        document = {"file_id": "doc1", "file_unique_id": "d1", "file_name": "brief.pdf"}
        return await self._deliver("message", self._message(None, document=document))

    async def send_location(self) -> list[BotMessage]:
        location = {"latitude": 52.37, "longitude": 4.89}
        return await self._deliver("message", self._message(None, location=location))

    @property
    def messages(self) -> list[BotMessage]:
        return self.api.messages(self.chat_id)

    @property
    def last(self) -> BotMessage:
        messages = self.messages
        if not messages:
            raise AssertionError("the bot has not written in this chat")
        return messages[-1]

    async def tap(self, label: str, *, message: BotMessage | None = None) -> list[BotMessage]:
        if message is None:
            for candidate in reversed(self.messages):
                if any(
                    b.label == label and b.callback_data for row in candidate.buttons for b in row
                ):
                    message = candidate
                    break
            else:
                shown = self.last.labels if self.messages else []
                raise LookupError(f"no button {label!r} in this chat; the last message has {shown}")
        button = message.button(label)
        if button.callback_data is None:
            raise LookupError(f"{label!r} is a link, not a button to tap")
        return await self.tap_data(button.callback_data, message.message_id)

    async def tap_data(self, data: str, message_id: int | None = None) -> list[BotMessage]:
        """A callback query with any data: old, forged or repeated taps come through here too."""
        sender = self._from()
        query_id = self.api.new_callback_query()
        query: dict[str, Any] = {
            "id": query_id,
            "from": sender,
            "chat_instance": f"ci{self.chat_id}",
            "data": data,
        }
        if message_id is not None:
            shown = self.api.message(self.chat_id, message_id)
            if shown is not None:
                query["message"] = self.api.message_json(shown)
            else:
                query["message"] = {
                    "message_id": message_id,
                    "date": 0,
                    "chat": self.api.chat_json(self.chat_id),
                }
        replies = await self._deliver_query(query)
        if not self.api.was_answered(query_id):
            raise AssertionError(f"the bot did not answer the callback query for {data!r}")
        return replies

    async def _deliver_query(self, query: dict[str, Any]) -> list[BotMessage]:
        return await self.telegram.feed({"callback_query": query}, chat_id=self.chat_id)
