"""An in-process Telegram Bot API that checks what Telegram checks.

Tests and the terminal demo run the real PTB Application against it; the request layer in
request.py (in process) or the HTTP server in http.py (for a real `python -m bot run`) carry the
calls here. State is kept the way a user sees it: chats, the bot's messages, open callback queries.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.fakeapi.html import FakeApiError, parse_telegram_html, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200
_BUTTON_KINDS = (
    "callback_data", "url", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


@dataclass(frozen=True)
class Button:
    label: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, as the user's screen shows it now."""

    message_id: int
    chat_id: int
    html: str
    text: str
    parse_mode: str | None
    buttons: tuple[tuple[Button, ...], ...] = ()
    disable_notification: bool = False
    document: tuple[str, bytes] | None = None
    edited: bool = False

    @property
    def labels(self) -> list[str]:
        return [b.label for row in self.buttons for b in row]

    def button(self, label: str) -> Button:
        for row in self.buttons:
            for b in row:
                if b.label == label:
                    return b
        raise LookupError(f"no button {label!r}; there are {self.labels}")


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    status: int
    result: Any = None


@dataclass
class _Chat:
    user_id: int
    first_name: str
    language_code: str | None
    blocked: bool = False


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    times: int


def _as_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FakeApiError(400, f"Bad Request: invalid {name}") from None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def _as_json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise FakeApiError(400, "Bad Request: can't parse JSON") from None
    return value


def _check_button(button: dict[str, Any]) -> Button:
    label = button.get("text")
    if not isinstance(label, str) or not label.strip():
        raise FakeApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    kinds = [k for k in _BUTTON_KINDS if k in button]
    if len(kinds) != 1:
        raise FakeApiError(400, "Bad Request: inline keyboard button needs exactly one action")
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA
    ):
        raise FakeApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    url = button.get("url")
    if "url" in button:
        parts = urlsplit(str(url))
        if parts.scheme not in ("http", "https", "tg") or (
            parts.scheme != "tg" and not parts.netloc
        ):
            raise FakeApiError(400, "Bad Request: inline keyboard button URL is invalid")
    return Button(label, data, url)


def _check_markup(raw: Any) -> tuple[tuple[Button, ...], ...]:
    if raw is None:
        return ()
    markup = _as_json(raw)
    if not isinstance(markup, dict):
        raise FakeApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if markup.get("remove_keyboard") or "keyboard" in markup or "force_reply" in markup:
            return ()
        raise FakeApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise FakeApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays')
    return tuple(tuple(_check_button(b) for b in row) for row in rows if row)


