"""Plain values the rules and the storage layer exchange; no Telegram, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    PARENT = "parent"
    YOUNGSTER = "youngster"


class Language(StrEnum):
    NL = "nl"
    EN = "en"


DEFAULT_LANGUAGE = Language.NL


def language_from_telegram(code: str | None) -> Language:
    """Before a user chooses, Telegram's app language decides: English only if it says so."""
    if code and code.lower().startswith("en"):
        return Language.EN
    return Language.NL


@dataclass(frozen=True)
class Practice:
    id: int
    code: str
    name: str
    address: str
    phone: str
    huisartsenpost: str
    short_name: str = ""

    @property
    def label(self) -> str:
        """What a button shows: the short name where the practice file gives one."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Specialist:
    id: int
    key: str
    name: str
    title: str
    telegram_user_id: int | None
    practice_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class UserProfile:
    """All the bot keeps about a parent or youngster; every field can be shown and erased."""

    telegram_user_id: int
    language: Language
    role: Role
    age: int
    practice_id: int | None
    privacy_read_at: datetime
    created_at: datetime
    unreachable_since: datetime | None = None  # Telegram refused our messages (blocked the bot)


@dataclass(frozen=True)
class FlowState:
    """Where a user is in a flow; lives in the database so a restart strands nobody."""

    telegram_user_id: int
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    expires_at: datetime | None = None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at
