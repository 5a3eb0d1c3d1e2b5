"""Offers merged over a practice's specialists, and bookings re-checked on the server."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.core.booking import DEFAULT_LENGTH, ForWhom, Kind, SlotNotOffered, SlotTaken
from bot.core.clock import PRACTICE_TZ, FakeClock
from bot.core.models import Language, Role, UserProfile
from bot.core.slots import WeeklyHours
from bot.scheduling import book, offers
from bot.storage import NewAppointment, Storage

PRACTICE = {"code": "linde", "name": "De Linde", "address": "", "phone": "1", "huisartsenpost": "2"}
SPECIALISTS = [
    {"key": "anna", "name": "Anna", "title": "POH", "practices": ["linde"]},
    {"key": "bram", "name": "Bram", "title": "POH", "practices": ["linde"]},
]
HALF = DEFAULT_LENGTH[Kind.FOLLOWUP]
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=PRACTICE_TZ).astimezone(UTC)


async def _setup(storage: Storage, clock: FakeClock) -> tuple[int, int, int]:
    await storage.practices.upsert([PRACTICE], SPECIALISTS, clock.now())
    linde = await storage.practices.by_code("linde")
    anna = await storage.specialists.by_key("anna")
    bram = await storage.specialists.by_key("bram")
    assert linde and anna and bram
    await storage.availability.set_hours(anna.id, linde.id, [WeeklyHours(0, time(9), time(10))])
    await storage.availability.set_hours(bram.id, linde.id, [WeeklyHours(0, time(9), time(12))])
    for user in (1, 2):
        profile = UserProfile(user, Language.NL, Role.PARENT, 9, linde.id, clock.now(), clock.now())
        await storage.users.complete_onboarding(profile, clock.now())
    return linde.id, anna.id, bram.id


def _details(user: int, practice: int, start: datetime) -> NewAppointment:
    return NewAppointment(
        telegram_user_id=user, practice_id=practice, specialist_id=0, kind=Kind.FOLLOWUP,
        starts_at=start, ends_at=start, buffer=timedelta(0), for_whom=ForWhom.CHILD,
        first_name="Sam", birth_date=date(2016, 1, 1), topic="slapen",
    )  # fmt: skip


async def test_offers_merge_the_specialists_of_a_practice(
    storage: Storage, clock: FakeClock
) -> None:
    linde, anna, bram = await _setup(storage, clock)
    found = await offers(storage, linde, HALF, clock.now())
    first_monday = [o for o in found if o.start.date() == MONDAY.date()]
    assert first_monday[0].start == MONDAY
    assert first_monday[0].specialist_ids == (anna, bram)
    assert first_monday[-1].specialist_ids == (bram,)


async def test_the_specialist_of_earlier_talks_comes_first(
    storage: Storage, clock: FakeClock
) -> None:
    linde, anna, bram = await _setup(storage, clock)
    found = await offers(storage, linde, HALF, clock.now(), prefer_specialist=bram)
    assert found[0].specialist_ids == (bram, anna)


async def test_a_public_holiday_offers_nothing(storage: Storage, clock: FakeClock) -> None:
    linde, _, _ = await _setup(storage, clock)
    found = await offers(storage, linde, HALF, clock.now())
    assert date(2026, 12, 28) in {o.start.astimezone(PRACTICE_TZ).date() for o in found}
    # Monday 6 April 2026 was Easter Monday; look from March.
    clock.current = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    spring = await offers(storage, linde, HALF, clock.now())
    assert date(2026, 4, 6) not in {o.start.astimezone(PRACTICE_TZ).date() for o in spring}


async def test_a_forged_time_is_not_booked(storage: Storage, clock: FakeClock) -> None:
    linde, _, _ = await _setup(storage, clock)
    off_grid = _details(1, linde, MONDAY + timedelta(minutes=7))
    past = _details(1, linde, clock.now() - timedelta(days=1))
    with pytest.raises(SlotNotOffered):
        await book(storage, off_grid, clock.now(), length=HALF)
    with pytest.raises(SlotNotOffered):
        await book(storage, past, clock.now(), length=HALF)


async def test_a_taken_time_goes_to_the_other_free_specialist(
    storage: Storage, clock: FakeClock
) -> None:
    linde, anna, bram = await _setup(storage, clock)
    first = await book(storage, _details(1, linde, MONDAY), clock.now(), length=HALF)
    second = await book(storage, _details(2, linde, MONDAY), clock.now(), length=HALF)
    assert {first.specialist_id, second.specialist_id} == {anna, bram}
    with pytest.raises((SlotTaken, SlotNotOffered)):
        await book(storage, _details(2, linde, MONDAY), clock.now(), length=HALF)


async def test_offers_last_the_length_asked_for(storage: Storage, clock: FakeClock) -> None:
    linde, _, _ = await _setup(storage, clock)
    found = await offers(storage, linde, timedelta(minutes=60), clock.now())
    monday = [o for o in found if o.start.date() == MONDAY.date()]
    assert all(o.end - o.start == timedelta(minutes=60) for o in monday)
    assert monday[-1].start == MONDAY + timedelta(hours=2)  # Bram's 09:00-12:00 ends at 12:00


async def test_a_booking_lasts_the_length_asked_for(storage: Storage, clock: FakeClock) -> None:
    linde, _, _ = await _setup(storage, clock)
    booked = await book(storage, _details(1, linde, MONDAY), clock.now(), length=timedelta(hours=1))
    assert booked.ends_at - booked.starts_at == timedelta(hours=1)
