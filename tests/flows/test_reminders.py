"""Reminders as a family and a specialist see them; time moves by the clock, never by sleeping.

The test clock starts on Monday 23 November 2026, 10:00 in Amsterdam. The practice has hours on
Tuesday 9-12, Thursday 13-17.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import CallbackContext

from bot.core.clock import PRACTICE_TZ
from bot.fakeapi.harness import FakeUser
from bot.jobs.reminders import JOB_NAME, SweepReport, send_due_reminders, wake
from tests.flows.conftest import (
    Harness,
    answer_booking_questions,
    link_specialist,
    onboard,
    start_harness,
    stop_harness,
)


async def book(user: FakeUser, day: str = "do 26 nov", at: str = "13:00") -> None:
    await answer_booking_questions(user)
    await user.tap(day)
    await user.tap(at)
    await user.tap("Bevestigen")


def set_local(bot: Harness, *args: int) -> None:
    bot.clock.current = datetime(*args, tzinfo=PRACTICE_TZ).astimezone(UTC)


async def sweep(bot: Harness) -> SweepReport:
    return await send_due_reminders(CallbackContext(bot.application))


async def booked(bot: Harness, user: FakeUser) -> None:
    await onboard(user)
    await book(user)


def reminders_to(bot: Harness, user: FakeUser) -> list:
    return [m for m in bot.api.messages(user.user_id) if m.text.startswith("Herinnering:")]


async def test_a_reminder_goes_a_day_before_with_a_neutral_first_line(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    report = await sweep(bot)
    assert report.sent == 1
    reminder = user.last
    first_line = reminder.text.splitlines()[0]
    assert first_line == "Herinnering: je afspraak morgen om 13:00"
    assert "Lindelaan 1" in reminder.text
    assert "slapen" not in reminder.text.lower() and "Sam" not in reminder.text
    assert reminder.labels == ["Ik kom", "Verzetten", "Afzeggen"]


async def test_no_reminder_goes_before_its_moment(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 12, 59)
    assert (await sweep(bot)).sent == 0
    assert reminders_to(bot, user) == []


async def test_a_second_sweep_sends_nothing_twice(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    bot.clock.advance(timedelta(minutes=5))
    assert (await sweep(bot)).sent == 0
    assert len(reminders_to(bot, user)) == 1


async def test_the_reminder_two_hours_before_says_today(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    set_local(bot, 2026, 11, 26, 11, 0)
    assert (await sweep(bot)).sent == 1
    assert user.last.text.startswith("Herinnering: je afspraak vandaag om 13:00")


async def test_a_reminder_in_the_night_goes_the_evening_before_at_nine(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await book(user, "di 24 nov", "09:00")  # 2 hours before is 07:00, inside the quiet hours
    set_local(bot, 2026, 11, 23, 20, 59)
    assert (await sweep(bot)).sent == 0
    set_local(bot, 2026, 11, 23, 21, 0)
    assert (await sweep(bot)).sent == 1
    assert user.last.text.startswith("Herinnering: je afspraak morgen om 09:00")
    set_local(bot, 2026, 11, 24, 7, 0)
    assert (await sweep(bot)).sent == 0


async def test_after_downtime_only_the_latest_missed_reminder_is_sent(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 26, 11, 30)  # both the day-before and the 2-hour reminder missed
    report = await sweep(bot)
    assert (report.sent, report.skipped) == (1, 1)
    assert [m.text.splitlines()[0] for m in reminders_to(bot, user)] == [
        "Herinnering: je afspraak vandaag om 13:00"
    ]


async def test_a_missed_reminder_waits_for_the_morning(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await book(user, "di 24 nov", "09:00")
    set_local(bot, 2026, 11, 24, 3, 0)  # the 21:00 reminder was missed; now it is night
    report = await sweep(bot)
    assert report.sent == 0
    assert report.next_at == datetime(2026, 11, 24, 8, 0, tzinfo=PRACTICE_TZ)
    set_local(bot, 2026, 11, 24, 8, 0)
    assert (await sweep(bot)).sent == 1


async def test_a_cancelled_appointment_gets_no_reminder(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    replies = await user.tap("Mijn afspraken")
    await user.tap("Afzeggen", message=replies[0])
    await user.tap("Ja, afzeggen")
    set_local(bot, 2026, 11, 25, 13, 0)
    assert (await sweep(bot)).sent == 0
    assert reminders_to(bot, user) == []


async def test_a_moved_appointment_is_reminded_of_its_new_time(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await book(user, "di 24 nov", "11:00")
    replies = await user.tap("Mijn afspraken")
    await user.tap("Verzetten", message=replies[0])
    await user.tap("do 26 nov")
    await user.tap("14:00")
    await user.tap("Bevestigen")
    set_local(bot, 2026, 11, 24, 9, 0)  # 2 hours before the old time
    assert (await sweep(bot)).sent == 0
    set_local(bot, 2026, 11, 25, 14, 0)
    assert (await sweep(bot)).sent == 1
    assert user.last.text.startswith("Herinnering: je afspraak morgen om 14:00")


async def test_ik_kom_is_stored_and_the_specialist_hears_it(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    replies = await user.tap("Ik kom")
    assert any("Fijn! Tot donderdag 26 november om 13:00" in r.text for r in replies)
    assert user.last.labels == [] or "Ik kom" not in user.last.labels
    notice = specialist.last
    assert notice.text.startswith("Bevestigd (komt): donderdag 26 november om 13:00")
    assert "Sam" not in notice.text
    details = await specialist.tap("Details")
    assert "Antwoord: komt." in details[-1].text


async def test_a_second_ik_kom_tells_the_specialist_nothing_new(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    reminder = user.last
    data = reminder.button("Ik kom").callback_data
    await user.tap("Ik kom")
    before = len(bot.api.messages(specialist.user_id))
    replies = await user.tap_data(data, reminder.message_id)
    assert "al laten weten" in replies[-1].text
    assert len(bot.api.messages(specialist.user_id)) == before


async def test_ik_kom_on_a_reminder_of_an_old_time_names_the_new_time(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    reminder = user.last
    data = reminder.button("Ik kom").callback_data
    await user.tap("Verzetten", message=reminder)
    await user.tap("do 26 nov")
    await user.tap("15:00")
    await user.tap("Bevestigen")
    replies = await user.tap_data(data, reminder.message_id)
    assert any("oude tijd" in r.text and "15:00" in r.text for r in replies)


async def test_someone_elses_ik_kom_button_is_refused(bot: Harness) -> None:
    user, stranger = bot.user(501), bot.user(502)
    await booked(bot, user)
    await onboard(stranger)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    data = user.last.button("Ik kom").callback_data
    replies = await stranger.tap_data(data, stranger.last.message_id)
    assert "werkt niet meer" in replies[-1].text
    (delivery,) = await bot.storage.reminders.for_appointment(
        (await bot.storage.appointments.upcoming_for_user(501, bot.clock.now()))[0]
    )
    assert delivery.answer is None


async def test_a_blocked_user_is_marked_unreachable_and_the_specialist_told_once(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    bot.api.block(user.user_id)
    set_local(bot, 2026, 11, 25, 13, 0)
    report = await sweep(bot)
    assert report.undeliverable == 1
    assert specialist.last.text.startswith("Herinnering niet bezorgd: donderdag 26 november")
    assert (await bot.storage.users.get(user.user_id)).unreachable_since is not None
    tries = len([c for c in bot.api.calls if c.params.get("chat_id") == user.user_id])
    set_local(bot, 2026, 11, 26, 11, 0)
    assert (await sweep(bot)).undeliverable == 1
    assert len([c for c in bot.api.calls if c.params.get("chat_id") == user.user_id]) == tries
    told = [m for m in bot.api.messages(specialist.user_id) if "niet bezorgd" in m.text]
    assert len(told) == 1


async def test_a_user_who_writes_again_is_reachable_again(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    bot.api.block(user.user_id)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    bot.api.unblock(user.user_id)
    await user.send("/menu")
    assert (await bot.storage.users.get(user.user_id)).unreachable_since is None
    set_local(bot, 2026, 11, 26, 11, 0)
    assert (await sweep(bot)).sent == 1


async def test_a_429_waits_for_its_retry_after_and_then_sends(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    bot.api.fail_next("sendMessage", 429, retry_after=30)
    report = await sweep(bot)
    assert (report.sent, report.retrying) == (0, 1)
    assert report.next_at == bot.clock.now() + timedelta(seconds=30)
    bot.clock.advance(timedelta(seconds=29))
    assert (await sweep(bot)).sent == 0
    bot.clock.advance(timedelta(seconds=1))
    assert (await sweep(bot)).sent == 1
    assert len(reminders_to(bot, user)) == 1


async def test_a_server_error_is_retried_with_backoff(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    bot.api.fail_next("sendMessage", 502, times=2)
    assert (await sweep(bot)).retrying == 1
    bot.clock.advance(timedelta(seconds=30))
    second = await sweep(bot)
    assert second.retrying == 1
    assert second.next_at == bot.clock.now() + timedelta(seconds=60)  # the wait doubles
    bot.clock.advance(timedelta(seconds=60))
    assert (await sweep(bot)).sent == 1
    assert len(reminders_to(bot, user)) == 1


async def test_a_claimed_but_unconfirmed_reminder_is_sent_again_after_a_crash(
    bot: Harness,
) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    (appointment,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    # The process that died had claimed the reminder but never confirmed it.
    claimed = await bot.storage.reminders.claim(
        appointment,
        timedelta(hours=24),
        bot.clock.now(),
        bot.clock.now(),
        "dead-process",
        bot.clock.now() - timedelta(minutes=5),
    )
    assert claimed is not None
    await stop_harness(bot)
    bot.clock.advance(timedelta(seconds=20))
    restarted = await start_harness(bot.database, bot.config, bot.clock, bot.api)
    try:
        assert (await sweep(restarted)).sent == 1
        assert len(reminders_to(restarted, user)) == 1
    finally:
        await stop_harness(restarted)
    bot.application = restarted.application  # the fixture stops what it started; nothing else


async def test_a_sent_reminder_is_not_sent_again_after_a_restart(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    await stop_harness(bot)
    bot.clock.advance(timedelta(minutes=1))
    restarted = await start_harness(bot.database, bot.config, bot.clock, bot.api)
    try:
        assert (await sweep(restarted)).sent == 0
    finally:
        await stop_harness(restarted)
    bot.application = restarted.application


async def test_a_fresh_claim_of_another_sender_is_left_alone(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    (appointment,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    bot.clock.advance(timedelta(seconds=1))
    await bot.storage.reminders.claim(
        appointment, timedelta(hours=24), bot.clock.now(), bot.clock.now(), "other", bot.clock.now()
    )
    assert (await sweep(bot)).sent == 0


async def test_the_specialist_hears_of_an_unanswered_reminder_four_hours_before(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    set_local(bot, 2026, 11, 26, 8, 59)
    assert (await sweep(bot)).unanswered == 0
    set_local(bot, 2026, 11, 26, 9, 0)
    assert (await sweep(bot)).unanswered == 1
    assert specialist.last.text.startswith("Nog niet bevestigd: donderdag")
    assert specialist.last.disable_notification  # Thursday 09:00: Anna works from 13:00
    bot.clock.advance(timedelta(minutes=10))
    assert (await sweep(bot)).unanswered == 0


async def test_no_unanswered_notice_after_ik_kom(bot: Harness) -> None:
    await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    await user.tap("Ik kom")
    set_local(bot, 2026, 11, 26, 9, 0)
    assert (await sweep(bot)).unanswered == 0


async def test_a_user_can_choose_no_reminders(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    await user.send("/privacy")
    assert "Herinneringen: 24 uur en 2 uur voor het gesprek" in user.last.text
    options = await user.tap("Herinneringen")
    assert options[-1].labels == [
        "✓ Allebei",
        "24 uur ervoor",
        "2 uur ervoor",
        "Geen herinnering",
        "Menu",
    ]
    replies = await user.tap("Geen herinnering")
    assert any("geen herinneringen" in r.text for r in replies)
    set_local(bot, 2026, 11, 26, 11, 0)
    assert (await sweep(bot)).sent == 0


async def test_a_user_can_choose_only_the_last_reminder(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    await user.send("/privacy")
    await user.tap("Herinneringen")
    await user.tap("2 uur ervoor")
    set_local(bot, 2026, 11, 25, 13, 0)
    assert (await sweep(bot)).sent == 0
    set_local(bot, 2026, 11, 26, 11, 0)
    assert (await sweep(bot)).sent == 1


async def test_a_forged_reminder_choice_changes_nothing(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("rchoice:always", user.last.message_id)
    assert "werkt niet meer" in replies[-1].text
    assert await bot.storage.reminders.choice(user.user_id) == "all"


async def test_the_daily_agenda_lists_todays_talks_without_names(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 26, 7, 29)
    assert (await sweep(bot)).agendas == 0
    set_local(bot, 2026, 11, 26, 7, 30)
    assert (await sweep(bot)).agendas == 1
    agenda = specialist.last
    assert agenda.text.startswith("Je agenda voor vandaag, donderdag 26 november")
    assert not agenda.disable_notification  # quiet hours are for families, not the specialist
    assert "13:00 kennismakingsgesprek" in agenda.text
    assert "Sam" not in agenda.text
    assert agenda.labels == ["13:00 details"]
    bot.clock.advance(timedelta(minutes=10))
    assert (await sweep(bot)).agendas == 0


async def test_the_agenda_says_so_on_a_working_day_without_talks(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    set_local(bot, 2026, 11, 24, 7, 30)
    assert (await sweep(bot)).agendas == 1
    assert "Geen afspraken vandaag." in specialist.last.text


async def test_no_agenda_on_a_day_without_hours(bot: Harness) -> None:
    await link_specialist(bot)
    set_local(bot, 2026, 11, 25, 7, 30)  # Wednesday: no hours
    report = await sweep(bot)
    assert report.agendas == 0
    assert report.next_at is not None


async def test_the_next_wake_up_is_the_next_due_moment(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 12, 58)
    report = await sweep(bot)
    assert report.next_at == datetime(2026, 11, 25, 13, 0, tzinfo=PRACTICE_TZ)
    assert bot.application.job_queue is not None
    (job,) = bot.application.job_queue.get_jobs_by_name(JOB_NAME)
    assert job.name == JOB_NAME


async def test_a_failing_sweep_still_plans_the_next_one(bot: Harness, monkeypatch) -> None:
    async def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("database went away")

    monkeypatch.setattr(bot.storage.reminders, "targets", broken)
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    assert bot.application.job_queue.get_jobs_by_name(JOB_NAME) == ()
    with pytest.raises(RuntimeError):
        await sweep(bot)
    assert len(bot.application.job_queue.get_jobs_by_name(JOB_NAME)) == 1


async def test_after_ik_kom_the_next_reminder_does_not_ask_again(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    await user.tap("Ik kom")
    set_local(bot, 2026, 11, 26, 11, 0)
    await sweep(bot)
    assert "Je hebt laten weten dat je komt" in user.last.text
    assert user.last.labels == ["Verzetten", "Afzeggen"]
    confirmations = [m for m in bot.api.messages(specialist.user_id) if "Bevestigd" in m.text]
    assert len(confirmations) == 1


async def test_the_confirmation_and_my_appointments_say_which_reminders_come(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    confirmation = next(m for m in user.messages if "Je afspraak staat vast" in m.text)
    assert (
        "Herinneringen: woensdag 25 november om 13:00 en donderdag 26 november om 11:00"
        in confirmation.text
    )
    replies = await user.tap("Mijn afspraken")
    line = next(r for r in replies if r.text.startswith("Herinneringen:"))
    options = await user.tap("Herinneringen", message=line)
    assert "Geen herinnering" in options[-1].labels


async def test_a_talk_cancelled_during_the_burst_gets_no_reminder(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    (appointment,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    sender = bot.application.bot_data["reminders"]

    async def cancel_meanwhile() -> None:
        await bot.storage.appointments.cancel(appointment.id, bot.clock.now(), late=False)

    sender.pace = cancel_meanwhile  # the burst reaches this reminder after the cancel
    assert (await sweep(bot)).sent == 0
    assert reminders_to(bot, user) == []


async def test_only_a_two_hour_reminder_raises_no_false_alarm(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    await user.send("/privacy")
    await user.tap("Herinneringen")
    await user.tap("2 uur ervoor")
    set_local(bot, 2026, 11, 26, 11, 0)
    report = await sweep(bot)
    assert (report.sent, report.unanswered) == (1, 0)
    assert not any("Nog niet bevestigd" in m.text for m in bot.api.messages(specialist.user_id))


async def test_a_reminder_that_cannot_go_out_is_reported_as_unanswered(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    bot.api.fail_next("sendMessage", 502, times=100)
    await sweep(bot)
    set_local(bot, 2026, 11, 26, 9, 0)
    bot.api.clear_failures()  # the family's chat still failed all along; the specialist's works
    assert (await sweep(bot)).unanswered == 1
    told = [m for m in bot.api.messages(specialist.user_id) if m.text.startswith("Nog niet")]
    assert len(told) == 1


async def test_an_agenda_that_cannot_be_delivered_does_not_stop_the_sweep(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await booked(bot, user)
    bot.api.block(specialist.user_id)
    set_local(bot, 2026, 11, 26, 7, 30)
    report = await sweep(bot)
    assert report.agendas == 0
    assert report.next_at is not None
    bot.clock.advance(timedelta(minutes=10))
    assert (await sweep(bot)).agendas == 0  # recorded as handled: not tried again and again


async def test_the_confirmation_names_only_the_reminders_still_to_come(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await book(user, "di 24 nov", "09:00")  # the day-before moment has passed; 21:00 remains
    confirmation = next(m for m in user.messages if "Je afspraak staat vast" in m.text)
    assert "Herinneringen: vandaag om 21:00" in confirmation.text


async def test_my_appointments_shows_the_reminder_sent_and_the_answer(bot: Harness) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    await sweep(bot)
    await user.tap("Ik kom")
    replies = await user.tap("Mijn afspraken")
    listed = next(r for r in replies if "donderdag 26 november om 13:00" in r.text)
    assert "Herinnering verstuurd op woensdag 25 november om 13:00." in listed.text
    assert "Je hebt laten weten dat je komt." in listed.text


async def test_a_change_during_a_running_sweep_makes_it_look_again_instead_of_queueing(
    bot: Harness,
) -> None:
    user = bot.user()
    await booked(bot, user)
    set_local(bot, 2026, 11, 25, 13, 0)
    sender = bot.application.bot_data["reminders"]
    queue = bot.application.job_queue
    assert queue is not None
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    queued_during_the_sweep = []

    async def a_booking_meanwhile() -> None:
        wake(bot.application)
        queued_during_the_sweep.append(len(queue.get_jobs_by_name(JOB_NAME)))

    sender.pace = a_booking_meanwhile
    report = await sweep(bot)
    assert queued_during_the_sweep == [0]
    assert report.next_at == bot.clock.now()  # the sweep that ran looks again at once


async def test_an_agenda_that_failed_on_a_server_error_is_sent_on_the_next_try(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    set_local(bot, 2026, 11, 24, 7, 30)
    bot.api.fail_next("sendMessage", 502)
    report = await sweep(bot)
    assert report.agendas == 0
    assert report.next_at == bot.clock.now() + timedelta(minutes=5)
    bot.clock.advance(timedelta(minutes=5))
    assert (await sweep(bot)).agendas == 1
    assert "Geen afspraken vandaag." in specialist.last.text
