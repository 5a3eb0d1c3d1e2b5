"""free_slots: opening hours, bookings, buffer, notice, horizon, closed days, DST."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.clock import PRACTICE_TZ
from bot.core.slots import Busy, Slot, WeeklyHours, free_slots

MONDAY_MORNING = [WeeklyHours(0, time(9, 0), time(12, 0))]
HALF_HOUR = timedelta(minutes=30)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PRACTICE_TZ).astimezone(UTC)


def starts(slots: list[Slot]) -> list[str]:
    return [s.start.astimezone(PRACTICE_TZ).strftime("%a %d %H:%M") for s in slots]


def test_a_free_morning_gives_every_quarter_that_fits() -> None:
    slots = free_slots(MONDAY_MORNING, [], local(2026, 11, 20, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=4))  # fmt: skip
    assert starts(slots)[0] == "Mon 23 09:00"
    assert starts(slots)[-1] == "Mon 23 11:30"
    assert len(slots) == 11


def test_a_booking_blocks_its_time_and_the_buffer_after_it() -> None:
    booked = [Busy(local(2026, 11, 23, 10, 0), local(2026, 11, 23, 10, 45))]
    slots = free_slots(MONDAY_MORNING, booked, local(2026, 11, 20, 9, 0), length=HALF_HOUR,
                       buffer=timedelta(minutes=15), horizon=timedelta(days=4))  # fmt: skip
    assert "Mon 23 09:15" in starts(slots)
    assert "Mon 23 09:30" not in starts(slots)  # would end 10:00 but needs 15 minutes buffer
    assert "Mon 23 10:45" not in starts(slots)  # inside the buffer after the booking
    assert "Mon 23 11:00" in starts(slots)


def test_a_half_open_range_lets_the_next_talk_start_at_the_end() -> None:
    booked = [Busy(local(2026, 11, 23, 9, 0), local(2026, 11, 23, 9, 30))]
    slots = free_slots(MONDAY_MORNING, booked, local(2026, 11, 20, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=4))  # fmt: skip
    assert starts(slots)[0] == "Mon 23 09:30"


def test_a_longer_talk_needs_a_longer_gap() -> None:
    booked = [Busy(local(2026, 11, 23, 10, 0), local(2026, 11, 23, 10, 30))]
    slots = free_slots(MONDAY_MORNING, booked, local(2026, 11, 20, 9, 0),
                       length=timedelta(minutes=45), horizon=timedelta(days=4))  # fmt: skip
    assert starts(slots) == ["Mon 23 09:00", "Mon 23 09:15", "Mon 23 10:30", "Mon 23 10:45",
                             "Mon 23 11:00", "Mon 23 11:15"]  # fmt: skip


def test_nothing_inside_the_notice() -> None:
    slots = free_slots(MONDAY_MORNING, [], local(2026, 11, 22, 22, 0), length=HALF_HOUR,
                       horizon=timedelta(days=2))  # fmt: skip
    assert starts(slots)[0] == "Mon 23 10:00"


def test_nothing_beyond_the_horizon() -> None:
    slots = free_slots(MONDAY_MORNING, [], local(2026, 11, 20, 9, 0), length=HALF_HOUR)
    assert max(s.start for s in slots) < local(2026, 11, 20, 9, 0) + timedelta(weeks=6)
    assert len({s.start.date() for s in slots}) == 6


def test_a_closed_day_has_no_slots() -> None:
    slots = free_slots(MONDAY_MORNING, [], local(2026, 11, 20, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=4), closed_days={date(2026, 11, 23)})  # fmt: skip
    assert slots == []


def test_extra_hours_on_a_date_add_slots() -> None:
    extra = {date(2026, 11, 24): [(time(14, 0), time(15, 0))]}
    slots = free_slots(MONDAY_MORNING, [], local(2026, 11, 20, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=5), extra_hours=extra)  # fmt: skip
    assert "Tue 24 14:00" in starts(slots)
    assert "Tue 24 14:30" in starts(slots)


def test_notice_is_elapsed_time_across_the_spring_dst_change() -> None:
    # Saturday 28 March 2026 20:00 CET; 12 hours later it is Sunday 09:00 CEST, not 08:00.
    sunday = [WeeklyHours(6, time(8, 0), time(11, 0))]
    slots = free_slots(sunday, [], local(2026, 3, 28, 20, 0), length=HALF_HOUR,
                       horizon=timedelta(days=1))  # fmt: skip
    assert starts(slots)[0] == "Sun 29 09:00"
    assert slots[0].start == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def test_opening_hours_stay_wall_clock_on_the_autumn_dst_change() -> None:
    sunday = [WeeklyHours(6, time(9, 0), time(10, 0))]
    slots = free_slots(sunday, [], local(2026, 10, 24, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=2))  # fmt: skip
    assert starts(slots) == ["Sun 25 09:00", "Sun 25 09:15", "Sun 25 09:30"]
    assert slots[0].start == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)


def test_a_night_time_in_the_spring_gap_is_skipped() -> None:
    sunday = [WeeklyHours(6, time(2, 30), time(4, 0))]
    slots = free_slots(sunday, [], local(2026, 3, 27, 9, 0), length=HALF_HOUR,
                       horizon=timedelta(days=3))  # fmt: skip
    assert slots == []


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        free_slots(MONDAY_MORNING, [], datetime(2026, 11, 20), length=HALF_HOUR)


# -- properties ------------------------------------------------------------------------------

NOW = local(2026, 11, 20, 9, 0)
WEEK = [WeeklyHours(d, time(8, 30), time(17, 0)) for d in range(5)]
minutes = st.integers(min_value=0, max_value=14 * 24 * 60)
lengths = st.sampled_from([15, 30, 45, 60])
bookings = st.lists(st.tuples(minutes, lengths), max_size=25)


@given(bookings, lengths, st.sampled_from([0, 5, 15]), st.integers(min_value=0, max_value=48))
def test_no_slot_ever_overlaps_a_booking_or_its_buffer(
    booked_raw: list[tuple[int, int]], length: int, buffer: int, notice_hours: int
) -> None:
    booked = [
        Busy(NOW + timedelta(minutes=m), NOW + timedelta(minutes=m + n)) for m, n in booked_raw
    ]
    gap = timedelta(minutes=buffer)
    notice = timedelta(hours=notice_hours)
    slots = free_slots(WEEK, booked, NOW, length=timedelta(minutes=length), buffer=gap,
                       notice=notice, horizon=timedelta(weeks=2))  # fmt: skip
    for slot in slots:
        assert slot.start >= NOW + timedelta(hours=notice_hours)
        assert slot.start < NOW + timedelta(weeks=2)
        assert slot.end - slot.start == timedelta(minutes=length)
        for b in booked:
            assert not (slot.start < b.end + gap and b.start < slot.end + gap)


@given(bookings, lengths)
def test_every_slot_lies_inside_working_hours_on_a_working_day(
    booked_raw: list[tuple[int, int]], length: int
) -> None:
    booked = [
        Busy(NOW + timedelta(minutes=m), NOW + timedelta(minutes=m + n)) for m, n in booked_raw
    ]
    slots = free_slots(WEEK, booked, NOW, length=timedelta(minutes=length),
                       horizon=timedelta(weeks=2))  # fmt: skip
    assert slots == sorted(set(slots))
    for slot in slots:
        start, end = slot.start.astimezone(PRACTICE_TZ), slot.end.astimezone(PRACTICE_TZ)
        assert start.weekday() < 5
        assert start.time() >= time(8, 30)
        assert end.time() <= time(17, 0)
        assert end.date() == start.date()
