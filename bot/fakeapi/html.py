"""Telegram's HTML parse mode, strictly, so a markup mistake fails in tests instead of in a chat.

Telegram answers a message with broken HTML with "can't parse entities" and the user gets
nothing. This parser accepts only what the Bot API documentation promises to accept, and is a
little stricter on purpose: a bare `&` or `>` is refused too, so that every piece of user or
catalog text that reaches a message has been escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.fakeapi.errors import FakeApiError

__all__ = ["Entity", "FormattedText", "parse_html", "parse_telegram_html", "utf16_len"]

# Tag name -> entity type. `span` is only a spoiler with class="tg-spoiler" (checked below).
_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
# "bold, italic, underline, strikethrough and spoiler can contain and be part of any other
# entities, except pre and code"; "all other entities can't contain each other".
_FORMATTING = {"bold", "italic", "underline", "strikethrough", "spoiler"}
_VERBATIM = {"code", "pre"}
_ATOMIC = {"text_link", "custom_emoji"}
_LINK_SCHEMES = ("http://", "https://", "tg://", "mailto:")

_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PLAIN_RUN = re.compile(r"[^<>&]+")
_CHAR_REF = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_LOOKS_LIKE_REF = re.compile(r"&#?[A-Za-z0-9]*;?")
_WHITESPACE = " \t\n\r\v\f"


def utf16_len(s: str) -> int:
    """Telegram measures lengths and entity offsets in UTF-16 code units: an emoji counts 2."""
    return len(s.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Entity:
    """One MessageEntity as Telegram returns it (offset and length in UTF-16 code units)."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.url is not None:
            data["url"] = self.url
        if self.language is not None:
            data["language"] = self.language
        if self.custom_emoji_id is not None:
            data["custom_emoji_id"] = self.custom_emoji_id
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        """Entities passed explicitly (no parse mode) are kept as the bot gave them."""
        try:
            return cls(
                type=str(data["type"]),
                offset=int(data["offset"]),
                length=int(data["length"]),
                url=data.get("url"),
                language=data.get("language"),
                custom_emoji_id=data.get("custom_emoji_id"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FakeApiError(400, "Bad Request: can't parse entities JSON object") from exc


@dataclass(frozen=True)
class FormattedText:
    """What the user sees: the plain text plus the entities that style it."""

    text: str
    entities: tuple[Entity, ...] = ()

    def trimmed(self) -> FormattedText:
        """Telegram drops leading and trailing whitespace and moves the entities along."""
        stripped = self.text.strip(_WHITESPACE)
        if stripped == self.text:
            return self
        lead = utf16_len(self.text) - utf16_len(self.text.lstrip(_WHITESPACE))
        size = utf16_len(stripped)
        entities = []
        for entity in self.entities:
            start = max(entity.offset - lead, 0)
            end = min(entity.offset + entity.length - lead, size)
            if end > start:
                entities.append(
                    Entity(
                        entity.type,
                        start,
                        end - start,
                        entity.url,
                        entity.language,
                        entity.custom_emoji_id,
                    )
                )
        return FormattedText(stripped, tuple(entities))


@dataclass
class _Open:
    tag: str
    entity_type: str | None  # None for a <code> merged into its <pre>
    start: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None


def _is_link(href: str) -> bool:
    """http(s) needs a host; tg: and mailto: need something after the scheme."""
    lowered = href.lower()
    scheme = next((s for s in _LINK_SCHEMES if lowered.startswith(s)), None)
    if scheme is None or len(href) == len(scheme) or any(c.isspace() for c in href):
        return False
    if scheme.startswith("http"):
        try:
            return bool(urlsplit(href).hostname)
        except ValueError:
            return False
    return True


def _fail(reason: str) -> FakeApiError:
    return FakeApiError(400, f"Bad Request: can't parse entities: {reason}")


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.parts: list[str] = []
        self.size = 0  # UTF-16 length of the text produced so far
        self.stack: list[_Open] = []
        self.entities: list[Entity] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.size += utf16_len(text)

    def run(self) -> FormattedText:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "<":
                if src.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            elif char == "&":
                value, self.pos = self.char_ref(self.pos)
                self.emit(value)
            elif char == ">":
                raise _fail(f'bare ">" at byte offset {self.byte_offset(self.pos)}; write &gt;')
            else:
                match = _PLAIN_RUN.match(src, self.pos)
                assert match is not None
                self.emit(match.group())
                self.pos = match.end()
        if self.stack:
            raise _fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')
        ordered = sorted(self.entities, key=lambda e: (e.offset, -e.length))
        return FormattedText("".join(self.parts), tuple(ordered))

    def char_ref(self, index: int) -> tuple[str, int]:
        """Decode one character reference starting at `index`; a bare `&` is an error here."""
        match = _CHAR_REF.match(self.src, index)
        if match is None:
            looks = _LOOKS_LIKE_REF.match(self.src, index)
            seen = looks.group() if looks else "&"
            where = self.byte_offset(index)
            if len(seen) > 1 and seen.endswith(";"):
                raise _fail(f'unsupported HTML entity "{seen}" at byte offset {where}')
            raise _fail(f'bare "&" at byte offset {where}; write &amp;')
        named, decimal, hexadecimal = match.groups()
        if named:
            return _NAMED[named], match.end()
        code = int(decimal, 10) if decimal else int(hexadecimal, 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise _fail(f'invalid character reference "{match.group()}"')
        return chr(code), match.end()

    def attribute_value(self, raw: str) -> str:
        """Attribute values follow the same escaping rules as text."""
        out: list[str] = []
        index = 0
        while index < len(raw):
            amp = raw.find("&", index)
            if amp < 0:
                out.append(raw[index:])
                break
            out.append(raw[index:amp])
            inner = _Parser(raw)
            value, index = inner.char_ref(amp)
            out.append(value)
        return "".join(out)

    def start_tag(self) -> None:
        src, begin = self.src, self.pos
        where = self.byte_offset(begin)
        match = _TAG_NAME.match(src, begin + 1)
        if match is None:
            raise _fail(f'bare "<" at byte offset {where}; write &lt;')
        tag = match.group().lower()
        if tag not in _ENTITY_TYPES:
            raise _fail(f'Unsupported start tag "{tag}" at byte offset {where}')
        attrs, self.pos = self.attributes(tag, match.end(), where)
        self.open(tag, attrs, where)

    def attributes(self, tag: str, index: int, where: int) -> tuple[dict[str, str | None], int]:
        src = self.src
        attrs: dict[str, str | None] = {}
        while True:
            while index < len(src) and src[index] in _WHITESPACE:
                index += 1
            if index >= len(src):
                raise _fail(f"Unclosed start tag at byte offset {where}")
            if src[index] == ">":
                return attrs, index + 1
            name_match = _ATTR_NAME.match(src, index)
            if name_match is None:
                raise _fail(f'Unexpected "{src[index]}" in the tag "{tag}" at byte offset {where}')
            name = name_match.group().lower()
            index = name_match.end()
            while index < len(src) and src[index] in _WHITESPACE:
                index += 1
            if index < len(src) and src[index] == "=":
                index += 1
                while index < len(src) and src[index] in _WHITESPACE:
                    index += 1
                if index >= len(src) or src[index] not in "\"'":
                    raise _fail(
                        f'value of the attribute "{name}" of the tag "{tag}" must be quoted '
                        f"(byte offset {where})"
                    )
                quote = src[index]
                close = src.find(quote, index + 1)
                if close < 0:
                    raise _fail(f"Unclosed start tag at byte offset {where}")
                attrs[name] = self.attribute_value(src[index + 1 : close])
                index = close + 1
            else:
                attrs[name] = None

    def open(self, tag: str, attrs: dict[str, str | None], where: int) -> None:
        entity_type: str | None = _ENTITY_TYPES[tag]
        frame = _Open(tag, entity_type, self.size)

        def allow(*names: str) -> None:
            for name in attrs:
                if name not in names:
                    raise _fail(f'Unsupported attribute "{name}" in the tag "{tag}"')

        def needs_value(name: str) -> str:
            value = attrs.get(name)
            if value is None:
                raise _fail(f'The tag "{tag}" needs a quoted "{name}" attribute')
            return value

        merged_into_pre = False
        if tag == "a":
            allow("href")
            href = needs_value("href").strip()
            if not _is_link(href):
                raise _fail(f'invalid URL "{href}" in the tag "a" at byte offset {where}')
            frame.url = href
        elif tag == "span":
            allow("class")
            if attrs.get("class") != "tg-spoiler":
                raise _fail(f'Tag "span" must have class "tg-spoiler" at byte offset {where}')
        elif tag == "tg-emoji":
            allow("emoji-id")
            emoji_id = needs_value("emoji-id")
            if not emoji_id.isdigit():
                raise _fail(f'invalid custom emoji identifier "{emoji_id}"')
            frame.custom_emoji_id = emoji_id
        elif tag == "blockquote":
            allow("expandable")
            if "expandable" in attrs:
                if attrs["expandable"] is not None:
                    raise _fail('The attribute "expandable" of "blockquote" takes no value')
                frame.entity_type = "expandable_blockquote"
        elif tag == "code":
            allow("class")
            css = attrs.get("class")
            merged_into_pre = bool(self.stack) and self.stack[-1].tag == "pre"
            if css is not None:
                if not css.startswith("language-") or css == "language-":
                    raise _fail(f'Unsupported class "{css}" in the tag "code"')
                if not merged_into_pre:
                    raise _fail("a programming language can only be given to <code> inside <pre>")
                self.stack[-1].language = css.removeprefix("language-")
            if merged_into_pre:
                frame.entity_type = None
        else:
            allow()
        if not merged_into_pre:
            self.check_nesting(tag, frame.entity_type, where)
        self.stack.append(frame)

    def check_nesting(self, tag: str, entity_type: str | None, where: int) -> None:
        for outer in self.stack:
            kind = outer.entity_type
            refused = (
                (kind in _VERBATIM or (kind is None and outer.tag == "code"))
                or (kind in _ATOMIC and entity_type not in _FORMATTING)
                or (
                    kind in ("blockquote", "expandable_blockquote")
                    and entity_type in ("blockquote", "expandable_blockquote")
                )
            )
            if refused:
                raise _fail(
                    f'the tag "{tag}" can\'t be inside "{outer.tag}" at byte offset {where}'
                )

    def end_tag(self) -> None:
        src, begin = self.src, self.pos
        where = self.byte_offset(begin)
        match = _TAG_NAME.match(src, begin + 2)
        if match is None:
            raise _fail(f"Unclosed end tag at byte offset {where}")
        tag = match.group().lower()
        index = match.end()
        while index < len(src) and src[index] in _WHITESPACE:
            index += 1
        if index >= len(src) or src[index] != ">":
            raise _fail(f"Unclosed end tag at byte offset {where}")
        if not self.stack:
            raise _fail(f"Unexpected end tag at byte offset {where}")
        top = self.stack[-1]
        if top.tag != tag:
            raise _fail(
                f'Unmatched end tag at byte offset {where}, expected "</{top.tag}>", '
                f'found "</{tag}>"'
            )
        self.stack.pop()
        self.pos = index + 1
        length = self.size - top.start
        if top.entity_type is not None and length > 0:
            self.entities.append(
                Entity(
                    top.entity_type,
                    top.start,
                    length,
                    url=top.url,
                    language=top.language,
                    custom_emoji_id=top.custom_emoji_id,
                )
            )


def parse_html(text: str) -> FormattedText:
    """Plain text and entities of an HTML-formatted message, or the 400 Telegram would send."""
    return _Parser(text).run()


def parse_telegram_html(text: str) -> str:
    """The plain text the user would see, or `FakeApiError` "can't parse entities"."""
    return parse_html(text).text
