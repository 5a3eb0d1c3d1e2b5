"""The Dutch crisis lines, kept in one place with the date they were last checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Numbers and hours as given in the project's design notes (which record that 113 has been free
# to call since October 2025). Check each against the helpline's own site before every release
# and move this date.
LAST_CHECKED = date(2026, 11, 23)


@dataclass(frozen=True)
class Helplines:
    emergency: str = "112"
    suicide_prevention_short: str = "113"
    suicide_prevention_free: str = "0800-0113"
    suicide_prevention_chat: str = "https://www.113.nl"
    kindertelefoon: str = "0800-0432"
    kindertelefoon_hours: tuple[str, str] = ("11:00", "21:00")
    kindertelefoon_chat: str = "https://www.kindertelefoon.nl"
    veilig_thuis: str = "0800-2000"
    sexual_violence: str = "0800-0188"


HELPLINES = Helplines()
