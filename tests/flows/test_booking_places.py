"""Talk types per practice: the place of a talk (practice, phone, video), the phone number for a
talk by phone, and the configured length, as a parent taps through them."""

import logging
from datetime import timedelta

import pytest
from icalendar import Calendar

from bot.fakeapi.harness import FakeUser
from tests.flows.conftest import (
    ONE_PRACTICE,
    Harness,
    answer_booking_questions,
    link_specialist,
    onboard,
    start_harness,
    stop_harness,
)

PRACTICE_END = 'huisartsenpost = "0900-111 22 33"\n'


def _with_talks(talks: str) -> str:
    """The test practice with [practice.talks.*] tables added to it."""
    return ONE_PRACTICE.replace(PRACTICE_END, PRACTICE_END + talks, 1)


THREE_PLACES = _with_talks(
    """
[practice.talks.intake]
minutes = 60
places = ["practice", "phone", "video"]
"""
)
PHONE_ONLY = _with_talks(
    """
[practice.talks.intake]
places = ["phone"]
"""
)
PRACTICE_OR_PHONE = _with_talks(
    """
[practice.talks.intake]
places = ["practice", "phone"]

[practice.talks.followup]
places = ["practice", "phone"]
"""
)

three_places = pytest.mark.parametrize("practice_toml", [THREE_PLACES])
phone_only = pytest.mark.parametrize("practice_toml", [PHONE_ONLY])
practice_or_phone = pytest.mark.parametrize("practice_toml", [PRACTICE_OR_PHONE])


async def _book_by_phone(user: FakeUser, number: str = "06-12345678") -> list:
    await answer_booking_questions(user)
    await user.tap("Telefonisch")
    await user.send(number)
    await user.tap(user.last.labels[0])  # the first day with room
    await user.tap(user.last.labels[0])  # the first time that day
    return [r for r in await user.tap("Bevestigen") if not r.edited]


def _event(replies: list) -> object:
    data = next(r for r in replies if r.document is not None).document[1]
    return next(iter(Calendar.from_ical(data).walk("VEVENT")))


