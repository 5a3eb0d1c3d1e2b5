"""Long text cut into pieces Telegram accepts, at paragraph or word boundaries where possible."""

from __future__ import annotations

MAX_MESSAGE = 4096


def split_for_telegram(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Never rejected by Telegram, never a word cut in half unless a single word is too long."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def cap(text: str, limit: int) -> str:
    """Keep at most `limit` characters of free text, marking the cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


MAX_FIRST_NAME = 40
MAX_NAME_WORDS = 3
_NAME_MARKS = frozenset(" -'\u2019.")


def first_name(text: str) -> str | None:
    """A first name as typed ("Sam", "Anne-Marie", "Jan Willem"), or None for anything else: a
    sentence typed where a name was asked ("mijn dochter praat over doodgaan") is no name."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_FIRST_NAME or len(name.split()) > MAX_NAME_WORDS:
        return None
    if not all(c.isalpha() or c in _NAME_MARKS for c in name):
        return None
    return name
