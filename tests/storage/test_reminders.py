"""The delivery record: a reminder is claimed by one sender only and a send is never undone."""

import asyncio
from datetime import timedelta

from bot.core.clock import FakeClock
from bot.storage import Storage
from tests.storage.test_appointments import TEN, _new, _setup

DAY = timedelta(hours=24)


async def _booked(storage: Storage, clock: FakeClock):
    anna, linde = await _setup(storage, clock)
    return await storage.appointments.book(_new(1, anna, linde, TEN), clock.now())


async def test_of_many_simultaneous_claims_exactly_one_wins(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    claims = await asyncio.gather(
        *(
            storage.reminders.claim(appointment, DAY, TEN - DAY, now, f"s{i}", now)
            for i in range(20)
        )
    )
    assert len([c for c in claims if c is not None]) == 1


async def test_a_confirmed_reminder_cannot_be_claimed_again(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    delivery = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "a", now)
    assert delivery is not None
    await storage.reminders.confirm_sent(delivery, "a", now, message_id=5)
    later = now + timedelta(hours=1)
    assert await storage.reminders.claim(appointment, DAY, TEN - DAY, later, "b", later) is None


async def test_skipping_never_undoes_a_send(storage: Storage, clock: FakeClock) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    delivery = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "a", now)
    assert delivery is not None
    await storage.reminders.confirm_sent(delivery, "a", now, message_id=5)
    await storage.reminders.close_without_sending(appointment, DAY, TEN - DAY, "skipped")
    sent = await storage.reminders.get(delivery)
    assert sent is not None and sent.status == "sent"


async def test_a_pending_retry_is_claimed_only_from_its_retry_time(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    delivery = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "a", now)
    assert delivery is not None
    await storage.reminders.retry_later(delivery, "a", now + timedelta(seconds=30))
    soon = now + timedelta(seconds=29)
    assert await storage.reminders.claim(appointment, DAY, TEN - DAY, soon, "a", soon) is None
    then = now + timedelta(seconds=30)
    assert await storage.reminders.claim(appointment, DAY, TEN - DAY, then, "a", then) == delivery
    assert await storage.reminders.attempts(delivery) == 2


async def test_erasing_the_user_erases_their_reminder_record(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    delivery = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "a", now)
    assert delivery is not None
    await storage.users.erase(1)
    assert await storage.reminders.get(delivery) is None


async def test_a_sender_whose_claim_was_taken_over_cannot_settle_it(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    first = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "old", now)
    later = now + timedelta(minutes=10)
    second = await storage.reminders.claim(appointment, DAY, TEN - DAY, later, "new", later)
    assert first == second is not None
    assert await storage.reminders.confirm_sent(second, "new", later, message_id=7)
    assert not await storage.reminders.retry_later(first, "old", later)  # a late 429 of the old
    delivery = await storage.reminders.get(first)
    assert delivery is not None and delivery.status == "sent"


async def test_a_move_back_to_the_old_time_plans_new_reminders(
    storage: Storage, clock: FakeClock
) -> None:
    appointment = await _booked(storage, clock)
    now = clock.now()
    delivery = await storage.reminders.claim(appointment, DAY, TEN - DAY, now, "a", now)
    assert delivery is not None
    await storage.reminders.confirm_sent(delivery, "a", now, message_id=5)
    there = await storage.appointments.move(
        appointment.id, appointment.specialist_id, TEN + DAY, TEN + DAY + timedelta(minutes=30),
        timedelta(minutes=15), now,
    )  # fmt: skip
    back = await storage.appointments.move(
        there.id, there.specialist_id, TEN, TEN + timedelta(minutes=30), timedelta(minutes=15), now
    )
    assert back.starts_at == appointment.starts_at
    assert await storage.reminders.for_appointment(back) == []
    assert await storage.reminders.claim(back, DAY, TEN - DAY, now, "a", now) is not None