@three_places
async def test_the_place_is_asked_when_the_practice_offers_more_than_one(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    asked = user.last
    assert "kennismakingsgesprek van 60 minuten. Hoe wil je praten?" in asked.text
    assert asked.labels == ["Op de praktijk", "Telefonisch", "Met video", "Terug", "Stoppen"]


async def test_one_place_goes_straight_to_the_days(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    assert "Welke dag past jou?" in user.last.text


@three_places
async def test_a_talk_by_phone_asks_for_the_number(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    replies = await user.tap("Telefonisch")
    assert "Op welk nummer kan de praktijkondersteuner je bellen?" in replies[-1].text
    assert replies[-1].labels == ["Terug", "Stoppen"]


@phone_only
async def test_a_practice_with_only_phone_talks_asks_the_number_without_a_place_question(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    assert "Op welk nummer" in user.last.text


@three_places
async def test_a_number_that_is_not_dutch_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Telefonisch")
    replies = await user.send("12345")
    assert "dat nummer kan ik niet gebruiken" in replies[-1].text
    assert "06 12345678" in replies[-1].text
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.step == "phone"


@three_places
async def test_a_talk_by_phone_is_booked_with_the_normalised_number(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user, "06 12 34 56 78")
    (booked,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    assert (booked.mode, booked.phone) == ("phone", "+31612345678")


@three_places
async def test_the_summary_and_confirmation_say_the_specialist_calls_instead_of_the_address(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Telefonisch")
    await user.send("0612345678")
    await user.tap(user.last.labels[0])
    summary = await user.tap(user.last.labels[0])
    assert "de praktijkondersteuner belt je op 06 12345678" in summary[-1].text
    assert "Lindelaan" not in summary[-1].text
    replies = [r for r in await user.tap("Bevestigen") if not r.edited]
    assert "Telefonisch: de praktijkondersteuner belt je op 06 12345678" in replies[0].text
    assert "Lindelaan" not in replies[0].text


@three_places
async def test_the_calendar_file_of_a_phone_talk_holds_the_number_not_the_address(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    event = _event(await _book_by_phone(user))
    assert str(event["location"]) == "Telefonisch"
    assert "belt je op 06 12345678" in str(event["description"])


@three_places
async def test_a_video_talk_says_a_link_follows_from_the_practice(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Met video")
    await user.tap(user.last.labels[0])
    await user.tap(user.last.labels[0])
    replies = [r for r in await user.tap("Bevestigen") if not r.edited]
    assert "je krijgt van Huisartsenpraktijk De Linde een link" in replies[0].text
    assert "Lindelaan" not in replies[0].text
    event = _event(replies)
    assert str(event["location"]) == "Met video"
    assert "een link om te videobellen" in str(event["description"])


@three_places
async def test_the_configured_length_sets_the_times_and_the_end(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Op de praktijk")
    times = await user.tap("di 24 nov")  # hours 09:00-12:00: a 60-minute talk starts by 11:00
    assert times[-1].labels[-3:] == ["11:00", "Terug", "Stoppen"]
    await user.tap("09:00")
    await user.tap("Bevestigen")
    (booked,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    assert booked.ends_at - booked.starts_at == timedelta(minutes=60)


@three_places
async def test_a_forged_place_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    replies = await user.tap_data("bmode:teleport", user.last.message_id)
    assert "dat kan niet bij deze praktijk" in replies[-2].text
    assert replies[-1].labels[:3] == ["Op de praktijk", "Telefonisch", "Met video"]


async def test_a_place_the_practice_does_not_offer_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None
    await bot.storage.flows.put(
        user.user_id, "booking", "mode", flow.data, expires_at=flow.expires_at, now=bot.clock.now()
    )
    replies = await user.tap_data("bmode:phone", user.last.message_id)
    assert "dat kan niet bij deze praktijk" in replies[-2].text
    assert await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now()) == []


@three_places
async def test_back_from_the_days_goes_to_the_number_and_then_to_the_place(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Telefonisch")
    await user.send("0612345678")
    replies = await user.tap("Terug")
    assert "Op welk nummer" in replies[-1].text
    replies = await user.tap("Terug")
    assert "Hoe wil je praten?" in replies[-1].text


@three_places
async def test_the_specialist_details_say_to_call_the_number(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user)
    details = await specialist.tap("Details")
    assert "Telefonisch: bel 06 12345678" in details[-1].text


@three_places
async def test_my_appointments_says_the_talk_is_by_phone(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user)
    replies = await user.tap("Mijn afspraken")
    assert "belt je op 06 12345678" in replies[0].text


@three_places
async def test_the_phone_number_is_never_logged(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # Our own loggers at their most talkative; the libraries' are kept at INFO by bot.logs.
    caplog.set_level(logging.DEBUG, logger="bot")
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user, "0612345678")
    assert "appointment" in caplog.text  # the booking itself is logged, by id
    assert "12345678" not in caplog.text


@practice_or_phone
async def test_moving_a_phone_talk_keeps_it_by_phone(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user)
    replies = await user.tap("Mijn afspraken")
    await user.tap("Verzetten", message=replies[0])
    await user.tap("do 26 nov")
    summary = await user.tap("13:00")
    assert "belt je op 06 12345678" in summary[-1].text
    replies = [r for r in await user.tap("Bevestigen") if not r.edited]
    assert "verzet naar donderdag 26 november om 13:00" in replies[0].text
    (moved,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    assert (moved.mode, moved.phone) == ("phone", "+31612345678")


async def _cancel_first(user: FakeUser) -> None:
    replies = await user.tap("Mijn afspraken")
    await user.tap("Afzeggen", message=replies[0])
    await user.tap("Ja, afzeggen")


@practice_or_phone
async def test_a_freed_time_keeps_the_place_chosen_before_joining_the_waitlist(
    bot: Harness,
) -> None:
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await answer_booking_questions(waiting)
    await waiting.tap("Telefonisch")
    await waiting.send("0612345678")
    await waiting.tap("Geen tijd? Wachtlijst")
    await _book_by_phone(other)
    await _cancel_first(other)
    assert waiting.last.text.startswith("Er is een tijd vrijgekomen")
    replies = [r for r in await waiting.tap("Ja, graag") if not r.edited]
    assert "Je afspraak staat vast" in replies[0].text
    (booked,) = await bot.storage.appointments.upcoming_for_user(501, bot.clock.now())
    assert (booked.mode, booked.phone) == ("phone", "+31612345678")
    assert await bot.storage.waitlist.for_user(501) == []


@practice_or_phone
async def test_an_offer_gone_while_choosing_the_place_is_not_booked(bot: Harness) -> None:
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await answer_booking_questions(waiting)
    await waiting.tap("Op de praktijk")
    await waiting.tap("Geen tijd? Wachtlijst")
    # A place on the list from before the bot kept the place of the talk: it is asked again.
    await bot.storage.db.execute("UPDATE waitlist SET mode = NULL")
    await _book_by_phone(other)
    await _cancel_first(other)
    replies = await waiting.tap("Ja, graag")
    assert "Hoe wil je praten?" in replies[-1].text
    await waiting.tap("Op de praktijk")
    (entry,) = await bot.storage.waitlist.for_user(501)
    await bot.storage.waitlist.close(entry.id, "left")  # left the list on another screen
    replies = await waiting.tap("Bevestigen")
    assert "geldt niet meer" in replies[-1].text
    assert await bot.storage.appointments.upcoming_for_user(501, bot.clock.now()) == []


@three_places
async def test_the_talk_types_are_read_again_after_a_restart(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await stop_harness(bot)
    restarted = await start_harness(bot.database, bot.config, bot.clock, bot.api)
    try:
        again = restarted.user(user.user_id)
        await answer_booking_questions(again)
        assert "Hoe wil je praten?" in again.last.text
    finally:
        await stop_harness(restarted)


@three_places
async def test_privacy_shows_the_number_given_for_a_talk_by_phone(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _book_by_phone(user)
    replies = await user.send("/privacy")
    assert "Telefoonnummer voor een telefonisch gesprek: 06 12345678" in replies[-1].text


@practice_or_phone
async def test_privacy_shows_a_number_kept_on_the_waitlist(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Telefonisch")
    await user.send("0612345678")
    await user.tap("Geen tijd? Wachtlijst")
    replies = await user.send("/privacy")
    assert "Telefoonnummer voor een telefonisch gesprek: 06 12345678" in replies[-1].text


@phone_only
async def test_a_stale_back_to_the_days_cannot_skip_the_phone_number(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)  # a phone-only practice: it now asks the number
    await user.tap_data("bback:day", user.last.message_id)  # an old Terug to the days
    await user.tap(user.last.labels[0])
    await user.tap(user.last.labels[0])
    replies = await user.tap("Bevestigen")
    assert "Op welk nummer" in replies[-1].text
    assert await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now()) == []


async def test_a_forged_back_to_the_days_before_the_questions_is_refused(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    replies = await user.tap_data("bback:day", user.last.message_id)
    assert "werkt niet meer" in replies[-1].text


async def test_a_kept_place_no_longer_offered_is_shown_before_booking(bot: Harness) -> None:
    waiting, other = bot.user(501), bot.user(502)
    await onboard(waiting)
    await onboard(other)
    await answer_booking_questions(waiting)  # the practice offers one place: straight to the days
    await waiting.tap("Geen tijd? Wachtlijst")
    await bot.storage.db.execute("UPDATE waitlist SET mode = 'phone'")  # since then: no phone
    await answer_booking_questions(other)
    await other.tap(other.last.labels[0])
    await other.tap(other.last.labels[0])
    await other.tap("Bevestigen")
    await _cancel_first(other)
    replies = await waiting.tap("Ja, graag")
    assert "Klopt je afspraak?" in replies[-1].text
    assert "Lindelaan 1" in replies[-1].text
    assert await bot.storage.appointments.upcoming_for_user(501, bot.clock.now()) == []


@practice_or_phone
async def test_stopping_while_taking_an_offer_passes_the_time_on(bot: Harness) -> None:
    first, second, other = bot.user(501), bot.user(502), bot.user(503)
    for user in (first, second, other):
        await onboard(user)
    for user in (first, second):
        await answer_booking_questions(user)
        await user.tap("Op de praktijk")
        await user.tap("Geen tijd? Wachtlijst")
    await bot.storage.db.execute("UPDATE waitlist SET mode = NULL")  # the place is asked
    await _book_by_phone(other)
    await _cancel_first(other)
    assert first.last.text.startswith("Er is een tijd vrijgekomen")
    await first.tap("Ja, graag")
    await first.tap("Stoppen")
    assert second.last.text.startswith("Er is een tijd vrijgekomen")
    assert len(await bot.storage.waitlist.for_user(501)) == 1  # the first keeps their place


@phone_only
async def test_a_cancelled_phone_talk_keeps_no_number(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.send("0612345678")
    await user.tap(user.last.labels[0])
    await user.tap(user.last.labels[0])
    await user.tap("Bevestigen")
    await _cancel_first(user)
    assert await bot.storage.appointments.phone_numbers(user.user_id) == []
