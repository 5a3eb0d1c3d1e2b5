"""Free text that asks for one of the bot's own services instead of a tip."""

import pytest

from bot.core.intents import CONTENT_FREE, ServiceIntent, asks_with_content, service_intent


@pytest.mark.parametrize(
    "text",
    [
        "ik wil mijn afspraak verzetten",
        "afspraak afzeggen",
        "kan ik mijn gesprek van dinsdag verplaatsen",
        "I need to cancel my appointment",
        "can we reschedule the appointment",
    ],
)
def test_moving_or_cancelling_a_talk_asks_for_my_appointments(text: str) -> None:
    assert service_intent(text) is ServiceIntent.APPOINTMENTS


def test_asking_about_my_appointment_asks_for_my_appointments() -> None:
    assert service_intent("wanneer is mijn afspraak?") is ServiceIntent.APPOINTMENTS


@pytest.mark.parametrize(
    "text",
    [
        "kan ik een afspraak maken",
        "ik wil graag een gesprek aanvragen",
        "Afspraak maken",
        "can I book an appointment",
    ],
)
def test_making_a_talk_asks_for_booking(text: str) -> None:
    assert service_intent(text) is ServiceIntent.BOOK


@pytest.mark.parametrize(
    "text",
    [
        "ik wil een vraag stellen aan de poh",
        "vraag voor de praktijkondersteuner",
        "hoi, ik heb een vraag",
        "I want to ask the specialist a question",
    ],
)
def test_wanting_to_ask_the_specialist_asks_for_a_question(text: str) -> None:
    assert service_intent(text) is ServiceIntent.ASK


@pytest.mark.parametrize(
    "text",
    [
        "wat gebeurt er bij het eerste gesprek",
        "hoe lang duurt een gesprek",
        "mijn zoon kan niet slapen",
        "ik heb een vraag over pesten",
        "how do i make my kids talk to me",
    ],
)
def test_questions_about_a_topic_ask_for_no_service(text: str) -> None:
    assert service_intent(text) is None


def test_a_worry_about_a_talk_is_no_booking() -> None:
    assert service_intent("ik maak me zorgen over het gesprek") is None


@pytest.mark.parametrize(
    "text", ["hoe werkt deze bot?", "help", "wat kan je allemaal", "how does this work", "Hulp"]
)
def test_asking_how_the_bot_works_asks_for_help(text: str) -> None:
    assert service_intent(text) is ServiceIntent.HELP


@pytest.mark.parametrize(
    "text",
    [
        "ik wil mijn gegevens wissen",
        "verwijder mijn gegevens",
        "wat weet de bot van mij?",
        "please delete my data",
        "what do you know about me",
    ],
)
def test_asking_for_my_data_asks_for_privacy(text: str) -> None:
    assert service_intent(text) is ServiceIntent.PRIVACY


@pytest.mark.parametrize(
    "text",
    [
        "hoe werkt het eerste gesprek",
        "how does the first talk work",
        "mogen mijn ouders mijn dossier zien",
        "what can you do about a child who will not sleep",
        "help mijn zoon slaapt niet",
    ],
)
def test_questions_about_care_are_not_questions_about_the_bot(text: str) -> None:
    assert service_intent(text) not in (ServiceIntent.HELP, ServiceIntent.PRIVACY)


@pytest.mark.parametrize(
    "text", ["bedankt voor je reactie", "Top, bedankt voor je antwoord!", "thanks a lot"]
)
def test_a_message_that_is_only_thanks_is_thanks(text: str) -> None:
    assert service_intent(text) is ServiceIntent.THANKS


def test_thanks_with_a_new_worry_is_not_only_thanks() -> None:
    assert service_intent("bedankt, maar mijn zoon slaapt nog steeds slecht") is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hoi", ServiceIntent.GREETING),
        ("Goedenavond!", ServiceIntent.GREETING),
        ("hallo daar", ServiceIntent.GREETING),
        ("good morning", ServiceIntent.GREETING),
        ("ok", ServiceIntent.YES),
        ("oke dan", ServiceIntent.YES),
        ("\N{THUMBS UP SIGN}", ServiceIntent.YES),
        ("ja hoor", ServiceIntent.YES),
        ("nee", ServiceIntent.NO),
        ("nee hoor", ServiceIntent.NO),
        ("haha", ServiceIntent.CHAT),
        ("?", ServiceIntent.CHAT),
        ("hmmm", ServiceIntent.CHAT),
    ],
)
def test_a_few_words_without_content_are_no_question(text: str, intent: ServiceIntent) -> None:
    assert service_intent(text) is intent
    assert intent in CONTENT_FREE


@pytest.mark.parametrize(
    "text",
    [
        "hoi, mijn zoon slaapt slecht",
        "ok maar hij plast nog in bed",
        "nee hij wil niet naar school",
        "mijn zoon",
        "\u0645\u0631\u062d\u0628\u0627",  # another script is read as it is
        "14",
    ],
)
def test_words_with_content_are_not_chat(text: str) -> None:
    assert service_intent(text) not in CONTENT_FREE


@pytest.mark.parametrize("text", ["stop", "Stop!", "stoppen", "STOP maar"])
def test_stop_typed_is_stop(text: str) -> None:
    assert service_intent(text) is ServiceIntent.STOP


@pytest.mark.parametrize("text", ["menu", "Menu", "het menu", "hoofdmenu", "main menu"])
def test_menu_typed_is_the_menu(text: str) -> None:
    assert service_intent(text) is ServiceIntent.MENU


def test_stopping_with_something_is_no_stop() -> None:
    assert service_intent("ik wil stoppen met school") is not ServiceIntent.STOP


def test_a_request_to_ask_with_what_about_has_content() -> None:
    assert asks_with_content(
        "Ik wil een vraag stellen over mijn dochter, ze ligt elke avond uren wakker"
    )
    assert not asks_with_content("ik wil een vraag stellen aan de poh")
    assert not asks_with_content("I want to ask the specialist a question")


@pytest.mark.parametrize("text", ["niet goed", "echt niet goed"])
def test_not_good_is_no_yes(text: str) -> None:
    assert service_intent(text) is not ServiceIntent.YES


def test_a_story_that_names_my_appointment_is_no_request_for_it() -> None:
    text = "sinds mijn afspraak bij de tandarts durft mijn dochter niet meer naar buiten"
    assert service_intent(text) is not ServiceIntent.APPOINTMENTS
