"""A question to the specialist, from both sides of the chat."""

from datetime import UTC, datetime, timedelta

from telegram.ext import CallbackContext

from bot.fakeapi.harness import FakeUser
from bot.handlers.questions import remind_specialists
from tests.flows.conftest import Harness, link_specialist, onboard


async def _ask(user: FakeUser, text: str, *, anonymous: bool = True) -> None:
    await user.tap("Vraag stellen")
    await user.send(text)
    if anonymous:
        await user.tap("Anoniem versturen")


async def test_asking_tells_the_answer_promise_and_that_it_is_no_emergency_line(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap("Vraag stellen")
    assert "binnen 2 werkdagen" in replies[-1].text
    assert "niet voor noodgevallen" in replies[-1].text
    assert replies[-1].labels == ["Hulp nu", "Stoppen"]


async def test_a_sent_question_names_the_deadline(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("Mijn zoon van 9 slaapt slecht, wat kan ik doen?")
    replies = await user.tap("Anoniem versturen")
    # Monday 23 November 2026 + 2 working days.
    assert "vóór woensdag 25 november" in replies[-1].text


async def test_the_specialist_is_told_without_the_content(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Mijn zoon van 9 slaapt slecht")
    notice = specialist.last
    assert "Nieuwe vraag via de chat" in notice.text
    assert "slaapt" not in notice.text
    assert notice.labels == ["Bekijken"]


async def test_the_specialist_reads_answers_and_the_answer_reaches_the_user(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Mijn zoon van 9 slaapt slecht")
    shown = await specialist.tap("Bekijken")
    assert any("Mijn zoon van 9 slaapt slecht" in m.text for m in shown)
    assert "ouder, kind van 9" in shown[0].text
    await specialist.tap("Beantwoorden")
    replies = await specialist.send("Een vast ritme helpt. Kom gerust langs.")
    assert replies[-1].text == "Je antwoord is verstuurd."
    answer = user.last
    assert answer.text.startswith("Antwoord van Anna de Vries")
    assert "Een vast ritme helpt" in answer.text
    assert answer.labels == ["Reageren", "Afspraak maken", "Menu"]


async def test_the_user_can_reply_once(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    await specialist.tap("Beantwoorden")
    await specialist.send("Antwoord")
    answer = user.last
    await user.tap("Reageren", message=answer)
    replies = await user.send("Dank je, en als het niet lukt?")
    assert "Je vraag is verstuurd" in replies[-1].text
    assert "Nieuwe reactie" in specialist.last.text
    replies = await user.tap("Reageren", message=answer)
    assert "al gereageerd" in replies[-1].text


async def test_a_first_name_can_be_added(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag", anonymous=False)
    await user.tap("Met mijn voornaam")
    await user.send("Fatima")
    shown = await specialist.tap("Bekijken")
    assert "Fatima" in shown[0].text


async def test_question_text_is_escaped_wherever_it_is_shown(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "<b>vet</b> & <script>")
    shown = await specialist.tap("Bekijken")
    assert any("<b>vet</b> & <script>" in m.text for m in shown)


async def test_a_4000_character_question_reaches_the_specialist(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    replies = await user.tap("Vraag stellen")
    replies = await user.send("woord " * 666)
    assert "De eerste 3500 tekens" in replies[-1].text
    await user.tap("Anoniem versturen")
    shown = await specialist.tap("Bekijken")
    assert len(shown) >= 2
    assert shown[-1].labels == ["Beantwoorden", "Uitnodigen voor gesprek"]


async def test_crisis_words_in_a_question_show_the_card_and_keep_the_question(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    replies = await user.send("mijn dochter zegt dat ze dood wil, wat moet ik doen")
    assert replies[0].text.startswith("Hulp nu")
    assert replies[-1].labels == ["Anoniem versturen", "Met mijn voornaam", "Stoppen"]


async def test_crisis_words_flag_the_specialist_without_content(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.send("ik wil niet meer leven")
    flag = specialist.last
    assert flag.text.startswith("Crisissignaal")
    assert "leven" not in flag.text


async def test_a_specialist_writing_about_suicide_gets_no_crisis_card(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    await specialist.tap("Beantwoorden")
    replies = await specialist.send("Denk je aan zelfmoord? Bel dan 113.")
    assert not any(r.text.startswith("Hulp nu") for r in replies)


async def test_the_specialist_can_invite_to_book(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    replies = await specialist.tap("Uitnodigen voor gesprek")
    assert replies[-1].text == "De uitnodiging is verstuurd."
    assert "wil graag met je praten" in user.last.text
    assert "Afspraak maken" in user.last.labels


async def test_another_practices_question_is_not_shown(bot: Harness) -> None:
    await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Geheime vraag")
    stranger = bot.user(777)
    await onboard(stranger)
    replies = await stranger.tap_data("qview:1", stranger.last.message_id)
    assert not any("Geheime vraag" in r.text for r in replies)


async def test_a_second_answer_is_refused(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    await specialist.tap("Beantwoorden")
    await specialist.send("Eerste")
    replies = await specialist.tap_data("qans:1", specialist.last.message_id)
    assert replies[-1].text == "Die vraag is al beantwoord."


async def test_an_open_question_is_listed_in_the_specialist_menu(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.send("/menu")
    replies = await specialist.tap("Wachtende vragen")
    assert replies[-1].text == "Er wacht 1 vraag."


async def test_stop_during_a_question_keeps_nothing(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("half af")
    replies = await user.tap("Stoppen")
    assert "Er is niets gewist" in replies[-1].text
    assert await bot.storage.questions.for_user(user.user_id) == []


async def test_a_notification_at_night_is_silent(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    bot.clock.current = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
    await _ask(user, "Vraag")
    assert specialist.last.disable_notification


async def test_an_unanswered_question_reminds_the_specialist_after_a_working_day(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    context = CallbackContext(bot.application)
    bot.clock.advance(timedelta(hours=20))
    assert await remind_specialists(context) == 0
    bot.clock.advance(timedelta(hours=5))
    assert await remind_specialists(context) == 1
    assert specialist.last.text.startswith("Herinnering")
    assert await remind_specialists(context) == 0


async def test_a_notification_outside_the_specialists_own_days_is_silent(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag op maandag")
    assert not specialist.last.disable_notification  # Monday 10:00: Anna works then
    bot.clock.current = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday: she does not
    await _ask(user, "Vraag op woensdag")
    assert specialist.last.disable_notification
