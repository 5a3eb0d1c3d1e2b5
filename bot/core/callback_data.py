"""Button data is packed and read here only. It carries ids, never state, and is re-checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_CALLBACK_BYTES = 64
_SEPARATOR = ":"


class Action(StrEnum):
    LANGUAGE = "lang"  # arg: language code
    ROLE = "role"  # arg: parent | youngster
    AGE = "age"  # arg: age in years | under | over
    PRACTICE = "prac"  # arg: practice id
    BACK = "back"  # arg: the step to go back to
    PRIVACY_OK = "priv"
    MENU = "menu"  # arg: menu item
    HELP_NOW = "sos"
    ERASE = "erase"  # arg: yes | no
    SET_LANGUAGE = "setlang"  # arg: language code (the /taal command, after onboarding)
    STOP = "stop"  # the Stoppen button of any flow
    ASK_SEND = "qsend"  # arg: anon | name
    ASK_REPLY = "qreply"  # arg: question id the user replies to
    QUESTION_VIEW = "qview"  # arg: question id (specialist)
    QUESTION_ANSWER = "qans"  # arg: question id (specialist)
    QUESTION_INVITE = "qinv"  # arg: question id (specialist)
    OPEN_QUESTIONS = "qopen"  # the specialist's list of waiting questions
    TIPS = "tips"  # the categories of the self-help library
    TIPS_CATEGORY = "tcat"  # arg: category
    TIPS_TOPIC = "ttop"  # arg: topic id
    BOOK_FOR = "bfor"  # arg: self | child
    BOOK_TOPIC = "btop"  # arg: topic key
    BOOK_NOTE_SKIP = "bskip"
    BOOK_WEEK = "bweek"  # arg: week offset from this week
    BOOK_DAY = "bday"  # arg: yyyymmdd
    BOOK_TIME = "btime"  # arg: start in epoch seconds
    BOOK_CONFIRM = "bok"
    BOOK_BACK = "bback"  # arg: the step to go back to
    APPOINTMENT_CANCEL = "acan"  # arg: appointment id; second arg "yes" to confirm
    APPOINTMENT_DETAILS = "adet"  # arg: appointment id (specialist)
    APPOINTMENT_MOVE = "amove"  # arg: appointment id
    WAITLIST_JOIN = "wjoin"
    WAITLIST_EARLIER = "wearly"  # arg: appointment id
    WAITLIST_YES = "wyes"  # arg: waitlist entry id
    WAITLIST_NO = "wno"  # arg: waitlist entry id
    WAITLIST_LEAVE = "wleave"  # arg: waitlist entry id
    REMINDER_COMING = "rcome"  # arg: reminder delivery id
    REMINDER_CHOICE = "rchoice"  # arg: all | first | last | none, or none at all to show them
    BOOK_PRACTICE = "bprac"  # arg: practice id (a practice of the person's group)
    BOOK_MODE = "bmode"  # arg: practice | phone | video


class InvalidCallback(ValueError):
    """Data that no button of ours makes: forged, truncated or from an older version."""


@dataclass(frozen=True)
class Callback:
    action: Action
    args: tuple[str, ...] = ()

    def arg(self, index: int = 0) -> str:
        try:
            return self.args[index]
        except IndexError as exc:
            raise InvalidCallback("missing argument") from exc


_NUMBER = re.compile(r"[0-9]{1,12}")


def is_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() then refuses."""
    return _NUMBER.fullmatch(text) is not None


def pack(action: Action, *args: str | int) -> str:
    parts = [action.value, *(str(a) for a in args)]
    if any(_SEPARATOR in p or not p for p in parts[1:]):
        raise ValueError("callback argument is empty or holds the separator")
    data = _SEPARATOR.join(parts)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def unpack(data: str | None) -> Callback:
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        raise InvalidCallback("empty or too long")
    head, *args = data.split(_SEPARATOR)
    try:
        action = Action(head)
    except ValueError as exc:
        raise InvalidCallback("unknown action") from exc
    return Callback(action, tuple(args))
