"""Tips en informatie: browsing the library and typing a question."""

from datetime import timedelta

import pytest

from bot.content import load_library
from bot.core.models import Language
from tests.flows.conftest import Harness, onboard

LIBRARY = {t.id: t for t in load_library(Language.NL)}


async def test_tips_start_with_the_categories(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap("Tips en informatie")
    assert "Gevoelens" in replies[-1].labels
    assert "Veiligheid" in replies[-1].labels


async def test_a_category_lists_its_topics(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Tips en informatie")
    replies = await user.tap("Gevoelens")
    feelings = [t.title for t in LIBRARY.values() if t.category == "feelings"]
    assert set(feelings) <= set(replies[-1].labels)


async def test_every_answer_ends_with_a_question_or_an_appointment(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("ttop:sleep", user.last.message_id)
    assert replies[0].labels[:2] == ["Vraag stellen", "Afspraak maken"]
    assert LIBRARY["sleep"].source_name in replies[0].text


async def test_a_parent_gets_the_parent_wording(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, role="Ouder of verzorger", age="9")
    replies = await user.tap_data("ttop:sleep", user.last.message_id)
    assert LIBRARY["sleep"].parent.splitlines()[0] in replies[0].text


async def test_a_young_person_gets_the_youngster_wording(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, role="Jongere (12-25 jaar)", age="15")
    replies = await user.tap_data("ttop:sleep", user.last.message_id)
    assert LIBRARY["sleep"].youngster.splitlines()[0] in replies[0].text


async def test_typed_text_gets_the_best_topic(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    text = "mijn dochter van 14 slaapt slecht en zit de hele nacht op haar telefoon"
    replies = await user.send(text)
    titles = {LIBRARY["sleep"].title, LIBRARY["screen_time"].title}
    assert replies[0].text.splitlines()[0] in titles


async def test_text_without_a_tip_can_be_sent_to_the_specialist_as_it_is(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("qwerty asdf zxcv")
    assert replies[-1].labels[:2] == ["Anoniem versturen", "Met mijn voornaam"]
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "qwerty asdf zxcv"


async def test_an_unknown_topic_button_shows_the_categories(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("ttop:bestaat_niet", user.last.message_id)
    assert "Gevoelens" in replies[-1].labels


async def test_typing_to_move_an_appointment_offers_my_appointments(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("ik wil mijn afspraak verzetten")
    assert replies[-1].labels == ["Mijn afspraken", "Menu"]
    replies = await user.tap("Mijn afspraken")
    assert "geen afspraken" in replies[-1].text


async def test_typing_to_cancel_opens_no_tip(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("afspraak afzeggen")
    titles = {t.title for t in LIBRARY.values()}
    assert all(r.text.splitlines()[0] not in titles for r in replies)


async def test_typing_to_make_an_appointment_offers_the_booking_button(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("kan ik een afspraak maken")
    assert replies[-1].labels[0] == "Afspraak maken"
    replies = await user.tap("Afspraak maken")
    assert "Voor wie is het gesprek?" in replies[-1].text


async def test_typing_to_ask_the_specialist_offers_the_question_button(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("ik wil een vraag stellen aan de poh")
    assert replies[-1].labels[0] == "Vraag stellen"
    replies = await user.tap("Vraag stellen")
    assert "Typ hieronder je vraag" in replies[-1].text


async def test_a_tip_that_also_fits_a_booking_request_is_one_tap_away(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("hoe maak ik een afspraak bij de poh, wat gebeurt er dan")
    assert replies[-1].labels[0] == "Afspraak maken"
    assert LIBRARY["first_talk"].title in replies[-1].labels


async def test_an_english_request_to_cancel_offers_my_appointments(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("I need to cancel my appointment")
    assert replies[-1].labels[0] == "Mijn afspraken"


async def test_asking_how_the_bot_works_shows_the_help(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("hoe werkt deze bot?")
    assert "/verwijder" in replies[-1].text
    assert "Hulp nu" in replies[-1].labels


async def test_asking_to_erase_my_data_shows_what_is_kept_and_the_erase_button(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("ik wil mijn gegevens wissen")
    assert "Dit weet de bot van je" in replies[-1].text
    assert "Alles wissen" in replies[-1].labels


async def test_thanks_gets_a_welcome_and_the_menu_not_a_tip(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("Top, bedankt voor je antwoord!")
    assert replies[-1].text.startswith("Graag gedaan")
    assert "Vraag stellen" in replies[-1].labels


async def test_a_dutch_tip_has_the_dutch_heading_for_when_to_get_in_touch(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("ttop:sleep", user.last.message_id)
    assert "Wanneer neem je contact op?" in replies[0].text
    assert "When to get in touch" not in replies[0].text


async def test_english_text_from_a_dutch_user_gets_the_tip_in_dutch(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("My son does not sleep well")
    assert replies[0].text.splitlines()[0] == LIBRARY["sleep"].title
    assert "Anoniem versturen" not in replies[-1].labels


# -- a greeting, "ok" or "stop" is no question -------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Goedenavond", "hoi", "ok", "oke", "\N{THUMBS UP SIGN}", "ja", "nee"]
)
async def test_a_greeting_or_a_word_without_content_gets_the_menu_and_no_question_offer(
    bot: Harness, text: str
) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send(text)
    assert "Hier heb ik geen tip over" not in replies[-1].text
    assert "in je eigen woorden" in replies[-1].text
    assert replies[-1].labels[0] == "Vraag stellen"
    assert await bot.storage.flows.get(user.user_id) is None
    replies = await user.send("hoe werkt deze bot?")
    assert "/verwijder" in replies[-1].text


async def test_stop_and_menu_typed_act_like_the_commands(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    replies = await user.send("stop")
    assert replies[-1].text.startswith("Gestopt. Er is niets gewist.")
    assert await bot.storage.flows.get(user.user_id) is None
    replies = await user.send("Menu")
    assert replies[-1].text == "Wat wil je doen?"
    await user.tap("Vraag stellen")
    replies = await user.send("stop")
    assert replies[-1].text.startswith("Gestopt. Er is niets gewist.")
    assert await bot.storage.questions.for_user(user.user_id) == []


async def test_after_the_no_tip_offer_a_new_message_is_read_as_itself_first(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    bot.clock.advance(timedelta(minutes=1))
    replies = await user.send("hoe werkt deze bot?")
    assert "/verwijder" in replies[-1].text
    replies = await user.send("ik wil mijn gegevens wissen")
    assert "Alles wissen" in replies[-1].labels
    replies = await user.send("kan ik een afspraak maken")
    assert replies[-1].labels[0] == "Afspraak maken"
    replies = await user.send("hoi")
    assert "Vraag stellen" in replies[-1].labels
    replies = await user.send("mijn zoon plast nog in bed")
    assert replies[0].text.splitlines()[0] == LIBRARY["bedwetting"].title
    # The text offered before is not lost: "Ask a question" offers both.
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Wil je dit bericht als vraag sturen?")
    assert "qwerty asdf zxcv" in replies[-1].text
    assert "plast nog in bed" in replies[-1].text


async def test_after_the_no_tip_offer_text_again_without_a_tip_is_added(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    bot.clock.advance(timedelta(minutes=1))
    replies = await user.send("en ook nog uiop hjkl")
    assert "Dit staat nu ook in je vraag" in replies[-1].text
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == "qwerty asdf zxcv\n\nen ook nog uiop hjkl"


async def test_yes_or_no_to_the_no_tip_offer(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    bot.clock.advance(timedelta(minutes=1))
    replies = await user.send("ja")
    assert replies[-1].text.startswith("Kies hieronder hoe je je vraag verstuurt")
    assert replies[-1].labels == ["Anoniem versturen", "Met mijn voornaam", "Stoppen"]
    replies = await user.send("nee")
    assert replies[-1].text.startswith("Oké, ik heb je bericht niet verstuurd.")
    assert await bot.storage.flows.get(user.user_id) is None
    assert await bot.storage.questions.for_user(user.user_id) == []


async def test_a_no_tip_offer_that_is_not_sent_lapses_after_half_an_hour(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    offer = user.last
    bot.clock.advance(timedelta(minutes=31))
    replies = await user.tap("Anoniem versturen", message=offer)
    assert "niet verstuurd: het wachtte te lang" in replies[-1].text
    assert await bot.storage.questions.for_user(user.user_id) == []
    bot.clock.advance(timedelta(hours=20))
    replies = await user.send("uiop hjkl")
    assert "Dit staat nu ook in je vraag" not in replies[-1].text
    assert "Hier heb ik geen tip over" in replies[-1].text


async def test_a_request_to_ask_that_says_what_about_is_kept_as_the_question(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    text = "Ik wil een vraag stellen over mijn dochter, ze ligt elke avond uren wakker en is moe"
    replies = await user.send(text)
    assert replies[-1].labels[0] == "Vraag stellen"
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Wil je dit bericht als vraag sturen?")
    await user.tap("Anoniem versturen")
    (question,) = await bot.storage.questions.for_user(user.user_id)
    assert question.body == text


async def test_a_bare_request_to_ask_is_not_offered_as_the_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("ik wil een vraag stellen aan de poh")
    replies = await user.tap("Vraag stellen")
    assert replies[-1].text.startswith("Typ hieronder je vraag")


async def test_words_with_a_photo_while_the_no_tip_offer_waits_are_added(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")
    bot.clock.advance(timedelta(minutes=1))
    replies = await user.send_photo(caption="uiop hjkl")
    assert "woorden" in replies[0].text
    assert "Dit staat nu ook in je vraag" in replies[-1].text
    assert not any("alleen tekst lezen" in r.text for r in replies)
