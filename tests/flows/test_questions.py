"""A question to the specialist, from both sides of the chat."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from telegram.ext import CallbackContext

from bot.fakeapi.harness import FakeUser
from bot.handlers.common import escape
from bot.handlers.questions import escaped_pieces, remind_specialists
from tests.flows.conftest import Harness, link_specialist, onboard


def _text(length: int, word: str = "woord") -> str:
    """Ordinary words, exactly `length` characters."""
    return ((word + " ") * (length // (len(word) + 1) + 1))[: length - 1] + "."


def _squeezed(texts: Iterable[str]) -> str:
    """The text without its spacing: pieces are cut at spaces and line breaks."""
    return "".join("".join(texts).split())


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
    # Monday 23 November 2026 + 2 working days: the deadline is Wednesday, not the day before.
    assert "uiterlijk woensdag 25 november" in replies[-1].text
    assert "vóór" not in replies[-1].text


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
    assert replies[-1].text == "Antwoord op vraag 1 verstuurd."
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
    assert "Je reactie is verstuurd" in replies[-1].text
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


async def test_a_4000_character_question_reaches_the_specialist_whole(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    text = _text(4000) + " Wat kan ik doen?"
    replies = await user.send(text)
    assert "tekens" not in replies[-1].text
    await user.tap("Anoniem versturen")
    shown = await specialist.tap("Bekijken")
    assert len(shown) >= 2
    assert _squeezed(m.text for m in shown[1:]) == _squeezed([text])
    assert shown[-1].text.endswith("Wat kan ik doen?")
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


# -- a question or an answer in more than one message ----------------------------------------


async def test_a_question_typed_in_two_messages_is_sent_whole(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("Hallo, ik heb een vraag over mijn zoon.")
    replies = await user.send("Hij is 9 en plast nog elke nacht in bed")
    assert "Dit staat nu ook in je vraag" in replies[-1].text
    assert replies[-1].labels == ["Anoniem versturen", "Met mijn voornaam", "Stoppen"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == (
        "Hallo, ik heb een vraag over mijn zoon.\n\nHij is 9 en plast nog elke nacht in bed"
    )


async def test_a_question_over_telegrams_limit_arrives_whole_in_pieces_that_fit(
    bot: Harness,
) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    # The phone sends text over 4,096 characters as two messages. "<" and "&" grow when escaped.
    first = _text(4096, "<b>&amp;")
    second = "En nu de eigenlijke vraag: is dit normaal voor een jongen van 9?"
    await user.send(first)
    await user.send(second)
    await user.tap("Anoniem versturen")
    shown = await specialist.tap("Bekijken")
    assert all(len(m.html) <= 4096 for m in shown)
    assert _squeezed(m.text for m in shown[1:]) == _squeezed([first, second])
    assert shown[-1].text.endswith("jongen van 9?")
    assert shown[-1].labels == ["Beantwoorden", "Uitnodigen voor gesprek"]
    assert all(not m.labels for m in shown[:-1])


async def test_a_question_stops_growing_at_three_full_messages_and_says_so(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    parts = [_text(4096, word) for word in ("een", "twee", "drie")]
    for part in parts:
        await user.send(part)
    replies = await user.send("vier")
    assert "Je vraag is zo lang als kan" in replies[-1].text
    assert replies[-1].labels == ["Anoniem versturen", "Met mijn voornaam", "Stoppen"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "\n\n".join(parts)


async def test_crisis_words_in_a_second_part_show_the_card_and_are_added(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("Ik maak me zorgen om mijn dochter.")
    replies = await user.send("Ze zegt dat ze dood wil.")
    assert replies[0].text.startswith("Hulp nu")
    assert "Dit staat nu ook in je vraag" in replies[-1].text
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body.endswith("Ze zegt dat ze dood wil.")


async def test_more_text_after_the_no_tip_offer_is_added_to_that_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    replies = await user.send("en nog iets")
    assert "Dit staat nu ook in je vraag" in replies[-1].text
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "qwerty asdf zxcv\n\nen nog iets"


TIP_TEXT = "mijn dochter van 14 slaapt slecht en zit de hele nacht op haar telefoon"


async def test_ask_right_after_a_typed_text_with_a_tip_offers_to_send_that_text(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await user.send(TIP_TEXT)
    replies = await user.tap("Vraag stellen")  # the button under the tip
    assert replies[-1].text.startswith("Wil je dit bericht als vraag sturen?")
    assert TIP_TEXT in replies[-1].text
    assert "nieuwe vraag" in replies[-1].text
    assert replies[-1].labels == ["Anoniem versturen", "Met mijn voornaam", "Hulp nu", "Stoppen"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == TIP_TEXT


async def test_ask_from_the_menu_after_a_typed_text_offers_it_too(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send(TIP_TEXT)
    await user.tap("Menu")
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Wil je dit bericht als vraag sturen?")


async def test_a_new_text_replaces_the_offered_typed_text(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send(TIP_TEXT)
    await user.tap("Vraag stellen")
    replies = await user.send("Hoe lang mag ze per dag gamen?")
    assert "voornaam" in replies[-1].text
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "Hoe lang mag ze per dag gamen?"


async def test_a_long_typed_text_in_two_parts_is_offered_whole(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    first = TIP_TEXT + " " + _text(4096 - len(TIP_TEXT) - 1)
    second = "Ze slaapt slecht en is moe op school, wat kan ik doen?"
    await user.send(first)
    await user.send(second)
    if "Anoniem versturen" not in user.last.labels:  # the second part got a tip of its own
        await user.tap("Vraag stellen")
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == first + "\n\n" + second


async def test_only_text_typed_just_before_is_offered_and_not_a_single_word(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("slapen")
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Typ hieronder je vraag")
    await user.tap("Stoppen")
    await user.send(TIP_TEXT)
    bot.clock.advance(timedelta(hours=1))
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Typ hieronder je vraag")


async def _answer(bot: Harness, user: FakeUser, specialist: FakeUser, answer: str) -> None:
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    await specialist.tap("Beantwoorden")
    await specialist.send(answer)


async def test_an_answer_over_3500_characters_arrives_whole(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    answer = _text(4000) + " Groet, Anna"
    await _answer(bot, user, specialist, answer)
    received = [m for m in user.messages if m.text.startswith("Antwoord van")]
    pieces = user.messages[user.messages.index(received[0]) :]
    assert all(len(m.html) <= 4096 for m in pieces)
    assert pieces[-1].text.endswith("Groet, Anna")
    assert "…" not in pieces[-1].text
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.answer == answer


async def test_an_answer_in_two_messages_reaches_the_person_whole(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    first = _text(4096, "ritme")
    await _answer(bot, user, specialist, first)
    replies = await specialist.send("Tot slot: kom gerust eens langs.")
    assert replies[-1].text == "Dit is aan je antwoord op vraag 1 toegevoegd en verstuurd."
    assert user.last.text == "Tot slot: kom gerust eens langs."
    assert user.last.labels == ["Reageren", "Afspraak maken", "Menu"]
    assert [m for m in user.messages if "Reageren" in m.labels] == [user.last]
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.answer == first + "\n\nTot slot: kom gerust eens langs."


async def test_text_right_after_a_short_answer_never_reaches_that_family(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _answer(bot, user, specialist, "Een vast ritme helpt.")
    before = user.last
    bot.clock.advance(timedelta(seconds=5))
    replies = await specialist.send("Beste ouder van vraag 2, schoolweigering komt vaak voor.")
    assert user.last == before
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.answer == "Een vast ritme helpt."
    assert "toegevoegd" not in replies[-1].text


async def test_text_well_after_an_answer_is_not_sent_to_the_person(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _answer(bot, user, specialist, "Een vast ritme helpt.")
    before = user.last
    bot.clock.advance(timedelta(minutes=5))
    replies = await specialist.send("notitie voor mezelf")
    assert user.last == before
    assert "Menu voor de specialist" in replies[-1].text


async def test_viewing_another_question_ends_adding_to_the_answer(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _answer(bot, user, specialist, "Een vast ritme helpt.")
    other = bot.user(502)
    await onboard(other)
    await _ask(other, "Andere vraag")
    await specialist.tap("Bekijken")
    before = user.last
    await specialist.send("Dit was voor de andere ouder bedoeld")
    assert user.last == before


# -- what the specialist sees ------------------------------------------------------------------


async def test_an_invitation_to_book_closes_the_question(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    await specialist.tap("Bekijken")
    await specialist.tap("Uitnodigen voor gesprek")
    await specialist.send("/menu")
    replies = await specialist.tap("Wachtende vragen")
    assert replies[-1].text == "Er wachten geen vragen."
    bot.clock.advance(timedelta(hours=25))
    assert await remind_specialists(CallbackContext(bot.application)) == 0
    shown = await specialist.tap_data("qview:1")
    assert "Uitgenodigd voor een gesprek" in shown[-1].text
    assert shown[-1].labels == ["Beantwoorden"]


async def test_the_specialist_sees_a_reply_headed_reactie(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _answer(bot, user, specialist, "Antwoord")
    await user.tap("Reageren")
    await user.send("Dank je!")
    shown = await specialist.tap("Bekijken")
    assert shown[0].text.startswith("Reactie 2 – anoniem")


async def test_the_deadline_in_english_says_at_the_latest(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("/taal")
    await user.tap("English")
    await user.tap("Ask a question")
    await user.send("My son of 9 sleeps badly, what can I do?")
    replies = await user.tap("Send anonymously")
    assert "by Wednesday 25 November at the latest" in replies[-1].text


async def test_a_forged_answer_button_from_a_non_specialist_gets_the_stale_button_reply(
    bot: Harness,
) -> None:
    await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag")
    stranger = bot.user(777)
    await onboard(stranger)
    for data in ("qans:1", "qview:1", "qinv:1"):
        replies = await stranger.tap_data(data, stranger.last.message_id)
        assert replies[-1].text.startswith("Die knop werkt niet meer. Hier is het menu.")
        assert "Vraag stellen" in replies[-1].labels


@given(
    st.text(alphabet=st.sampled_from(["<", "&", ">", "a", " ", "\n", "é", "😀"]), max_size=3000),
    st.integers(min_value=16, max_value=400),
)
def test_long_text_is_split_in_escaped_pieces_that_fit_and_lose_nothing(
    text: str, limit: int
) -> None:
    pieces = escaped_pieces(text, limit)
    assert all(len(p.encode("utf-16-le")) // 2 <= limit for p in pieces)
    assert all(p.strip() for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(escape(text).split())


async def test_words_sent_with_a_photo_are_kept_as_the_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    replies = await user.send_photo(caption="Mijn zoon van 9 slaapt slecht, wat kan ik doen?")
    assert "woorden" in replies[0].text
    assert replies[-1].labels[:2] == ["Anoniem versturen", "Met mijn voornaam"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "Mijn zoon van 9 slaapt slecht, wat kan ik doen?"


async def test_crisis_words_sent_with_a_photo_show_the_card_and_are_kept(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    replies = await user.send_photo(caption="mijn dochter zegt dat ze dood wil")
    assert replies[0].text.startswith("Hulp nu")
    assert replies[-1].labels[:2] == ["Anoniem versturen", "Met mijn voornaam"]


async def test_a_photo_with_words_outside_a_question_is_still_unreadable(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send_photo(caption="kijk hier")
    assert "alleen tekst lezen" in replies[-1].text


# -- an answer reaches only the person whose question the specialist chose last ----------------


async def _two_questions(bot: Harness) -> tuple[FakeUser, FakeUser, FakeUser]:
    """A parent asks about sleep (question 1), then a young person about bullying (question 2)."""
    specialist = await link_specialist(bot)
    parent = bot.user(501)
    await onboard(parent)
    await _ask(parent, "Mijn zoon slaapt slecht al weken")
    young = bot.user(502)
    await onboard(young, role="Jongere (12-25 jaar)", age="15")
    await _ask(young, "Ik word gepest door Jesse uit 3B")
    return specialist, parent, young


def _notice(specialist: FakeUser, question_id: int):
    return next(
        m
        for m in specialist.messages
        if f"qview:{question_id}" in str(m.buttons) and "Nieuwe" in m.text
    )


async def test_viewing_another_question_ends_a_pending_answer_so_it_never_reaches_the_first_asker(
    bot: Harness,
) -> None:
    specialist, parent, young = await _two_questions(bot)
    await specialist.tap("Bekijken", message=_notice(specialist, 1))
    replies = await specialist.tap("Beantwoorden")
    assert "vraag 1" in replies[-1].text
    shown = await specialist.tap("Bekijken", message=_notice(specialist, 2))
    assert "Je was bezig met een antwoord op vraag 1. Er is niets verstuurd." in shown[0].text
    parent_before, young_before = parent.last, young.last
    await specialist.send("Wat naar dat Jesse je pest. Wil je langskomen?")
    assert parent.last == parent_before
    assert young.last == young_before
    first = await bot.storage.questions.get(1)
    assert first is not None and first.answered_at is None
    await specialist.tap("Beantwoorden")
    replies = await specialist.send("Wat naar dat Jesse je pest. Wil je langskomen?")
    assert replies[-1].text == "Antwoord op vraag 2 verstuurd."
    assert "Jesse" in young.last.text
    assert parent.last == parent_before


async def test_the_list_of_waiting_questions_and_menu_and_stop_end_a_pending_answer(
    bot: Harness,
) -> None:
    specialist, parent, _ = await _two_questions(bot)
    for move_on in ("Wachtende vragen", "/menu", "/stop", "menu", "stop"):
        await specialist.tap_data("qans:1")
        if move_on == "Wachtende vragen":
            replies = await specialist.tap(move_on)
        else:
            replies = await specialist.send(move_on)
        assert any("Er is niets verstuurd" in r.text for r in replies), move_on
        before = parent.last
        await specialist.send("hoi")
        assert parent.last == before, move_on
    first = await bot.storage.questions.get(1)
    assert first is not None and first.answered_at is None


async def test_inviting_ends_a_pending_answer(bot: Harness) -> None:
    specialist, parent, young = await _two_questions(bot)
    await specialist.tap_data("qans:1")
    replies = await specialist.tap_data("qinv:2")
    assert any("Er is niets verstuurd" in r.text for r in replies)
    assert "wil graag met je praten" in young.last.text
    parent_before, young_before = parent.last, young.last
    await specialist.send("Kom maar langs.")
    assert parent.last == parent_before
    assert young.last == young_before


async def test_answer_tapped_on_two_questions_goes_to_the_last_one_chosen(bot: Harness) -> None:
    specialist, parent, young = await _two_questions(bot)
    await specialist.tap_data("qans:1")
    prompt = await specialist.tap_data("qans:2")
    assert "vraag 2" in prompt[-1].text
    parent_before = parent.last
    replies = await specialist.send("Wat naar. Wil je langskomen?")
    assert replies[-1].text == "Antwoord op vraag 2 verstuurd."
    assert parent.last == parent_before
    assert "Wat naar" in young.last.text


async def test_viewing_the_question_being_answered_keeps_its_answer_open(bot: Harness) -> None:
    specialist, parent, _ = await _two_questions(bot)
    await specialist.tap("Bekijken", message=_notice(specialist, 1))
    await specialist.tap("Beantwoorden")
    await specialist.tap("Bekijken", message=_notice(specialist, 1))
    replies = await specialist.send("Een vast ritme helpt.")
    assert replies[-1].text == "Antwoord op vraag 1 verstuurd."
    assert "Een vast ritme helpt." in parent.last.text


async def test_an_answer_typed_hours_after_tapping_answer_is_not_sent_and_says_why(
    bot: Harness,
) -> None:
    specialist, parent, _ = await _two_questions(bot)
    await specialist.tap_data("qans:1")
    bot.clock.advance(timedelta(hours=2, minutes=1))
    before = parent.last
    replies = await specialist.send("Een vast ritme helpt.")
    assert parent.last == before
    assert "meer dan 2 uur geleden op Beantwoorden bij vraag 1" in replies[-1].text
    assert replies[-1].labels == ["Bekijk vraag 1"]
    shown = await specialist.tap("Bekijk vraag 1")
    assert shown[-1].labels[0] == "Beantwoorden"
    await specialist.tap("Beantwoorden")
    replies = await specialist.send("Een vast ritme helpt.")
    assert replies[-1].text == "Antwoord op vraag 1 verstuurd."


# -- a reply: confirmed as a reply, and its parts kept together --------------------------------


async def _answered(bot: Harness) -> tuple[FakeUser, FakeUser]:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _answer(bot, user, specialist, "Een vast ritme helpt. Lukt dat?")
    return specialist, user


async def test_a_sent_reply_is_confirmed_as_a_reply_not_as_a_question(bot: Harness) -> None:
    _, user = await _answered(bot)
    await user.tap("Reageren")
    replies = await user.send("Het lukt nog niet zo goed.")
    assert replies[-1].text.startswith("Je reactie is verstuurd.")
    assert "Je vraag" not in replies[-1].text


async def test_a_reply_over_telegrams_limit_reaches_the_specialist_whole(bot: Harness) -> None:
    specialist, user = await _answered(bot)
    await user.tap("Reageren")
    # The phone sends text over 4,096 characters as two messages, one right after the other.
    first = _text(4096, "ritme")
    second = "En dan nog dit: hij slaapt pas om elf uur."
    await user.send(first)
    bot.clock.advance(timedelta(seconds=2))
    replies = await user.send(second)
    assert "Dit staat nu ook in je reactie" in replies[-1].text
    assert not any("Hier heb ik geen tip over" in r.text for r in replies)
    reply = (await bot.storage.questions.for_user(user.user_id))[-1]
    assert reply.reply_to is not None
    assert reply.body == first + "\n\n" + second
    shown = await specialist.tap("Bekijken")
    assert shown[-1].text.endswith("hij slaapt pas om elf uur.")


async def test_a_new_worry_right_after_a_short_reply_is_not_added_to_it(bot: Harness) -> None:
    _, user = await _answered(bot)
    await user.tap("Reageren")
    await user.send("ja")
    bot.clock.advance(timedelta(seconds=5))
    replies = await user.send("Mijn dochter van 12 eet bijna niets meer sinds de zomer")
    assert not any("Dit staat nu ook in je reactie" in r.text for r in replies)
    reply = (await bot.storage.questions.for_user(user.user_id))[-1]
    assert reply.body == "ja"


async def test_text_well_after_a_reply_is_read_as_itself(bot: Harness) -> None:
    _, user = await _answered(bot)
    await user.tap("Reageren")
    await user.send("Het lukt nog niet zo goed.")
    bot.clock.advance(timedelta(minutes=2))
    replies = await user.send("mijn zoon plast nog in bed")
    assert "reactie" not in replies[-1].text
    reply = (await bot.storage.questions.for_user(user.user_id))[-1]
    assert reply.body == "Het lukt nog niet zo goed."


# -- the first name is a name -------------------------------------------------------------------


async def test_the_first_name_step_takes_a_name_and_not_a_sentence(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _ask(user, "Mijn zoon van 9 slaapt slecht", anonymous=False)
    await user.tap("Met mijn voornaam")
    for not_a_name in ("mijn zoon is negen jaar", "hoi", "Sam123", "a" * 31):
        replies = await user.send(not_a_name)
        assert replies[-1].text.startswith("Alleen je voornaam is genoeg"), not_a_name
    assert await bot.storage.questions.for_user(user.user_id) == []
    replies = await user.send("Anne-Fleur")
    assert replies[-1].text.startswith("Je vraag is verstuurd")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.first_name == "Anne-Fleur"


async def test_a_first_name_with_ik_ben_in_front_is_just_the_name(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag over slapen", anonymous=False)
    await user.tap("Met mijn voornaam")
    await user.send("ik ben D'Angelo")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.first_name == "D'Angelo"


async def test_no_name_after_all_can_still_be_sent_anonymously(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await _ask(user, "Vraag over slapen", anonymous=False)
    await user.tap("Met mijn voornaam")
    replies = await user.send("dat wil ik toch liever niet zeggen")
    assert replies[-1].labels == ["Anoniem versturen", "Stoppen"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.first_name is None


# -- a greeting or an "ok" while asking is not the question ------------------------------------


async def test_a_greeting_typed_as_the_question_is_not_taken_as_the_question(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    replies = await user.send("Hoi")
    assert replies[-1].text.startswith("Typ hieronder je vraag")
    await user.send("Mijn zoon van 9 slaapt slecht")
    replies = await user.send("ok")
    assert replies[-1].text.startswith("Kies hieronder hoe je je vraag verstuurt")
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "Mijn zoon van 9 slaapt slecht"


async def test_a_yes_may_be_a_reply_but_a_greeting_is_not(bot: Harness) -> None:
    _, user = await _answered(bot)
    await user.tap("Reageren")
    replies = await user.send("hoi")
    assert replies[-1].text.startswith("Typ hieronder je reactie")
    replies = await user.send("ja")
    assert replies[-1].text.startswith("Je reactie is verstuurd")
    reply = (await bot.storage.questions.for_user(user.user_id))[-1]
    assert reply.body == "ja"


async def test_a_name_typed_a_while_after_choosing_to_add_it_still_sends(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")  # no tip: offered as a question
    await user.tap("Met mijn voornaam")
    bot.clock.advance(timedelta(minutes=35))
    replies = await user.send("Marieke")
    assert "Je vraag is verstuurd" in replies[-1].text
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.first_name == "Marieke"


async def test_an_answer_typed_days_after_tapping_answer_is_told_not_sent(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await _ask(user, "Mijn zoon van 9 slaapt slecht")
    await specialist.tap("Bekijken")
    await specialist.tap("Beantwoorden")
    bot.clock.advance(timedelta(days=3))
    replies = await specialist.send("Een vast ritme helpt.")
    assert "niet verstuurd" in replies[-1].text
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.answer is None


async def test_a_worry_hours_after_an_unsent_question_gets_its_own_tip(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("Hoe lang duurt een gesprek bij jullie ongeveer?")
    bot.clock.advance(timedelta(hours=3))
    replies = await user.send("mijn zoon van 8 plast nog elke nacht in bed")
    assert not any("Dit staat nu ook in je vraag" in r.text for r in replies)
    assert any(r.text.startswith("Bedplassen") for r in replies)


async def test_a_worry_seconds_after_the_no_tip_offer_gets_its_own_tip(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")  # no tip: offered as a question
    bot.clock.advance(timedelta(seconds=3))
    replies = await user.send("mijn zoon van 8 plast nog elke nacht in bed")
    assert any(r.text.startswith("Bedplassen") for r in replies)


async def test_no_to_sending_the_typed_text_asks_for_a_new_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("mijn zoon van 8 plast nog elke nacht in bed, wat kunnen we doen")
    replies = await user.tap("Vraag stellen")
    assert "als vraag sturen" in replies[-1].text
    replies = await user.send("nee")
    assert "Typ hieronder je vraag" in replies[-1].text
    replies = await user.send("Hoe lang duurt een gesprek?")
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "Hoe lang duurt een gesprek?"


async def test_an_offer_joined_with_a_later_tip_can_still_be_sent_from_its_button(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")  # no tip: offered as a question
    offer = user.last
    bot.clock.advance(timedelta(minutes=1))
    await user.send("mijn zoon van 8 plast nog elke nacht in bed")  # a tip
    replies = await user.tap("Anoniem versturen", message=offer)
    assert "als vraag sturen" in replies[-1].text
