"""Booking under load: free times with 100,000 stored appointments, 500 taps on one slot,
and bookings per second.

    python bench/booking_bench.py

Not part of the test command: it prints figures for the README and the issue notes.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.booking import DEFAULT_LENGTH, ForWhom, Kind, SlotTaken  # noqa: E402
from bot.core.clock import to_epoch  # noqa: E402
from bot.core.hours import parse_hours  # noqa: E402
from bot.core.models import Language, Role, UserProfile  # noqa: E402
from bot.core.slots import DEFAULT_HORIZON, free_slots  # noqa: E402
from bot.scheduling import offers  # noqa: E402
from bot.storage import NewAppointment, open_storage  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STORED = 100_000
CONCURRENT = 500
SERIAL = 1_000


async def _seed(path: Path) -> tuple[int, int, int]:
    storage = await open_storage(path)
    try:
        practice = {"code": "p", "name": "P", "address": "", "phone": "1", "huisartsenpost": "2"}
        specialists = [
            {"key": "anna", "name": "A", "title": "POH", "practices": ["p"]},
            {"key": "other", "name": "O", "title": "POH", "practices": ["p"]},
        ]
        await storage.practices.upsert([practice], specialists, NOW)
        linde = await storage.practices.by_code("p")
        anna = await storage.specialists.by_key("anna")
        other = await storage.specialists.by_key("other")
        assert linde and anna and other
        week = [parse_hours(f"{d} 08:30-17:00") for d in ("mon", "tue", "wed", "thu", "fri")]
        await storage.availability.set_hours(anna.id, linde.id, week)
        users = [
            UserProfile(u, Language.NL, Role.PARENT, 9, linde.id, NOW, NOW)
            for u in range(1, CONCURRENT + 2)
        ]
        for profile in users:
            await storage.users.complete_onboarding(profile, NOW)
        # 100,000 appointments: the other specialist's history over years, plus a few of Anna's.
        rows = []
        start = NOW + timedelta(weeks=6) - timedelta(hours=STORED)
        for i in range(STORED):
            begins = start + timedelta(hours=i)
            owner = anna.id if begins > NOW and i % 7 == 0 else other.id
            rows.append(
                (
                    f"b{i}",
                    1,
                    linde.id,
                    owner,
                    "followup",
                    to_epoch(begins),
                    to_epoch(begins + timedelta(minutes=30)),
                    to_epoch(begins + timedelta(minutes=45)),
                    "self",
                    "X",
                    "2010-01-01",
                    "t",
                    to_epoch(NOW),
                )
            )
        async with storage.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO appointments (uid, telegram_user_id, practice_id, specialist_id, kind,"
                " starts_at, ends_at, blocked_until, for_whom, first_name, birth_date, topic,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return linde.id, anna.id, other.id
    finally:
        await storage.close()


def _details(user: int, practice: int, specialist: int, start: datetime) -> NewAppointment:
    return NewAppointment(
        telegram_user_id=user,
        practice_id=practice,
        specialist_id=specialist,
        kind=Kind.FOLLOWUP,
        starts_at=start,
        ends_at=start + DEFAULT_LENGTH[Kind.FOLLOWUP],
        buffer=timedelta(minutes=15),
        for_whom=ForWhom.SELF,
        first_name=f"U{user}",
        birth_date=date(2010, 1, 1),
        topic="t",
    )


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        practice, anna, _ = await _seed(path)
        print(f"seeded {STORED:,} appointments in {time.perf_counter() - t0:.1f} s")

        storage = await open_storage(path)
        hours = await storage.availability.hours(anna, practice)
        single = []
        for _ in range(200):
            t = time.perf_counter()
            busy = await storage.appointments.busy(anna, NOW, NOW + DEFAULT_HORIZON)
            slots = free_slots(
                hours, busy, NOW, length=DEFAULT_LENGTH[Kind.FOLLOWUP], buffer=timedelta(minutes=15)
            )
            single.append((time.perf_counter() - t) * 1000)
        single.sort()
        print(
            f"free_slots for one specialist over 6 weeks incl. the query ({len(busy)} booked, "
            f"{len(slots)} free): p50 {statistics.median(single):.2f} ms, "
            f"p95 {single[int(len(single) * 0.95)]:.2f} ms"
        )
        timings = []
        for _ in range(200):
            t = time.perf_counter()
            found = await offers(storage, practice, DEFAULT_LENGTH[Kind.FOLLOWUP], NOW)
            timings.append((time.perf_counter() - t) * 1000)
        timings.sort()
        p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95)]
        print(
            f"offers of the practice over 6 weeks (2 specialists merged): {len(found)} times, "
            f"p50 {p50:.2f} ms, p95 {p95:.2f} ms"
        )

        second = await open_storage(path)
        slot = found[0].start
        t = time.perf_counter()
        results = await asyncio.gather(
            *(
                (storage if u % 2 else second).appointments.book(
                    _details(u, practice, anna, slot), NOW
                )
                for u in range(2, CONCURRENT + 2)
            ),
            return_exceptions=True,
        )
        elapsed = time.perf_counter() - t
        booked = sum(not isinstance(r, BaseException) for r in results)
        taken = sum(isinstance(r, SlotTaken) for r in results)
        other = CONCURRENT - booked - taken
        kinds = sorted(
            {type(r).__name__ for r in results if isinstance(r, BaseException)} - {"SlotTaken"}
        )
        print(
            f"{CONCURRENT} concurrent bookings of one slot on 2 connections: {booked} booked, "
            f"{taken} 'slot taken', {other} other errors {kinds}, in {elapsed * 1000:.0f} ms"
        )
        await second.close()

        # Serialised bookings of distinct slots (the trigger and index checked each time).
        await storage.db.execute("DELETE FROM appointments WHERE uid NOT LIKE 'b%'")
        base = NOW + timedelta(days=400)
        t = time.perf_counter()
        for i in range(SERIAL):
            user = i % (CONCURRENT - 1) + 2  # user 1 owns the seeded history
            start = base + timedelta(hours=i)
            await storage.db.execute(
                "DELETE FROM appointments WHERE telegram_user_id = ? AND uid NOT LIKE 'b%'", (user,)
            )
            await storage.appointments.book(_details(user, practice, anna, start), NOW)
        elapsed = time.perf_counter() - t
        print(
            f"serialised bookings: {SERIAL / elapsed:.0f} per second ({SERIAL} in {elapsed:.2f} s)"
        )
        await storage.close()


if __name__ == "__main__":
    asyncio.run(main())
