"""The daily agenda's text: times, kind and place of each talk, who is coming, and no names."""

from datetime import UTC, date, datetime

from bot.core.booking import Appointment, ForWhom, Kind
from bot.core.models import Language
from bot.i18n import Catalogs
from bot.jobs.agenda import agenda_text

DUTCH = Catalogs()[Language.NL]


def _talk(hour: int, mode: str, practice_id: int = 1) -> Appointment:
    starts = datetime(2026, 11, 26, hour, 0, tzinfo=UTC)
    return Appointment(
        id=hour, uid=f"u{hour}", telegram_user_id=5, practice_id=practice_id, specialist_id=1,
        kind=Kind.FOLLOWUP, mode=mode, starts_at=starts, ends_at=starts, status="booked",
        for_whom=ForWhom.CHILD, first_name="Sam", birth_date=date(2016, 1, 1), phone=None,
        topic="sleep", note=None, sequence=0, cancelled_late=False,
    )  # fmt: skip


def test_the_agenda_names_place_and_who_is_coming_but_no_one_by_name() -> None:
    talks = [
        (_talk(9, "practice"), True),
        (_talk(10, "phone"), False),
        (_talk(12, "video", 2), False),
    ]
    text = agenda_text(DUTCH, date(2026, 11, 26), talks, {1: "De Linde", 2: "De Eik"})
    assert text.splitlines()[0] == "<b>Je agenda voor vandaag, donderdag 26 november</b>"
    assert "10:00 vervolggesprek · komt" in text
    assert "11:00 vervolggesprek · telefonisch" in text
    assert "13:00 vervolggesprek · met video" in text
    assert text.index("<b>De Linde</b>") < text.index("<b>De Eik</b>")
    assert "Sam" not in text


def test_a_day_without_talks_says_so() -> None:
    text = agenda_text(DUTCH, date(2026, 11, 26), [], {})
    assert text.endswith("Geen afspraken vandaag.")
