"""Afspraak maken and Mijn afspraken, as a parent or young person taps through them."""

from datetime import timedelta

from icalendar import Calendar

from bot.fakeapi.harness import FakeUser
from tests.flows.conftest import (
    Harness,
    answer_booking_questions,
    link_specialist,
    onboard,
    start_harness,
    stop_harness,
)


async def _to_summary(user: FakeUser) -> None:
    await answer_booking_questions(user)
    await user.tap(user.last.labels[0])  # the first day with room
    await user.tap(user.last.labels[0])  # the first time that day


async def test_a_parent_books_a_first_talk(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    days = user.last
    assert "kennismakingsgesprek van 45 minuten" in days.text
    assert days.labels[0] == "di 24 nov"
    times = await user.tap("di 24 nov")
    assert times[-1].labels[:2] == ["09:00", "09:15"]
    summary = await user.tap("09:00")
    assert "dinsdag 24 november om 09:00" in summary[-1].text
    assert "Sam, geboren 1 mei 2016" in summary[-1].text
    replies = [r for r in await user.tap("Bevestigen") if not r.edited]
    assert "Je afspraak staat" in replies[0].text
    assert "dinsdag 24 november om 09:00" in replies[0].text
    assert "Lindelaan 1" in replies[0].text
    assert "Anna de Vries" in replies[0].text
    document = next(r for r in replies if r.document is not None)
    assert document.document[0] == "afspraak.ics"


async def test_the_calendar_file_is_in_amsterdam_time(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    replies = await user.tap("Bevestigen")
    data = next(r for r in replies if r.document is not None).document[1]
    event = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    assert event.decoded("dtstart").strftime("%H:%M") == "09:00"


async def test_the_specialist_hears_of_a_booking_without_name_or_topic(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    await user.tap("Bevestigen")
    notice = specialist.last
    assert notice.text.startswith("Nieuwe afspraak: dinsdag 24 november om 09:00")
    assert "Sam" not in notice.text
    assert "slapen" not in notice.text.lower()
    details = await specialist.tap("Details")
    assert "Sam" in details[-1].text
    assert "Slapen" in details[-1].text


async def test_a_second_tap_on_confirm_books_once(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    summary = user.last
    await user.tap("Bevestigen", message=summary)
    replies = await user.tap_data("bok", summary.message_id)
    assert "al geregeld" in replies[-1].text
    assert len(await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())) == 1


async def test_a_time_taken_meanwhile_gets_fresh_times(bot: Harness) -> None:
    first, second = bot.user(501), bot.user(502)
    await onboard(first)
    await onboard(second)
    await _to_summary(first)
    await _to_summary(second)
    await first.tap("Bevestigen")
    replies = await second.tap("Bevestigen")
    assert "net bezet" in replies[-1].text
    assert replies[-1].labels[0] == "di 24 nov"


async def test_a_forged_time_is_not_booked(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("di 24 nov")
    replies = await user.tap_data("btime:1800000000", user.last.message_id)
    assert "niet meer vrij" in replies[-1].text
    assert "Bevestigen" not in replies[-1].labels
    assert not any("2027" in r.text for r in replies)  # the forged moment is never shown
    assert await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now()) == []


async def test_a_young_person_books_for_themselves(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, role="Jongere (12-25 jaar)", age="15")
    replies = await user.tap("Afspraak maken")
    assert "Wat is je voornaam?" in replies[-1].text


async def test_a_parent_of_a_16_year_old_is_told_the_youngster_decides(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, age="16")
    replies = await user.tap("Afspraak maken")
    assert "beslist zelf" in replies[-1].text
    assert "https://t.me/JeugdBot?start=linde" in replies[-1].text


async def test_a_child_born_16_years_ago_is_routed_to_the_youngster(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    replies = await user.send("01-01-2010")
    assert "beslist zelf" in replies[-1].text


async def test_a_wrong_date_of_birth_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    replies = await user.send("ergens in mei")
    assert "14-03-2012" in replies[-1].text


async def test_a_note_with_crisis_words_shows_the_card_and_is_kept(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    await user.send("01-05-2016")
    await user.tap("Slapen")
    replies = await user.send("ze zegt dat ze dood wil")
    assert replies[0].text.startswith("Hulp nu")
    assert "Welke dag" in replies[-1].text
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.data["note"] == "ze zegt dat ze dood wil"


async def test_html_typed_as_a_name_is_refused_kindly(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    replies = await user.send("<b>Sam</b> & co")
    assert "Alleen de voornaam" in replies[-1].text


async def test_an_apostrophe_in_a_name_is_shown_as_typed(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    replies = await user.send("D'Angelo")
    assert "D'Angelo" in replies[-1].text


async def test_back_from_the_times_shows_the_days(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("di 24 nov")
    replies = await user.tap("Terug")
    assert replies[-1].labels[0] == "di 24 nov"


async def test_a_booking_goes_on_after_a_restart(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await stop_harness(bot)
    restarted = await start_harness(bot.database, bot.config, bot.clock, bot.api)
    try:
        again = restarted.user(user.user_id)
        replies = await again.tap("di 24 nov")
        assert "09:00" in replies[-1].labels
    finally:
        await stop_harness(restarted)


async def test_an_abandoned_booking_ends_kindly(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    bot.clock.advance(timedelta(hours=3))
    replies = await user.tap("di 24 nov")
    assert "werkt niet meer" in replies[-1].text


async def test_my_appointments_lists_and_cancels(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("do 26 nov")
    await user.tap("13:00")
    await user.tap("Bevestigen")
    replies = await user.tap("Mijn afspraken")
    assert "donderdag 26 november om 13:00" in replies[0].text
    asked = await user.tap("Afzeggen", message=replies[0])
    assert asked[-1].labels == ["Ja, afzeggen", "Nee, niet afzeggen"]
    replies = await user.tap("Ja, afzeggen")
    said = "\n".join(r.text for r in replies if not r.edited)
    assert "Je afspraak is afgezegd" in said
    assert "minder dan een dag" not in said
    assert any(r.document is not None for r in replies)
    assert specialist.last.text.startswith("Afgezegd")
    assert await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now()) == []


async def test_a_late_cancellation_is_allowed_and_marked(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    await user.tap("Bevestigen")
    bot.clock.advance(timedelta(hours=10))
    replies = await user.tap("Mijn afspraken")
    asked = await user.tap("Afzeggen", message=replies[0])
    assert asked[-1].labels == ["Ja, afzeggen", "Nee, niet afzeggen"]
    replies = await user.tap("Ja, afzeggen")
    assert any("minder dan een dag" in r.text for r in replies if not r.edited)
    assert specialist.last.text.startswith("Te laat afgezegd")


async def test_someone_elses_appointment_cannot_be_cancelled(bot: Harness) -> None:
    owner, stranger = bot.user(501), bot.user(502)
    await onboard(owner)
    await onboard(stranger)
    await _to_summary(owner)
    await owner.tap("Bevestigen")
    (appointment,) = await bot.storage.appointments.upcoming_for_user(501, bot.clock.now())
    await stranger.tap_data(f"acan:{appointment.id}:yes", stranger.last.message_id)
    assert await bot.storage.appointments.get(appointment.id) is not None
    assert (await bot.storage.appointments.get(appointment.id)).status == "booked"


async def test_no_appointments_says_so(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap("Mijn afspraken")
    assert "geen afspraken" in replies[-1].text


async def test_an_appointment_can_be_moved_and_keeps_its_calendar_uid(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    first = next(r for r in await user.tap("Bevestigen") if r.document is not None)
    replies = await user.tap("Mijn afspraken")
    await user.tap("Verzetten", message=replies[0])
    await user.tap("do 26 nov")
    await user.tap("13:00")
    replies = [r for r in await user.tap("Bevestigen") if not r.edited]
    assert "verzet naar donderdag 26 november om 13:00" in replies[0].text
    moved = next(r for r in replies if r.document is not None)
    old_event = next(iter(Calendar.from_ical(first.document[1]).walk("VEVENT")))
    new_event = next(iter(Calendar.from_ical(moved.document[1]).walk("VEVENT")))
    assert str(new_event["uid"]) == str(old_event["uid"])
    assert int(new_event["sequence"]) == int(old_event["sequence"]) + 1
    assert specialist.last.text.startswith("Verzet: dinsdag 24 november om 09:00")
    (appointment,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    assert appointment.starts_at.hour == 12  # 13:00 in Amsterdam is 12:00 UTC


async def test_a_move_to_a_time_just_taken_keeps_the_old_appointment(bot: Harness) -> None:
    mover, other = bot.user(501), bot.user(502)
    await onboard(mover)
    await onboard(other)
    await _to_summary(mover)
    await mover.tap("Bevestigen")
    replies = await mover.tap("Mijn afspraken")
    await mover.tap("Verzetten", message=replies[0])
    await mover.tap("do 26 nov")
    await mover.tap("13:00")
    await answer_booking_questions(other)
    await other.tap("do 26 nov")
    await other.tap("13:00")
    await other.tap("Bevestigen")
    replies = await mover.tap("Bevestigen")
    assert any("blijft zoals hij was" in r.text for r in replies)
    (kept,) = await bot.storage.appointments.upcoming_for_user(501, bot.clock.now())
    assert kept.starts_at.hour == 8  # still Tuesday 09:00 in Amsterdam


async def test_erasing_everything_cancels_the_appointments_and_tells_the_specialist(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    await user.tap("Bevestigen")
    await user.send("/verwijder")
    await user.tap("Ja, wis alles")
    assert "afgezegd" in specialist.last.text.lower()
    assert await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now()) == []


async def test_moving_offers_stop_but_no_way_back_into_the_booking_questions(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _to_summary(user)
    await user.tap("Bevestigen")
    replies = await user.tap("Mijn afspraken")
    replies = await user.tap("Verzetten", message=replies[0])
    assert "Kies een nieuwe tijd" in replies[-1].text
    assert "Terug" not in replies[-1].labels
    assert "Stoppen" in replies[-1].labels


async def test_my_appointments_shows_what_is_kept_with_each_appointment(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    await user.send("01-05-2016")
    await user.tap("Slapen")
    await user.send("Hij ligt lang wakker")
    await user.tap(user.last.labels[0])
    await user.tap(user.last.labels[0])
    await user.tap("Bevestigen")
    replies = await user.tap("Mijn afspraken")
    assert "Geboren 1 mei 2016. Over: Slapen" in replies[0].text
    assert "Opmerking: Hij ligt lang wakker" in replies[0].text


async def test_a_sentence_typed_as_the_first_name_is_asked_again(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    replies = await user.send("hij is 9 en slaapt al weken slecht")
    assert "Alleen de voornaam" in replies[-1].text
    replies = await user.send("Anne-Marie")
    assert "geboortedatum van Anne-Marie" in replies[-1].text
