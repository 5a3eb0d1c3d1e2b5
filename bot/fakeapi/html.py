"""Telegram's HTML parse mode, checked strictly: what Telegram refuses, this refuses too."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*>")
_ATTR = re.compile(r"([a-zA-Z-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'))?")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_LINK_SCHEMES = {"http", "https", "tg", "mailto"}


class FakeApiError(Exception):
    """An answer Telegram would give instead of a result."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def _refuse(reason: str) -> FakeApiError:
    return FakeApiError(400, f"Bad Request: can't parse entities: {reason}")


def utf16_len(text: str) -> int:
    """Telegram measures text in UTF-16 code units: an emoji outside the BMP counts two."""
    return len(text.encode("utf-16-le")) // 2


def _check_attributes(name: str, raw: str) -> None:
    attrs = {m[1]: (m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(raw)}
    if name == "a":
        href = attrs.pop("href", None)
        if not href or urlsplit(href).scheme not in _LINK_SCHEMES:
            raise _refuse("a link needs an href with http, https, tg or mailto")
    elif name == "span":
        if attrs.pop("class", None) != "tg-spoiler":
            raise _refuse('span needs class="tg-spoiler"')
    elif name == "tg-emoji":
        if not (attrs.pop("emoji-id", "") or "").isdigit():
            raise _refuse("tg-emoji needs a numeric emoji-id")
    elif name == "code":
        language = attrs.pop("class", None)
        if language is not None and not language.startswith("language-"):
            raise _refuse("code may only have a language-* class")
    elif name == "blockquote" and "expandable" in attrs and attrs.pop("expandable") is not None:
        raise _refuse("expandable takes no value")
    if attrs:
        raise _refuse(f"unsupported attribute {next(iter(attrs))!r} on <{name}>")


def parse_telegram_html(text: str) -> str:
    """The plain text a user would see, or FakeApiError exactly where Telegram would refuse."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            match = _TAG.match(text, i)
            if match is None:
                raise _refuse(f"unsupported start tag at byte offset {len(text[:i].encode())}")
            closing, name, attrs = match[1], match[2].lower(), match[3]
            if name not in ALLOWED_TAGS:
                raise _refuse(f'unsupported start tag "{name}"')
            if closing:
                if attrs.strip():
                    raise _refuse(f"closing tag </{name}> has attributes")
                if not stack or stack[-1] != name:
                    raise _refuse(f'unexpected end tag "{name}"')
                stack.pop()
            else:
                _check_attributes(name, attrs)
                if name == "code" and attrs.strip() and (not stack or stack[-1] != "pre"):
                    raise _refuse("a code language is only allowed inside pre")
                stack.append(name)
            i = match.end()
        elif ch == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                raise _refuse(f"unsupported entity at byte offset {len(text[:i].encode())}")
            body = match[1]
            try:
                if body.startswith("#x"):
                    out.append(chr(int(body[2:], 16)))
                elif body.startswith("#"):
                    out.append(chr(int(body[1:])))
                else:
                    out.append(_NAMED[body])
            except (ValueError, OverflowError):
                raise _refuse(f"entity &{body}; is not a character") from None
            i = match.end()
        elif ch == ">":
            raise _refuse("a bare > must be written as &gt;")
        else:
            out.append(ch)
            i += 1
    if stack:
        raise _refuse(f'can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)
