"""Reading a date of birth as people type it: 1-5-2012, 01/05/2012, 1.5.2012 or 1 mei 2012."""

from __future__ import annotations

import re
from datetime import date

_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})\s*$")
_WRITTEN = re.compile(r"^\s*(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\s*$")
MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2,
    "mrt": 3, "mar": 3, "maart": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augustus": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
OLDEST = 26


def parse_birth_date(text: str, today: date) -> date | None:
    """None for anything unclear, in the future, or older than the bot's people (26+)."""
    lowered = text.lower()
    match = _NUMERIC.match(lowered)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _WRITTEN.match(lowered)
        if match is None or match[2] not in MONTHS:
            return None
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    if born > today or age_on(born, today) >= OLDEST:
        return None
    return born


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