def _check_text(params: dict[str, Any], key: str, limit: int, *, required: bool) -> tuple[str, str]:
    raw = params.get(key)
    if raw is None:
        if required:
            raise FakeApiError(400, "Bad Request: message text is empty")
        return "", ""
    raw = str(raw)
    mode = params.get("parse_mode")
    if mode is None:
        plain = raw
    elif str(mode).upper() == "HTML":
        plain = parse_telegram_html(raw)
    else:
        raise FakeApiError(400, f"Bad Request: this fake accepts only HTML, not {mode}")
    if required and not plain.strip():
        raise FakeApiError(400, "Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        kind = "message is too long" if key == "text" else "message caption is too long"
        raise FakeApiError(400, f"Bad Request: {kind}")
    return raw, plain


class FakeBotApi:
    def __init__(
        self,
        *,
        token: str = "123456:TEST-token",
        bot_username: str = "JeugdBot",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Jeugdbot",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.clock = clock or (lambda: datetime.now(UTC))
        self.calls: list[ApiCall] = []
        self.commands: dict[tuple[str, str | None], list[dict[str, str]]] = {}
        self.webhook: dict[str, Any] = {"url": ""}
        self.pending_callback_queries: set[str] = set()
        self._chats: dict[int, _Chat] = {}
        self._messages: dict[int, dict[int, BotMessage]] = defaultdict(dict)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._answered: set[str] = set()
        self._query_ids = itertools.count(1)
        self._failures: dict[str, list[_Failure]] = defaultdict(list)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._new_update = asyncio.Event()

    # -- helpers for tests, the harness and the demo ----------------------------------------

    def register_chat(
        self, user_id: int, first_name: str = "Sam", language_code: str | None = "nl"
    ) -> None:
        """A chat exists once the user has written to the bot, as on Telegram."""
        if user_id not in self._chats:
            self._chats[user_id] = _Chat(user_id, first_name, language_code)

    def block(self, user_id: int) -> None:
        self.register_chat(user_id)
        self._chats[user_id].blocked = True

    def unblock(self, user_id: int) -> None:
        if user_id in self._chats:
            self._chats[user_id].blocked = False

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        self._failures[method.lower()].append(_Failure(status, description, retry_after, times))

    def next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def messages(self, chat_id: int) -> list[BotMessage]:
        return sorted(self._messages[chat_id].values(), key=lambda m: m.message_id)

    def message(self, chat_id: int, message_id: int) -> BotMessage | None:
        return self._messages[chat_id].get(message_id)

    def new_callback_query(self) -> str:
        query_id = str(next(self._query_ids))
        self.pending_callback_queries.add(query_id)
        return query_id

    def enqueue_update(self, update: dict[str, Any]) -> int:
        update = dict(update)
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._new_update.set()
        return update["update_id"]

    # -- the Bot API --------------------------------------------------------------------------

    async def call(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        name = method.lower()
        try:
            if token != self.token:
                raise FakeApiError(401, "Unauthorized")
            handler = getattr(self, f"_m_{name}", None)
            if handler is None:
                raise FakeApiError(404, "Not Found")
            self._maybe_fail(name)
            result = await handler(params)
        except FakeApiError as exc:
            self.calls.append(ApiCall(method, dict(params), exc.status))
            body: dict[str, Any] = {
                "ok": False,
                "error_code": exc.status,
                "description": exc.description,
            }
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return exc.status, body
        self.calls.append(ApiCall(method, dict(params), 200, result))
        return 200, {"ok": True, "result": result}

    def _maybe_fail(self, name: str) -> None:
        queue = self._failures.get(name)
        if not queue:
            return
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        raise FakeApiError(failure.status, failure.description, retry_after=failure.retry_after)

    def user_json(self, user_id: int) -> dict[str, Any]:
        chat = self._chats[user_id]
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": chat.first_name}
        if chat.language_code:
            user["language_code"] = chat.language_code
        return user

    def chat_json(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "type": "private", "first_name": self._chats[user_id].first_name}

    def _chat(self, params: dict[str, Any]) -> _Chat:
        chat_id = _as_int(params.get("chat_id"), "chat_id")
        chat = self._chats.get(chat_id)
        if chat is None:
            raise FakeApiError(400, "Bad Request: chat not found")
        if chat.blocked:
            raise FakeApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def message_json(self, message: BotMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(self.clock().timestamp()),
            "chat": self.chat_json(message.chat_id),
            "from": self.bot_user,
        }
        if message.document is not None:
            data["document"] = {
                "file_id": f"doc{message.message_id}",
                "file_unique_id": f"u{message.message_id}",
                "file_name": message.document[0],
            }
            if message.text:
                data["caption"] = message.text
        else:
            data["text"] = message.text
        if message.edited:
            data["edit_date"] = int(self.clock().timestamp())
        if message.buttons:
            data["reply_markup"] = {
                "inline_keyboard": [
                    [
                        {
                            "text": b.label,
                            **(
                                {"callback_data": b.callback_data}
                                if b.callback_data
                                else {"url": b.url}
                            ),
                        }
                        for b in row
                    ]
                    for row in message.buttons
                ]
            }
        return data

    async def _m_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _m_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        raw, plain = _check_text(params, "text", MAX_TEXT, required=True)
        buttons = _check_markup(params.get("reply_markup"))
        message = BotMessage(
            message_id=self.next_message_id(chat.user_id),
            chat_id=chat.user_id,
            html=raw,
            text=plain,
            parse_mode=params.get("parse_mode"),
            buttons=buttons,
            disable_notification=_as_bool(params.get("disable_notification", False)),
        )
        self._messages[chat.user_id][message.message_id] = message
        return self.message_json(message)

    async def _m_senddocument(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        document = params.get("document")
        if not isinstance(document, tuple) or len(document) != 2:
            raise FakeApiError(400, "Bad Request: there is no document in the request")
        raw, plain = _check_text(params, "caption", MAX_CAPTION, required=False)
        message = BotMessage(
            message_id=self.next_message_id(chat.user_id),
            chat_id=chat.user_id,
            html=raw,
            text=plain,
            parse_mode=params.get("parse_mode"),
            buttons=_check_markup(params.get("reply_markup")),
            disable_notification=_as_bool(params.get("disable_notification", False)),
            document=(str(document[0]), bytes(document[1])),
        )
        self._messages[chat.user_id][message.message_id] = message
        return self.message_json(message)

    def _existing(self, chat: _Chat, params: dict[str, Any], verb: str) -> BotMessage:
        message_id = _as_int(params.get("message_id"), "message_id")
        message = self._messages[chat.user_id].get(message_id)
        if message is None:
            raise FakeApiError(400, f"Bad Request: message to {verb} not found")
        return message

    async def _m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        message = self._existing(chat, params, "edit")
        if message.document is not None:
            raise FakeApiError(400, "Bad Request: there is no text in the message to edit")
        raw, plain = _check_text(params, "text", MAX_TEXT, required=True)
        buttons = _check_markup(params.get("reply_markup"))
        if plain == message.text and raw == message.html and buttons == message.buttons:
            raise FakeApiError(400, NOT_MODIFIED)
        edited = replace(
            message,
            html=raw,
            text=plain,
            parse_mode=params.get("parse_mode"),
            buttons=buttons,
            edited=True,
        )
        self._messages[chat.user_id][message.message_id] = edited
        return self.message_json(edited)

    async def _m_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        message = self._existing(chat, params, "edit")
        buttons = _check_markup(params.get("reply_markup"))
        if buttons == message.buttons:
            raise FakeApiError(400, NOT_MODIFIED)
        edited = replace(message, buttons=buttons, edited=True)
        self._messages[chat.user_id][message.message_id] = edited
        return self.message_json(edited)

    async def _m_deletemessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        message = self._existing(chat, params, "delete")
        del self._messages[chat.user_id][message.message_id]
        return True

    async def _m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self.pending_callback_queries:
            raise FakeApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
            raise FakeApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.pending_callback_queries.discard(query_id)
        self._answered.add(query_id)
        return True

    def was_answered(self, query_id: str) -> bool:
        return query_id in self._answered

    async def _m_sendchataction(self, params: dict[str, Any]) -> bool:
        self._chat(params)
        return True

    def _commands_key(self, params: dict[str, Any]) -> tuple[str, str | None]:
        scope = _as_json(params.get("scope")) or {"type": "default"}
        language = params.get("language_code") or None
        if language is not None and (len(language) != 2 or not language.isalpha()):
            raise FakeApiError(400, "Bad Request: invalid language code specified")
        return str(scope.get("type", "default")), language

    async def _m_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = _as_json(params.get("commands"))
        if not isinstance(commands, list) or len(commands) > 100:
            raise FakeApiError(400, "Bad Request: commands must be a list of at most 100")
        for command in commands:
            name, description = str(command.get("command", "")), str(command.get("description", ""))
            if not (
                1 <= len(name) <= 32 and all(c.islower() or c.isdigit() or c == "_" for c in name)
            ):
                raise FakeApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise FakeApiError(400, "Bad Request: command description is invalid")
        self.commands[self._commands_key(params)] = [dict(c) for c in commands]
        return True

    async def _m_getmycommands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        return self.commands.get(self._commands_key(params), [])

    async def _m_deletemycommands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _m_setwebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url", ""))
        if url and urlsplit(url).scheme != "https":
            raise FakeApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.webhook = {
            "url": url,
            "secret_token": params.get("secret_token"),
            "allowed_updates": _as_json(params.get("allowed_updates")),
            "drop_pending_updates": _as_bool(params.get("drop_pending_updates", False)),
        }
        if self.webhook["drop_pending_updates"]:
            self._updates.clear()
        return True

    async def _m_deletewebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": ""}
        if _as_bool(params.get("drop_pending_updates", False)):
            self._updates.clear()
        return True

    async def _m_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise FakeApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = _as_int(params.get("offset", 0), "offset")
        limit = _as_int(params.get("limit", 100), "limit")
        timeout = float(params.get("timeout", 0) or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout=min(timeout, 1.0))
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        return self._updates[:limit]

    async def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    async def _m_logout(self, params: dict[str, Any]) -> bool:
        return True
