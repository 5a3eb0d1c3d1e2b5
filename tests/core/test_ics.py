from datetime import UTC, datetime

from icalendar import Calendar

from bot.core.ics import appointment_ics

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 12, 1, 9, 45, tzinfo=UTC)


def _event(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    return calendar, next(iter(calendar.walk("VEVENT")))


def test_the_file_holds_the_appointment_in_amsterdam_time() -> None:
    data = appointment_ics(uid="a@x", sequence=0, starts_at=START, ends_at=END, summary="Gesprek",
                           location="Lindelaan 1", description="", stamp=START)  # fmt: skip
    calendar, event = _event(data)
    assert str(event["uid"]) == "a@x"
    assert event.decoded("dtstart").hour == 10
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Amsterdam"
    assert b"BEGIN:VTIMEZONE" in data
    assert str(calendar["method"]) == "PUBLISH"


def test_a_cancel_keeps_the_uid_and_says_cancel() -> None:
    data = appointment_ics(uid="a@x", sequence=2, starts_at=START, ends_at=END, summary="Gesprek",
                           location="", description="", stamp=START, cancelled=True)  # fmt: skip
    calendar, event = _event(data)
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["uid"]) == "a@x"
    assert int(event["sequence"]) == 2
