"""Never a slot twice: the schema itself refuses overlapping appointments of one specialist."""

import asyncio
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.booking import ForWhom, IntakeAlreadyOpen, Kind, SlotTaken, TooManyAppointments
from bot.core.clock import FakeClock
from bot.core.models import Language, Role, UserProfile
from bot.storage import NewAppointment, Storage, open_storage

PRACTICE = {"code": "linde", "name": "De Linde", "address": "", "phone": "1", "huisartsenpost": "2"}
SPECIALIST = {"key": "anna", "name": "Anna", "title": "POH", "practices": ["linde"]}
TEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
BUFFER = timedelta(minutes=15)


async def _setup(storage: Storage, clock: FakeClock, users: int = 1) -> tuple[int, int]:
    await storage.practices.upsert([PRACTICE], [SPECIALIST], clock.now())
    anna = await storage.specialists.by_key("anna")
    linde = await storage.practices.by_code("linde")
    assert anna is not None and linde is not None
    for user_id in range(1, users + 1):
        profile = UserProfile(
            user_id, Language.NL, Role.PARENT, 9, linde.id, clock.now(), clock.now()
        )
        await storage.users.complete_onboarding(profile, clock.now())
    return anna.id, linde.id


def _new(user: int, anna: int, linde: int, start: datetime, **changes: object) -> NewAppointment:
    values = {
        "telegram_user_id": user,
        "practice_id": linde,
        "specialist_id": anna,
        "kind": Kind.FOLLOWUP,
        "starts_at": start,
        "ends_at": start + timedelta(minutes=30),
        "buffer": BUFFER,
        "for_whom": ForWhom.CHILD,
        "first_name": f"Kind{user}",
        "birth_date": date(2016, 5, 1),
        "topic": "slapen",
    }
    values.update(changes)
    return NewAppointment(**values)  # type: ignore[arg-type]


async def test_a_booking_is_stored_with_a_stable_uid(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock)
    booked = await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    assert booked.uid.endswith("@jeugdbot")
    assert booked.starts_at == TEN
    assert [a.id for a in await storage.appointments.upcoming_for_user(1, clock.now())] == [
        booked.id
    ]


async def test_an_overlapping_booking_is_refused(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock, users=2)
    await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    with pytest.raises(SlotTaken):
        await storage.appointments.book(
            _new(2, anna, linde, TEN + timedelta(minutes=20)), clock.now()
        )


async def test_the_buffer_after_a_talk_is_blocked_too(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock, users=3)
    await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    with pytest.raises(SlotTaken):
        await storage.appointments.book(
            _new(2, anna, linde, TEN + timedelta(minutes=40)), clock.now()
        )
    await storage.appointments.book(_new(3, anna, linde, TEN + timedelta(minutes=45)), clock.now())


async def test_the_schema_refuses_overlap_even_from_raw_sql(
    storage: Storage, clock: FakeClock
) -> None:
    anna, linde = await _setup(storage, clock, users=2)
    await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    start = int((TEN + timedelta(minutes=10)).timestamp())
    with pytest.raises(sqlite3.IntegrityError, match="overlaps"):
        await storage.db.execute(
            "INSERT INTO appointments (uid, telegram_user_id, practice_id, specialist_id, kind,"
            " starts_at, ends_at, blocked_until, for_whom, first_name, birth_date, topic,"
            " created_at) VALUES ('x', 2, ?, ?, 'followup', ?, ?, ?, 'self', 'A', '2010-01-01',"
            " 't', 0)",
            (linde, anna, start, start + 1800, start + 1800),
        )


async def test_fifty_concurrent_bookings_of_one_slot_make_one_appointment(
    tmp_path: Path, clock: FakeClock
) -> None:
    # Two connections to one file, as two worker processes would have.
    first = await open_storage(tmp_path / "bot.db")
    second = await open_storage(tmp_path / "bot.db")
    try:
        anna, linde = await _setup(first, clock, users=50)
        stores = [first, second]
        results = await asyncio.gather(
            *(
                stores[user % 2].appointments.book(_new(user, anna, linde, TEN), clock.now())
                for user in range(1, 51)
            ),
            return_exceptions=True,
        )
        booked = [r for r in results if not isinstance(r, BaseException)]
        refused = [r for r in results if isinstance(r, SlotTaken)]
        assert (len(booked), len(refused)) == (1, 49)
        rows = await first.db.fetch_all("SELECT id FROM appointments WHERE status = 'booked'")
        assert len(rows) == 1
    finally:
        await first.close()
        await second.close()


async def test_a_third_upcoming_appointment_is_refused(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock)
    await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    await storage.appointments.book(_new(1, anna, linde, TEN + timedelta(hours=2)), clock.now())
    with pytest.raises(TooManyAppointments):
        await storage.appointments.book(_new(1, anna, linde, TEN + timedelta(hours=4)), clock.now())


async def test_one_open_intake_per_person(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock)
    await storage.appointments.book(_new(1, anna, linde, TEN, kind=Kind.INTAKE), clock.now())
    later = TEN + timedelta(days=1)
    with pytest.raises(IntakeAlreadyOpen):
        await storage.appointments.book(_new(1, anna, linde, later, kind=Kind.INTAKE), clock.now())
    other_child = _new(1, anna, linde, later, kind=Kind.INTAKE, first_name="Broer")
    await storage.appointments.book(other_child, clock.now())


async def test_a_cancelled_slot_is_free_again_and_cancels_once(
    storage: Storage, clock: FakeClock
) -> None:
    anna, linde = await _setup(storage, clock, users=2)
    booked = await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    assert await storage.appointments.cancel(booked.id, clock.now(), late=False) is not None
    assert await storage.appointments.cancel(booked.id, clock.now(), late=False) is None
    await storage.appointments.book(_new(2, anna, linde, TEN), clock.now())


async def test_busy_lists_the_booked_time_in_a_window(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock)
    await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    busy = await storage.appointments.busy(anna, TEN - timedelta(hours=1), TEN + timedelta(hours=1))
    assert [(b.start, b.end) for b in busy] == [(TEN, TEN + timedelta(minutes=30))]


async def test_erasing_a_user_frees_their_appointments(storage: Storage, clock: FakeClock) -> None:
    anna, linde = await _setup(storage, clock)
    booked = await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())
    await storage.users.erase(1)
    assert await storage.appointments.get(booked.id) is None
