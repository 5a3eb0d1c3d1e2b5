"""Single-use invite codes that link a specialist's Telegram account."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

INVITE_VALID_FOR = timedelta(days=7)
# No 0/O, 1/I/L: a specialist types the code from a printout or another screen.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_GROUPS = 3
_GROUP_LENGTH = 4


def new_invite_code() -> str:
    """About 59 bits of randomness in three groups of four, e.g. ``K7QM-2XWD-9HTA``."""
    pick = secrets.choice
    groups = ("".join(pick(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS))
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """Forgive case, spaces and dashes, as people retype codes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    """Only the hash is stored, so a copy of the database links nobody."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def looks_like_code(text: str) -> bool:
    plain = normalise_code(text)
    return len(plain) == _GROUPS * _GROUP_LENGTH and all(ch in _ALPHABET for ch in plain)
