"""The waitlist: join when no time fits, get a freed time offered, one person at a time."""

from datetime import timedelta

from telegram.ext import CallbackContext

from bot.fakeapi.harness import FakeUser
from bot.handlers.booking import expire_offers
from tests.flows.conftest import Harness, answer_booking_questions, link_specialist, onboard


async def _join(user: FakeUser) -> None:
    await answer_booking_questions(user)
    await user.tap("Geen tijd? Wachtlijst")


async def _book_and_cancel(user: FakeUser) -> None:
    await answer_booking_questions(user, name="Noor")
    await user.tap(user.last.labels[0])
    await user.tap(user.last.labels[0])
    await user.tap("Bevestigen")
    replies = await user.tap("Mijn afspraken")
    await user.tap("Afzeggen", message=replies[0])
    await user.tap("Ja, afzeggen")


async def test_joining_the_waitlist_is_confirmed_and_listed(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    replies = await user.tap("Geen tijd? Wachtlijst")
    assert any("Je staat op de wachtlijst" in r.text for r in replies)
    replies = await user.tap("Mijn afspraken")
    assert "Op de wachtlijst: kennismakingsgesprek voor Sam" in replies[0].text


async def test_a_freed_time_is_offered_and_booked_with_one_tap(bot: Harness) -> None:
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await _join(waiting)
    await _book_and_cancel(other)
    offer = waiting.last
    assert offer.text.startswith("Er is een tijd vrijgekomen")
    replies = [r for r in await waiting.tap("Ja, graag") if not r.edited]
    assert "Je afspraak staat vast" in replies[0].text
    assert len(await bot.storage.appointments.upcoming_for_user(501, bot.clock.now())) == 1
    assert await bot.storage.waitlist.for_user(501) == []


async def test_an_expired_offer_goes_to_the_next_person(bot: Harness) -> None:
    first, second, other = bot.user(501), bot.user(502), bot.user(503)
    for user in (first, second, other):
        await onboard(user)
    await _join(first)
    await _join(second)
    await _book_and_cancel(other)
    offer = first.last
    assert offer.text.startswith("Er is een tijd vrijgekomen")
    assert not second.last.text.startswith("Er is een tijd vrijgekomen")
    bot.clock.advance(timedelta(hours=2, minutes=1))
    assert await expire_offers(CallbackContext(bot.application)) == 1
    assert second.last.text.startswith("Er is een tijd vrijgekomen")
    replies = await first.tap("Ja, graag", message=offer)
    assert "geldt niet meer" in replies[-1].text


async def test_declining_passes_the_offer_on(bot: Harness) -> None:
    first, second, other = bot.user(501), bot.user(502), bot.user(503)
    for user in (first, second, other):
        await onboard(user)
    await _join(first)
    await _join(second)
    await _book_and_cancel(other)
    replies = await first.tap("Nee, dank je")
    assert "Je blijft op de wachtlijst" in replies[-1].text
    assert second.last.text.startswith("Er is een tijd vrijgekomen")


async def test_leaving_the_waitlist_is_one_tap(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _join(user)
    replies = await user.tap("Van de wachtlijst af")
    assert "Je staat niet meer op de wachtlijst" in replies[-1].text
    assert await bot.storage.waitlist.for_user(user.user_id) == []


async def test_someone_elses_offer_cannot_be_taken(bot: Harness) -> None:
    waiting, other, stranger = bot.user(501), bot.user(502), bot.user(503)
    for user in (waiting, other, stranger):
        await onboard(user)
    await _join(waiting)
    await _book_and_cancel(other)
    (entry,) = await bot.storage.waitlist.for_user(501)
    replies = await stranger.tap_data(f"wyes:{entry.id}", stranger.last.message_id)
    assert "geldt niet meer" in replies[-1].text
    assert await bot.storage.appointments.upcoming_for_user(503, bot.clock.now()) == []


async def test_earlier_than_my_appointment_moves_it_with_one_tap(bot: Harness) -> None:
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await answer_booking_questions(waiting)
    await waiting.tap("do 26 nov")
    await waiting.tap("13:00")
    await waiting.tap("Bevestigen")
    replies = await waiting.tap("Mijn afspraken")
    replies = await waiting.tap("Eerder?", message=replies[0])
    assert any("vóór donderdag 26 november om 13:00" in r.text for r in replies)
    await _book_and_cancel(other)
    offer = waiting.last
    assert offer.text.startswith("Er is een tijd vrijgekomen: dinsdag 24 november om 09:00")
    replies = await waiting.tap("Ja, graag")
    assert any("verzet naar dinsdag 24 november om 09:00" in r.text for r in replies)
    (moved,) = await bot.storage.appointments.upcoming_for_user(501, bot.clock.now())
    assert moved.starts_at.hour == 8  # 09:00 in Amsterdam is 08:00 UTC
    assert moved.sequence == 1


async def test_taking_an_earlier_time_tells_the_specialist_it_moved(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await answer_booking_questions(waiting)
    await waiting.tap("do 26 nov")
    await waiting.tap("13:00")
    await waiting.tap("Bevestigen")
    replies = await waiting.tap("Mijn afspraken")
    await waiting.tap("Eerder?", message=replies[0])
    await _book_and_cancel(other)
    await waiting.tap("Ja, graag")
    assert specialist.last.text.startswith("Verzet: donderdag 26 november om 13:00 is nu")
