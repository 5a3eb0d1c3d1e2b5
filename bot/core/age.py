"""Reading an age a person typed instead of tapping a button."""

from __future__ import annotations

import re
import unicodedata

from bot.core.consent import is_valid_age

_NUMBER_WORDS: dict[str, int] = {
    # Dutch
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20, "eenentwintig": 21, "tweeentwintig": 22,
    "drieentwintig": 23, "vierentwintig": 24, "vijfentwintig": 25,
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip

_DIGITS = re.compile(r"(?<!\d)(\d{1,3})(?!\d)")
_WORD = re.compile(r"[a-z]+")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ALMOST = frozenset({"bijna", "bijkans", "almost", "nearly"})


def parse_age(text: str) -> int | None:
    """One age from "14", "14 jaar", "ze is veertien"; None when unclear (none, several, absurd)."""
    plain = _plain(text)
    found = [int(m) for m in _DIGITS.findall(plain)]
    found += [_NUMBER_WORDS[w] for w in _WORD.findall(plain) if w in _NUMBER_WORDS]
    # "een" is also the Dutch article ("een dochter van 14"): drop it when a real number is there.
    if len(found) > 1 and "een" in _WORD.findall(plain):
        found = [n for n in found if n != 1] or found
    if len(set(found)) != 1:
        return None
    age = found[0]
    # "bijna 16" is 15: the rules by age change at 12, 16 and 18, so "almost" matters.
    if _ALMOST & set(_WORD.findall(plain)):
        age -= 1
    return age if is_valid_age(age) else None
