"""Long text cut into pieces Telegram accepts, at paragraph or word boundaries where possible;
and a first name told from a sentence."""

from __future__ import annotations

import re

from bot.core.intents import ServiceIntent, service_intent

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


# A first name, not a sentence: "Anne-Fleur", "D'Angelo", "Mohamed Ali".
MAX_FIRST_NAME = 30
_NAME_PART = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_FIRST_NAME = re.compile(rf"{_NAME_PART}(?: {_NAME_PART}){{0,2}}")
_GREETING_FIRST = re.compile(r"^(hoi|hallo|hey|hi|hello|hai)[,!]? (?=\S)", re.IGNORECASE)
_NAME_INTRO = re.compile(
    r"(ik ben|ik heet|mijn naam is|mn naam is|m'n naam is|my name is|i am|i'm|im)\s+", re.IGNORECASE
)


def first_name(text: str) -> str | None:
    """A first name as typed ("ik ben Sam" is Sam), or None for anything else: a sentence typed
    where a name was asked ("mijn dochter praat over doodgaan") is no name, nor is "hoi"."""
    name = " ".join(text.split()).strip(".!")
    name = _GREETING_FIRST.sub("", name, count=1)  # "Hi Sam", "hoi, ik ben Sam"
    name = _NAME_INTRO.sub("", name, count=1) if _NAME_INTRO.match(name) else name
    if len(name) > MAX_FIRST_NAME or not _FIRST_NAME.fullmatch(name):
        return None
    if service_intent(name) not in (None, ServiceIntent.CHAT):
        return None  # "hoi", "nee", "stop": words, not a name ("Dan" and "Ha" are names)
    return name
