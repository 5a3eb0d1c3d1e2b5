"""Free text about the bot's own services: making, moving or cancelling a talk, or a question.

"Ik wil mijn afspraak verzetten" is no question for the self-help library: it asks for a menu
action. A service intent needs a service word ("afspraak", "appointment") together with what to
do with it ("verzetten", "cancel"), so a question about the service itself ("wat gebeurt er bij
het eerste gesprek?") still goes to the library. Dutch and English are both read, whatever the
person's language: people mix them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.core.faq import normalise

_WORD = re.compile(r"[a-z0-9]+")


class ServiceIntent(StrEnum):
    BOOK = "book"  # make an appointment
    APPOINTMENTS = "appointments"  # see, move or cancel one
    ASK = "ask"  # a question to the specialist


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalise(text)))


_TALK = _words(
    "afspraak afspraken afspraakje gesprek gesprekje gesprekken consult intake kennismaking "
    "kennismakingsgesprek appointment appointments appt session meeting"
)
_CHANGE = _words(
    "verzetten verzet verplaatsen verplaats verschuiven omzetten wijzigen veranderen afzeggen "
    "afzeg annuleren annuleer afmelden afbellen cancel cancelling canceling reschedule "
    "rescheduling move postpone change"
)
_MAKE = _words(
    "maken maak plannen plan inplannen boeken boek aanvragen regelen vastleggen krijgen "
    "book booking make schedule arrange request"
)
_MINE = _words("mijn mn my")
_ASK = re.compile(
    r"\b(vraag|vragen) (stellen|aan|voor)\b|\biets vragen\b|\bask (a |my |the )?question\b"
    r"|\bquestion (for|to) the\b|\bask the (specialist|poh)\b"
)
_SHORT_QUESTION = re.compile(r"^(hoi |hallo |hi |hello )?(ik heb een vraag|i have a question)$")


NEAR = 3  # words between a talk and what to do with it, at most: "een afspraak bij de poh maken"


def _near(words: list[str], talks: list[int], kind: frozenset[str]) -> bool:
    return any(
        w in kind and any(abs(i - t) <= NEAR + 1 for t in talks) for i, w in enumerate(words)
    )


def service_intent(text: str) -> ServiceIntent | None:
    """What the text asks the bot to do, or None when it is not about the bot's services."""
    words = _WORD.findall(normalise(text))
    talks = [i for i, w in enumerate(words) if w in _TALK]
    if talks:
        if _near(words, talks, _CHANGE):
            return ServiceIntent.APPOINTMENTS
        if any(i > 0 and words[i - 1] in _MINE for i in talks):
            return ServiceIntent.APPOINTMENTS
        if _near(words, talks, _MAKE):
            return ServiceIntent.BOOK
    plain = " ".join(words)
    if _ASK.search(plain) or _SHORT_QUESTION.match(plain):
        return ServiceIntent.ASK
    return None
