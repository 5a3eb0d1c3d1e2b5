from datetime import date, time

import pytest

from bot.core.clock import FakeClock
from bot.core.slots import WeeklyHours
from bot.storage import Storage

PRACTICE = {"code": "linde", "name": "De Linde", "address": "", "phone": "1", "huisartsenpost": "2"}
SPECIALIST = {"key": "anna", "name": "Anna", "title": "POH", "practices": ["linde"]}


async def _ids(storage: Storage, clock: FakeClock) -> tuple[int, int]:
    await storage.practices.upsert([PRACTICE], [SPECIALIST], clock.now())
    anna = await storage.specialists.by_key("anna")
    linde = await storage.practices.by_code("linde")
    assert anna is not None and linde is not None
    return anna.id, linde.id


async def test_hours_round_trip_including_midnight(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _ids(storage, clock)
    hours = [WeeklyHours(0, time(9), time(12, 30)), WeeklyHours(4, time(20), time(23, 59))]
    await storage.availability.set_hours(anna, linde, hours)
    assert await storage.availability.hours(anna, linde) == hours


async def test_setting_hours_replaces_the_old_ones(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _ids(storage, clock)
    await storage.availability.set_hours(anna, linde, [WeeklyHours(0, time(9), time(12))])
    await storage.availability.set_hours(anna, linde, [WeeklyHours(1, time(9), time(12))])
    assert [h.weekday for h in await storage.availability.hours(anna, linde)] == [1]


async def test_days_off_combine_the_specialist_and_the_practice(
    storage: Storage, clock: FakeClock
) -> None:
    anna, linde = await _ids(storage, clock)
    assert await storage.availability.add_day_off(date(2026, 12, 24), specialist_id=anna)
    assert await storage.availability.add_day_off(date(2026, 12, 31), practice_id=linde)
    assert not await storage.availability.add_day_off(date(2026, 12, 31), practice_id=linde)
    assert await storage.availability.days_off(anna, linde) == {
        date(2026, 12, 24),
        date(2026, 12, 31),
    }


async def test_a_day_off_belongs_to_exactly_one_owner(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _ids(storage, clock)
    with pytest.raises(ValueError, match="specialist or to a practice"):
        await storage.availability.add_day_off(
            date(2026, 12, 24), specialist_id=anna, practice_id=linde
        )
