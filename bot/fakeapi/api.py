"""An in-process Telegram Bot API that checks what Telegram checks.

Tests and the terminal demo run the real PTB Application against it; the request layer in
request.py (in process) or the HTTP server in http.py (for a real `python -m bot run`) carry the
calls here. State is kept the way a user sees it: chats, the bot's messages, open callback queries.
Every refusal uses Telegram's HTTP status and wording, so PTB raises the exception it would raise
in production (BadRequest, Forbidden, RetryAfter, InvalidToken, Conflict).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from bot.fakeapi.errors import FakeApiError
from bot.fakeapi.html import Entity, FormattedText, parse_html, utf16_len

__all__ = [
    "ApiCall",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "FakeApiError",
    "FakeBotApi",
    "SentDocument",
    "UploadedFile",
]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200
MAX_BUTTONS = 100
MAX_COMMANDS = 100
MAX_DOCUMENT = 50 * 1024 * 1024

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_BUTTON_KINDS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_SCOPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Telegram leaves these out of getUpdates unless they are asked for by name.
_OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}

# Over HTTP every form field arrives as a string; these are turned back into what they mean.
_INT_FIELDS = {
    "message_id",
    "offset",
    "limit",
    "max_connections",
    "cache_time",
    "reply_to_message_id",
    "message_thread_id",
    "user_id",
}
_BOOL_FIELDS = {
    "disable_notification",
    "protect_content",
    "show_alert",
    "drop_pending_updates",
    "allow_sending_without_reply",
    "disable_content_type_detection",
    "allow_paid_broadcast",
}
_JSON_FIELDS = {
    "reply_markup",
    "link_preview_options",
    "reply_parameters",
    "commands",
    "scope",
    "allowed_updates",
    "entities",
    "caption_entities",
}


@dataclass(frozen=True)
class Button:
    """One inline button as the user sees it; link and other buttons have no callback_data."""

    label: str
    callback_data: str | None = None
    url: str | None = None


class SentDocument(NamedTuple):
    """A file the bot sent: compares equal to a plain `(filename, bytes)` tuple."""

    filename: str
    content: bytes


class UploadedFile(NamedTuple):
    """A multipart file part as the request layer hands it over."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


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
    document: SentDocument | None = None
    edited: bool = False
    entities: tuple[Entity, ...] = ()
    date: datetime | None = None
    edit_date: datetime | None = None
    protect_content: bool = False
    reply_to_message_id: int | None = None
    # The inline keyboard exactly as sent (canonical JSON), to return it and to compare edits.
    keyboard_json: str | None = field(default=None, repr=False)

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
    """One request as the fake received it (after turning form strings into values)."""

    method: str
    params: dict[str, Any]
    status: int
    result: Any = None


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot said when it answered a tap (a toast, an alert, or nothing)."""

    text: str | None
    show_alert: bool
    url: str | None


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


@dataclass(frozen=True)
class _Query:
    user_id: int | None
    message_id: int | None
    data: str | None


def _bad(description: str) -> FakeApiError:
    return FakeApiError(400, f"Bad Request: {description}")


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise _bad(f"invalid {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"invalid {name} specified") from None


def _as_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str) and value.lower() in ("true", "1", "false", "0", ""):
        return value.lower() in ("true", "1")
    raise _bad(f"invalid {name} specified")


def _as_json(value: Any, name: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _bad(f"can't parse {name} JSON object") from None
    return value


def _coerce(params: dict[str, Any]) -> dict[str, Any]:
    """Give every known field its type, whether it came in process or as an HTTP form string."""
    out = dict(params)
    for name, value in params.items():
        if value is None:
            del out[name]
        elif name == "chat_id":
            if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
                out[name] = int(value)
        elif name in _INT_FIELDS:
            out[name] = _as_int(value, name)
        elif name == "timeout":
            try:
                out[name] = float(value)
            except (TypeError, ValueError):
                raise _bad("invalid timeout specified") from None
        elif name in _BOOL_FIELDS:
            out[name] = _as_bool(value, name)
        elif name in _JSON_FIELDS:
            out[name] = _as_json(value, name)
    return out


def _check_url(url: Any) -> str:
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:
        parts = None
    if (
        parts is None
        or any(c.isspace() for c in url)
        or parts.scheme not in ("http", "https", "tg")
        or (parts.scheme != "tg" and not parts.hostname)
        or (parts.scheme == "tg" and not (parts.netloc or parts.path))
    ):
        raise _bad("inline keyboard button URL is invalid")
    return url


def _check_button(button: Any) -> Button:
    if not isinstance(button, dict):
        raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    label = button.get("text")
    if not isinstance(label, str) or not label.strip():
        raise _bad("can't parse inline keyboard button: Text must be non-empty")
    kinds = [k for k in _BUTTON_KINDS if button.get(k) is not None]
    if not kinds:
        raise _bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(kinds) > 1:
        raise _bad(
            "can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"got {', '.join(kinds)}"
        )
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
    ):
        raise _bad("BUTTON_DATA_INVALID")
    url = _check_url(button["url"]) if "url" in button else None
    return Button(label, data, url)


@dataclass(frozen=True)
class _Markup:
    buttons: tuple[tuple[Button, ...], ...] = ()
    keyboard_json: str | None = None


def _check_markup(raw: Any) -> _Markup:
    """Inline keyboards are kept; reply keyboards are checked and then not shown in messages."""
    if raw is None:
        return _Markup()
    if not isinstance(raw, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        rows = raw["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array')
        rows = [row for row in rows if row]
        if sum(len(row) for row in rows) > MAX_BUTTONS:
            raise _bad("reply markup is too long")
        buttons = tuple(tuple(_check_button(b) for b in row) for row in rows)
        return _Markup(buttons, json.dumps(rows, sort_keys=True) if rows else None)
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for b in row:
                label = b.get("text") if isinstance(b, dict) else b
                if not isinstance(label, str) or not label:
                    raise _bad("can't parse keyboard button: Text must be non-empty")
        return _Markup()
    if raw.get("remove_keyboard") is True or raw.get("force_reply") is True:
        return _Markup()
    raise _bad("can't parse reply keyboard markup JSON object")


def _formatted(params: dict[str, Any], key: str, entities_key: str) -> FormattedText:
    """The text the user sees: HTML parsed strictly, no parse mode taken literally."""
    raw = params.get(key)
    if raw is None:
        return FormattedText("")
    raw = str(raw)
    mode = params.get("parse_mode")
    if mode is None or mode == "":
        entities = params.get(entities_key) or []
        if not isinstance(entities, list):
            raise _bad("can't parse entities JSON object")
        parsed = FormattedText(raw, tuple(Entity.from_json(e) for e in entities))
    elif str(mode).lower() == "html":
        parsed = parse_html(raw)
    else:
        # Telegram knows Markdown and MarkdownV2; this project writes HTML only, so the fake
        # refuses the rest to catch a stray parse mode early.
        raise _bad(f"unsupported parse_mode {mode!r}: the fake Bot API only accepts HTML")
    return parsed.trimmed()


_SENDS = frozenset({"sendmessage", "senddocument", "editmessagetext"})


class FakeBotApi:
    """All server state of the fake: chats, messages, commands, webhook, queued updates."""

    def __init__(
        self,
        *,
        token: str = "123456:TEST-token",
        bot_username: str = "JeugdBot",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Jeugdbot",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.calls: list[ApiCall] = []
        # (scope type, language code or None) -> commands as Telegram returns them.
        self.commands: dict[tuple[str, str | None], list[dict[str, str]]] = {}
        self.webhook: dict[str, Any] = self._no_webhook()
        self.allowed_updates: list[str] | None = None
        self.pending_callback_queries: set[str] = set()
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self.logged_out = False
        self._chats: dict[int, _Chat] = {}
        self._messages: dict[int, dict[int, BotMessage]] = defaultdict(dict)
        self._incoming: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._queries: dict[str, _Query] = {}
        self._query_ids = itertools.count(1)
        self._failures: dict[str, list[_Failure]] = defaultdict(list)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._waiters: set[asyncio.Event] = set()
        self._files: dict[str, SentDocument] = {}
        self._file_ids = itertools.count(1)
        self._writes: list[tuple[int, int]] = []  # (chat_id, message_id) per send or edit
        self._flood_limit: int | None = None
        self._flood_clock: Callable[[], float] = time.monotonic
        self._recent_sends: deque[float] = deque()
        self.flood_refusals = 0
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Awaitable[Any]]]] = {
            name.lower(): (name, handler)
            for name, handler in [
                ("getMe", self._get_me),
                ("sendMessage", self._send_message),
                ("editMessageText", self._edit_message_text),
                ("editMessageReplyMarkup", self._edit_message_reply_markup),
                ("deleteMessage", self._delete_message),
                ("answerCallbackQuery", self._answer_callback_query),
                ("sendDocument", self._send_document),
                ("sendChatAction", self._send_chat_action),
                ("setMyCommands", self._set_my_commands),
                ("getMyCommands", self._get_my_commands),
                ("deleteMyCommands", self._delete_my_commands),
                ("setWebhook", self._set_webhook),
                ("deleteWebhook", self._delete_webhook),
                ("getWebhookInfo", self._get_webhook_info),
                ("getUpdates", self._get_updates),
                ("close", self._close),
                ("logOut", self._log_out),
            ]
        }

    # -- helpers for tests, the harness and the demo ----------------------------------------

    def register_chat(
        self, user_id: int, first_name: str = "Sam", language_code: str | None = "nl"
    ) -> None:
        """A chat exists once the user has written to the bot, as on Telegram."""
        chat = self._chats.get(user_id)
        if chat is None:
            self._chats[user_id] = _Chat(user_id, first_name, language_code)
        else:
            chat.first_name, chat.language_code = first_name, language_code

    def knows_chat(self, chat_id: int) -> bool:
        return chat_id in self._chats

    def block(self, user_id: int) -> None:
        """The user blocked the bot: everything sent to the chat is now 403 Forbidden."""
        if user_id not in self._chats:
            self.register_chat(user_id)
        self._chats[user_id].blocked = True

    def unblock(self, user_id: int) -> None:
        if user_id in self._chats:
            self._chats[user_id].blocked = False

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` fail like a busy or unhappy Telegram (no effect)."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after or 1}",
                403: "Forbidden: bot was blocked by the user",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(status, "Internal Server Error")
        if status == 429 and retry_after is None:
            retry_after = 1
        self._failures[method.lower()].append(_Failure(status, description, retry_after, times))

    def clear_failures(self) -> None:
        """Telegram is healthy again: failures still queued by fail_next are dropped."""
        self._failures.clear()

    def limit_rate(
        self, per_second: int | None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Refuse sends beyond `per_second` within any one second with a 429, as Telegram does
        for a bot that floods (about 30 a second). None lifts the limit."""
        self._flood_limit = per_second
        self._flood_clock = clock
        self._recent_sends.clear()

    def _check_flood(self, name: str) -> None:
        if self._flood_limit is None or name not in _SENDS:
            return
        now = self._flood_clock()
        while self._recent_sends and self._recent_sends[0] <= now - 1.0:
            self._recent_sends.popleft()
        if len(self._recent_sends) >= self._flood_limit:
            self.flood_refusals += 1
            raise FakeApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        self._recent_sends.append(now)

    def next_message_id(self, chat_id: int) -> int:
        """One counter per private chat, shared by the user's and the bot's messages."""
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def messages(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages in a chat as they look now (deleted ones are gone)."""
        return sorted(self._messages.get(chat_id, {}).values(), key=lambda m: m.message_id)

    def message(self, chat_id: int, message_id: int) -> BotMessage | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def last_incoming(self, chat_id: int) -> dict[str, Any] | None:
        """The user's newest message in a chat that still exists, as Telegram delivered it."""
        incoming = self._incoming.get(chat_id)
        if not incoming:
            return None
        return incoming[max(incoming)]

    def write_mark(self) -> int:
        """A bookmark in the log of sends and edits; see `written_since`."""
        return len(self._writes)

    def written_since(self, mark: int, chat_id: int | None = None) -> list[BotMessage]:
        """Messages sent or edited after `mark`, in the order first touched, as they are now."""
        seen: list[tuple[int, int]] = []
        for key in self._writes[mark:]:
            if key not in seen and (chat_id is None or key[0] == chat_id):
                seen.append(key)
        return [m for c, i in seen if (m := self.message(c, i)) is not None]

    def new_callback_query(
        self, user_id: int | None = None, message_id: int | None = None, data: str | None = None
    ) -> str:
        """Open a callback query (a tap) that the bot must now answer exactly once."""
        query_id = f"{next(self._query_ids)}{abs(user_id or 0):d}"
        self._queries[query_id] = _Query(user_id, message_id, data)
        self.pending_callback_queries.add(query_id)
        return query_id

    def was_answered(self, query_id: str) -> bool:
        return query_id in self.callback_answers

    def expire_callback_query(self, query_id: str) -> None:
        """Telegram gives a bot about 15 seconds; after that the query can't be answered."""
        self.pending_callback_queries.discard(query_id)

    def note_incoming(self, update: dict[str, Any]) -> None:
        """What Telegram learns from a user's update: the chat exists, the message ids, the tap."""
        for key in ("message", "edited_message"):
            message = update.get(key)
            if not isinstance(message, dict):
                continue
            chat, sender = message.get("chat") or {}, message.get("from") or {}
            if chat.get("type") == "private" and isinstance(chat.get("id"), int):
                self.register_chat(
                    chat["id"],
                    str(sender.get("first_name") or chat.get("first_name") or ""),
                    sender.get("language_code"),
                )
                if isinstance(message.get("message_id"), int):
                    self._incoming[chat["id"]][message["message_id"]] = message
        query = update.get("callback_query")
        if isinstance(query, dict):
            sender = query.get("from") or {}
            if isinstance(sender.get("id"), int):
                self.register_chat(
                    sender["id"], str(sender.get("first_name", "")), sender.get("language_code")
                )
            query_id = str(query.get("id", ""))
            if query_id and query_id not in self._queries:
                message = query.get("message") or {}
                self._queries[query_id] = _Query(
                    sender.get("id"), message.get("message_id"), query.get("data")
                )
                self.pending_callback_queries.add(query_id)

    def enqueue_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (polling); its update_id is assigned here."""
        update = json.loads(json.dumps(update))
        update["update_id"] = self.next_update_id()
        self.note_incoming(update)
        self._updates.append(update)
        for waiter in self._waiters:
            waiter.set()
        return int(update["update_id"])

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return list(self._updates)

    # -- Telegram's JSON ----------------------------------------------------------------------

    def user_json(self, user_id: int) -> dict[str, Any]:
        chat = self._chats[user_id]
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": chat.first_name}
        if chat.language_code:
            user["language_code"] = chat.language_code
        return user

    def chat_json(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "type": "private", "first_name": self._chats[user_id].first_name}

    def message_json(self, message: BotMessage) -> dict[str, Any]:
        """The Message object Telegram returns for (and later shows in taps on) a bot message."""
        date = message.date or self.clock()
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": dict(self.bot_user),
            "chat": self.chat_json(message.chat_id),
            "date": int(date.timestamp()),
        }
        text_key, entities_key = "text", "entities"
        if message.document is not None:
            text_key, entities_key = "caption", "caption_entities"
            file_id = next((k for k, v in self._files.items() if v == message.document), "")
            data["document"] = {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": message.document.filename,
                "file_size": len(message.document.content),
            }
        if message.text or text_key == "text":
            data[text_key] = message.text
        if message.entities:
            data[entities_key] = [e.to_json() for e in message.entities]
        if message.edit_date is not None:
            data["edit_date"] = int(message.edit_date.timestamp())
        if message.protect_content:
            data["has_protected_content"] = True
        if message.keyboard_json is not None:
            data["reply_markup"] = {"inline_keyboard": json.loads(message.keyboard_json)}
        if message.reply_to_message_id is not None:
            replied = self._replied_json(message.chat_id, message.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = replied
        return data

    def _replied_json(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        shown = self.message(chat_id, message_id)
        if shown is not None:
            replied = self.message_json(replace(shown, reply_to_message_id=None))
            return replied
        return self._incoming.get(chat_id, {}).get(message_id)

    # -- the Bot API --------------------------------------------------------------------------

    async def call(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """One Bot API request: the HTTP status and the JSON body Telegram would send."""
        known = self._methods.get(method.lower())
        name = known[0] if known else method
        recorded = dict(params)
        try:
            if token != self.token:
                raise FakeApiError(401, "Unauthorized")
            if known is None:
                raise FakeApiError(404, "Not Found")
            self._maybe_fail(name.lower())
            self._check_flood(name.lower())
            recorded = _coerce(params)
            result = await known[1](recorded)
        except FakeApiError as exc:
            self.calls.append(ApiCall(name, recorded, exc.status))
            return exc.status, exc.to_json()
        self.calls.append(ApiCall(name, recorded, 200, result))
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

    def _chat(self, params: dict[str, Any]) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _bad("chat not found")
        if chat.blocked:
            raise FakeApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _store(self, message: BotMessage) -> BotMessage:
        self._messages[message.chat_id][message.message_id] = message
        self._writes.append((message.chat_id, message.message_id))
        return message

    def _reply_to(self, chat: _Chat, params: dict[str, Any]) -> int | None:
        """reply_parameters must point at a message that exists, unless told to go on without."""
        reply = params.get("reply_parameters")
        if reply is None and "reply_to_message_id" in params:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        if reply is None:
            return None
        if not isinstance(reply, dict) or "message_id" not in reply:
            raise _bad("can't parse reply parameters JSON object")
        message_id = _as_int(reply["message_id"], "message_id")
        exists = message_id in self._messages.get(
            chat.user_id, {}
        ) or message_id in self._incoming.get(chat.user_id, {})
        if exists:
            return message_id
        if _as_bool(reply.get("allow_sending_without_reply", False), "allow_sending_without_reply"):
            return None
        raise _bad("message to be replied not found")

    def _check_link_preview(self, params: dict[str, Any]) -> None:
        options = params.get("link_preview_options")
        if options is not None and not isinstance(options, dict):
            raise _bad("can't parse link preview options JSON object")

    async def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        text = _formatted(params, "text", "entities")
        if not text.text:
            raise _bad("message text is empty")
        if utf16_len(text.text) > MAX_TEXT:
            raise _bad("message is too long")
        markup = _check_markup(params.get("reply_markup"))
        self._check_link_preview(params)
        reply_to = self._reply_to(chat, params)
        message = BotMessage(
            message_id=self.next_message_id(chat.user_id),
            chat_id=chat.user_id,
            html=str(params["text"]),
            text=text.text,
            parse_mode=params.get("parse_mode") or None,
            buttons=markup.buttons,
            disable_notification=params.get("disable_notification", False),
            entities=text.entities,
            date=self.clock(),
            protect_content=params.get("protect_content", False),
            reply_to_message_id=reply_to,
            keyboard_json=markup.keyboard_json,
        )
        return self.message_json(self._store(message))

    def _document(self, value: Any) -> SentDocument:
        if isinstance(value, tuple) and len(value) in (2, 3):
            filename, content = str(value[0]), value[1]
            if not isinstance(content, bytes):
                content = content.read()
            if not content:
                raise _bad("file must be non-empty")
            if len(content) > MAX_DOCUMENT:
                raise FakeApiError(413, "Request Entity Too Large")
            return SentDocument(filename, bytes(content))
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and value:
            # A URL would make Telegram download it; the fake has no network, a file_id is unknown.
            raise _bad("wrong file identifier/HTTP URL specified")
        raise _bad("there is no document in the request")

    async def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        document = self._document(params.get("document"))
        caption = _formatted(params, "caption", "caption_entities")
        if utf16_len(caption.text) > MAX_CAPTION:
            raise _bad("message caption is too long")
        markup = _check_markup(params.get("reply_markup"))
        reply_to = self._reply_to(chat, params)
        if document not in self._files.values():
            self._files[f"BQACAgQAAx{next(self._file_ids):06d}"] = document
        message = BotMessage(
            message_id=self.next_message_id(chat.user_id),
            chat_id=chat.user_id,
            html=str(params.get("caption", "")),
            text=caption.text,
            parse_mode=params.get("parse_mode") or None,
            buttons=markup.buttons,
            disable_notification=params.get("disable_notification", False),
            document=document,
            entities=caption.entities,
            date=self.clock(),
            protect_content=params.get("protect_content", False),
            reply_to_message_id=reply_to,
            keyboard_json=markup.keyboard_json,
        )
        return self.message_json(self._store(message))

    def _to_edit(self, params: dict[str, Any]) -> BotMessage:
        if "inline_message_id" in params:
            raise _bad("the fake Bot API has no inline messages")
        chat = self._chat(params)
        if "message_id" not in params:
            raise _bad("message identifier is not specified")
        message_id = params["message_id"]
        message = self.message(chat.user_id, message_id)
        if message is None:
            if message_id in self._incoming.get(chat.user_id, {}):
                raise _bad("message can't be edited")
            raise _bad("message to edit not found")
        return message

    async def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._to_edit(params)
        if message.document is not None:
            raise _bad("there is no text in the message to edit")
        text = _formatted(params, "text", "entities")
        if not text.text:
            raise _bad("message text is empty")
        if utf16_len(text.text) > MAX_TEXT:
            raise _bad("message is too long")
        # Without reply_markup, Telegram removes the inline keyboard of the edited message.
        markup = _check_markup(params.get("reply_markup"))
        self._check_link_preview(params)
        if (text.text, text.entities, markup.keyboard_json) == (
            message.text,
            message.entities,
            message.keyboard_json,
        ):
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        edited = replace(
            message,
            html=str(params["text"]),
            text=text.text,
            entities=text.entities,
            parse_mode=params.get("parse_mode") or None,
            buttons=markup.buttons,
            keyboard_json=markup.keyboard_json,
            edited=True,
            edit_date=self.clock(),
        )
        return self.message_json(self._store(edited))

    async def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._to_edit(params)
        markup = _check_markup(params.get("reply_markup"))
        if markup.keyboard_json == message.keyboard_json:
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        edited = replace(
            message,
            buttons=markup.buttons,
            keyboard_json=markup.keyboard_json,
            edited=True,
            edit_date=self.clock(),
        )
        return self.message_json(self._store(edited))

    async def _delete_message(self, params: dict[str, Any]) -> bool:
        """In a private chat a bot may delete its own messages and the user's."""
        chat = self._chat(params)
        if "message_id" not in params:
            raise _bad("message identifier is not specified")
        message_id = params["message_id"]
        if self._messages.get(chat.user_id, {}).pop(message_id, None) is not None:
            return True
        if self._incoming.get(chat.user_id, {}).pop(message_id, None) is not None:
            return True
        raise _bad("message to delete not found")

    async def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self.pending_callback_queries:
            raise FakeApiError(400, QUERY_TOO_OLD)
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
            raise _bad("MESSAGE_TOO_LONG")
        self.pending_callback_queries.discard(query_id)
        self.callback_answers[query_id] = CallbackAnswer(
            text=None if text is None else str(text),
            show_alert=params.get("show_alert", False),
            url=params.get("url"),
        )
        return True

    async def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _commands_key(self, params: dict[str, Any]) -> tuple[str, str | None]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
            raise _bad("can't parse BotCommandScope JSON object")
        language = params.get("language_code") or None
        if language is not None and not re.fullmatch(r"[a-z]{2}", str(language)):
            raise _bad("invalid language code specified")
        return str(scope["type"]), language

    async def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand JSON object")
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        stored = [{"command": c["command"], "description": c["description"]} for c in commands]
        if stored:
            self.commands[key] = stored
        else:
            self.commands.pop(key, None)
        return True

    async def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        return [dict(c) for c in self.commands.get(self._commands_key(params), [])]

    async def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    @staticmethod
    def _no_webhook() -> dict[str, Any]:
        return {"url": "", "secret_token": None, "allowed_updates": None, "max_connections": None}

    def _set_allowed_updates(self, params: dict[str, Any]) -> list[str] | None:
        allowed = params.get("allowed_updates")
        if allowed is None:
            return self.allowed_updates
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise _bad("can't parse allowed updates JSON array")
        self.allowed_updates = list(allowed)
        return self.allowed_updates

    async def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url", ""))
        if not url:
            return await self._delete_webhook(params)
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        if parts.port not in (None, 80, 88, 443, 8443):
            raise _bad("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(str(secret)):
            raise _bad("secret token contains unallowed characters")
        connections = params.get("max_connections")
        if connections is not None and not 1 <= connections <= 100:
            raise _bad("invalid max_connections specified")
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": self._set_allowed_updates(params),
            "max_connections": connections or 40,
            "drop_pending_updates": params.get("drop_pending_updates", False),
        }
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = self._no_webhook()
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook["url"]:
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook["allowed_updates"] is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _wanted(self, update: dict[str, Any]) -> bool:
        kinds = {k for k in update if k != "update_id"}
        if self.allowed_updates:
            return bool(kinds & set(self.allowed_updates))
        return not kinds <= _OPT_IN_UPDATES

    def _deliverable(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """Confirm (drop) what is below `offset`, and what the bot does not want to receive."""
        if offset is not None:
            if offset < 0:
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._updates = [u for u in self._updates if self._wanted(u)]
        return self._updates[:limit]

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise FakeApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        limit = min(max(params.get("limit", 100), 1), 100)
        timeout = max(params.get("timeout", 0.0), 0.0)
        self._set_allowed_updates(params)
        updates = self._deliverable(offset, limit)
        if not updates and timeout > 0:
            # Long polling, bounded to a second so that tests and shutdowns never hang.
            waiter = asyncio.Event()
            self._waiters.add(waiter)
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), timeout=min(timeout, 1.0))
            finally:
                self._waiters.discard(waiter)
            updates = self._deliverable(offset, limit)
        return updates

    async def _close(self, params: dict[str, Any]) -> bool:
        return True

    async def _log_out(self, params: dict[str, Any]) -> bool:
        self.logged_out = True
        return True
