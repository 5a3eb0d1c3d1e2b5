"""Reminder times: elapsed-time offsets, quiet hours, merging, catch-up, across DST."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.clock import PRACTICE_TZ
from bot.core.reminders import (
    LAST_CALL,
    PlannedReminder,
    QuietHours,
    ReminderChoice,
    ReminderPolicy,
    decide,
    format_offset,
    next_moment,
    parse_offset,
    parse_quiet_hours,
    plan_reminders,
)

POLICY = ReminderPolicy()
QUIET = QuietHours()
H24, H2 = timedelta(hours=24), timedelta(hours=2)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PRACTICE_TZ)


def planned_for(starts_at: datetime, booked: datetime | None = None, **kw) -> list[datetime]:
    booked = booked or starts_at - timedelta(days=7)
    return [
        p.due_at.astimezone(PRACTICE_TZ) for p in plan_reminders(starts_at, booked, POLICY, **kw)
    ]


def test_a_talk_at_ten_gets_reminders_a_day_and_two_hours_before() -> None:
    assert planned_for(local(2026, 12, 1, 10, 0)) == [
        local(2026, 11, 30, 10),
        local(2026, 12, 1, 8),
    ]


def test_a_reminder_in_the_night_moves_to_the_evening_before() -> None:
    # 2 hours before 09:00 is 07:00, inside the quiet hours: it goes at 21:00 the evening before.
    assert planned_for(local(2026, 12, 1, 9, 0))[-1] == local(2026, 11, 30, 21, 0)


def test_a_reminder_late_in_the_evening_moves_before_the_quiet_hours_of_that_evening() -> None:
    starts = local(2026, 12, 1, 23, 45)  # not a usual hour, but the rule must hold
    assert planned_for(starts)[-1] == local(2026, 12, 1, 21, 0)


def test_two_reminders_within_three_hours_become_the_earlier_one() -> None:
    policy = ReminderPolicy(before=(timedelta(hours=12), H2))
    starts = local(2026, 12, 1, 8, 30)  # 12 h before: 20:30; 2 h before: 06:30 -> 21:00
    planned = plan_reminders(starts, starts - timedelta(days=3), policy)
    assert [(p.due_at, p.offset) for p in planned] == [
        (local(2026, 11, 30, 20, 30), timedelta(hours=12))
    ]


def test_a_reminder_whose_moment_passed_at_booking_is_skipped() -> None:
    starts = local(2026, 12, 1, 10, 0)
    assert planned_for(starts, booked=local(2026, 11, 30, 12, 0)) == [local(2026, 12, 1, 8, 0)]


def test_a_reminder_moved_out_of_the_night_to_before_booking_is_skipped() -> None:
    starts = local(2026, 12, 1, 9, 0)
    assert planned_for(starts, booked=local(2026, 11, 30, 21, 10)) == []


def test_the_day_before_is_elapsed_time_across_the_autumn_dst_change() -> None:
    # Clocks go back in the night to Sunday 2026-10-25: 24 hours before Sunday 10:00 is
    # Saturday 11:00 on the wall.
    starts = local(2026, 10, 25, 10, 0)
    assert planned_for(starts)[0] == local(2026, 10, 24, 11, 0)
    assert starts.astimezone(UTC) - planned_for(starts)[0].astimezone(UTC) == H24


def test_the_day_before_is_elapsed_time_across_the_spring_dst_change() -> None:
    # Clocks go forward in the night to Sunday 2026-03-29: 24 hours before Sunday 10:00 is
    # Saturday 09:00 on the wall.
    starts = local(2026, 3, 29, 10, 0)
    assert planned_for(starts)[0] == local(2026, 3, 28, 9, 0)


def test_quiet_hours_follow_the_wall_clock_on_a_dst_night() -> None:
    starts = local(2026, 3, 29, 9, 0)  # 2 h before is 07:00 local, the night of the change
    assert planned_for(starts)[-1] == local(2026, 3, 28, 21, 0)


@pytest.mark.parametrize(
    ("choice", "offsets"),
    [
        (ReminderChoice.ALL, [H24, H2]),
        (ReminderChoice.FIRST, [H24]),
        (ReminderChoice.LAST, [H2]),
        (ReminderChoice.NONE, []),
    ],
)
def test_the_users_choice_picks_the_reminders(choice: ReminderChoice, offsets: list) -> None:
    starts = local(2026, 12, 1, 10, 0)
    planned = plan_reminders(starts, starts - timedelta(days=7), POLICY, choice)
    assert [p.offset for p in planned] == offsets


def test_offsets_are_kept_largest_first() -> None:
    assert ReminderPolicy(before=(H2, H24)).before == (H24, H2)


def test_a_policy_refuses_a_reminder_after_the_talk() -> None:
    with pytest.raises(ValueError, match="before the talk"):
        ReminderPolicy(before=(timedelta(0),))


# -- deciding what to send now -------------------------------------------------------------------

STARTS = local(2026, 12, 1, 10, 0)
FIRST = PlannedReminder(local(2026, 11, 30, 10, 0), H24)
SECOND = PlannedReminder(local(2026, 12, 1, 8, 0), H2)
PLAN = [FIRST, SECOND]


def test_nothing_is_sent_before_its_moment() -> None:
    assert decide(PLAN, set(), STARTS, local(2026, 11, 30, 9, 59), QUIET).send is None


def test_a_due_reminder_is_sent() -> None:
    assert decide(PLAN, set(), STARTS, local(2026, 11, 30, 10, 0), QUIET).send == FIRST


def test_a_done_reminder_is_not_sent_again() -> None:
    assert decide(PLAN, {H24}, STARTS, local(2026, 11, 30, 12, 0), QUIET).send is None


def test_after_downtime_only_the_latest_missed_reminder_goes() -> None:
    decision = decide(PLAN, set(), STARTS, local(2026, 12, 1, 8, 30), QUIET)
    assert decision.send == SECOND
    assert decision.skip == (FIRST,)


def test_a_missed_reminder_waits_for_the_morning_instead_of_going_in_the_night() -> None:
    decision = decide(PLAN, set(), STARTS, local(2026, 12, 1, 2, 0), QUIET)
    assert decision.send is None
    assert decision.wait_until == local(2026, 12, 1, 8, 0)


def test_a_missed_reminder_is_dropped_when_the_night_lasts_until_the_talk() -> None:
    early = local(2026, 12, 1, 7, 30)
    plan = [PlannedReminder(local(2026, 11, 30, 7, 30), H24)]
    decision = decide(plan, set(), early, local(2026, 12, 1, 1, 0), QUIET)
    assert decision.send is None and decision.skip == tuple(plan)


def test_a_missed_reminder_is_dropped_when_the_next_one_comes_soon() -> None:
    short_nights = QuietHours(time(23, 0), time(5, 0))
    decision = decide(PLAN, set(), STARTS, SECOND.due_at - timedelta(hours=1), short_nights)
    assert decision.send is None
    assert decision.skip == (FIRST,)


def test_a_talk_that_has_begun_gets_no_reminder() -> None:
    decision = decide(PLAN, set(), STARTS, STARTS, QUIET)
    assert decision.send is None and set(decision.skip) == set(PLAN)


def test_the_next_moment_is_the_first_open_reminder_ahead() -> None:
    assert next_moment(PLAN, set(), local(2026, 11, 29, 0, 0)) == FIRST.due_at
    assert next_moment(PLAN, {H24}, local(2026, 11, 29, 0, 0)) == SECOND.due_at
    assert next_moment(PLAN, {H24, H2}, local(2026, 11, 29, 0, 0)) is None


# -- configuration text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"), [("24h", H24), ("2h", H2), ("90m", timedelta(minutes=90)), ("1d", H24)]
)
def test_offsets_are_read_from_short_text(text: str, offset: timedelta) -> None:
    assert parse_offset(text) == offset


@pytest.mark.parametrize("text", ["", "h", "24", "-2h", "²h", "15d", "0m", "2 uur"])
def test_unreadable_offsets_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="'"):
        parse_offset(text)


def test_offsets_are_written_back_the_way_they_are_read() -> None:
    assert [format_offset(o) for o in (H24 * 2, H2, timedelta(minutes=90))] == ["2d", "2h", "90m"]


def test_quiet_hours_are_read_from_text() -> None:
    assert parse_quiet_hours("22:00-07:30") == QuietHours(time(22), time(7, 30))
    with pytest.raises(ValueError, match="21:30-08:00"):
        parse_quiet_hours("22-7")


# -- properties ----------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(starts=moments, lead=st.integers(min_value=0, max_value=14 * 24 * 60))
def test_no_planned_reminder_falls_in_the_quiet_hours_or_after_booking(
    starts: datetime, lead: int
) -> None:
    booked = starts - timedelta(minutes=lead)
    planned = plan_reminders(starts, booked, POLICY)
    for reminder in planned:
        assert not QUIET.contains(reminder.due_at)
        assert booked < reminder.due_at < starts
    for a, b in itertools.pairwise(planned):
        assert b.due_at - a.due_at >= timedelta(hours=3)


@settings(max_examples=300, deadline=None)
@given(starts=moments)
def test_a_moved_reminder_goes_before_the_quiet_hours_begin(starts: datetime) -> None:
    for reminder in plan_reminders(starts, starts - timedelta(days=30), POLICY):
        natural = starts - reminder.offset
        if reminder.due_at != natural:
            assert reminder.due_at == QUIET.began(natural) - LAST_CALL


@settings(max_examples=300, deadline=None)
@given(starts=moments, now=moments, done=st.sets(st.sampled_from([H24, H2])))
def test_a_decision_never_sends_in_the_night_nor_after_the_talk_nor_twice(
    starts: datetime, now: datetime, done: set
) -> None:
    planned = plan_reminders(starts, starts - timedelta(days=30), POLICY)
    decision = decide(planned, done, starts, now, QUIET)
    if decision.send is not None:
        assert not QUIET.contains(now)
        assert now < starts
        assert decision.send.offset not in done
        assert decision.send not in decision.skip
