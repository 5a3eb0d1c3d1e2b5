"""The main menu and the commands around it."""

from tests.flows.conftest import Harness, onboard


async def test_every_menu_button_answers(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    for label in ["Vraag stellen", "Tips en informatie", "Afspraak maken", "Mijn afspraken"]:
        replies = await user.tap(label)
        assert replies, label


async def test_help_puts_help_now_first(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("/help")
    assert replies[-1].labels[0] == "Hulp nu"
    assert "/verwijder" in replies[-1].text


async def test_menu_command_before_onboarding_points_to_start(bot: Harness) -> None:
    replies = await bot.user().send("/menu")
    assert "/start" in replies[-1].text
    assert replies[-1].labels == ["Hulp nu"]


async def test_stop_ends_the_flow_and_keeps_the_profile(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("/taal")
    replies = await user.send("/stop")
    assert "Er is niets gewist" in replies[-1].text
    assert await bot.storage.users.get(user.user_id) is not None


async def test_stop_during_onboarding_forgets_the_unconfirmed_answers(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    replies = await user.send("/stop")
    assert "/start" in replies[-1].text
    assert await bot.storage.flows.get(user.user_id) is None


async def test_erase_asks_first_and_no_keeps_everything(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("/verwijder")
    assert replies[-1].labels == ["Ja, wis alles", "Nee, niet wissen"]
    await user.tap("Nee, niet wissen")
    assert await bot.storage.users.get(user.user_id) is not None


async def test_erase_yes_removes_everything(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("/verwijder")
    replies = await user.tap("Ja, wis alles")
    assert "is gewist" in replies[-1].text
    assert await bot.storage.users.get(user.user_id) is None


async def test_a_second_tap_on_erase_yes_finds_nothing_left(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("/verwijder")
    question = user.last
    await user.tap("Ja, wis alles")
    replies = await user.tap_data("erase:yes", question.message_id)
    assert "niets meer om te wissen" in replies[-1].text


async def test_privacy_shows_every_stored_field(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, age="9")
    replies = await user.send("/privacy")
    facts = replies[-1].text
    assert "Taal: Nederlands" in facts
    assert "Je bent: ouder of verzorger" in facts
    assert "Leeftijd van je kind: 9" in facts
    assert "Praktijk: Huisartsenpraktijk De Linde" in facts
    assert "23 november 2026" in facts
    assert "Alles wissen" in replies[-1].labels


async def test_privacy_before_onboarding_says_nothing_is_kept(bot: Harness) -> None:
    replies = await bot.user().send("/privacy")
    assert "De bot bewaart nog niets van je" in replies[-1].text


async def test_taal_switches_to_english(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("/taal")
    replies = await user.tap("English")
    assert replies[-1].text.startswith("Okay, I will write in English")
    assert "Ask a question" in replies[-1].labels


async def test_commands_are_registered_per_language_and_by_default(bot: Harness) -> None:
    calls = [c for c in bot.api.calls if c.method == "setMyCommands"]
    languages = {c.params.get("language_code") for c in calls}
    assert languages == {"nl", "en", None}
    dutch = next(c for c in calls if c.params.get("language_code") == "nl")
    names = [c["command"] for c in dutch.params["commands"]]
    assert names == ["start", "menu", "hulp", "help", "taal", "privacy", "stop", "verwijder"]


async def test_menu_in_the_middle_of_booking_ends_the_booking(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.send("/menu")
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is None or flow.flow != "booking"


async def test_menu_during_onboarding_keeps_the_place(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.send("/menu")
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.flow == "onboarding"


async def test_menu_typed_in_the_name_step_of_a_question_ends_it(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Vraag stellen")
    await user.send("Mijn zoon van 9 plast nog elke nacht in bed")
    await user.tap("Met mijn voornaam")
    await user.send("menu")
    await user.tap("Tips en informatie")
    await user.send("bedplassen")
    assert await bot.storage.questions.for_user(user.user_id) == []


async def test_stop_typed_as_the_booking_note_stops_the_booking(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    await user.send("01-05-2016")
    await user.tap("Slapen")
    replies = await user.send("stop")
    assert "Gestopt" in replies[-1].text
    assert await bot.storage.flows.get(user.user_id) is None


async def test_privacy_names_a_message_typed_but_not_sent(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("qwerty asdf zxcv")  # no tip: offered as a question, not sent
    replies = await user.send("/privacy")
    assert "nog niet verstuurd" in replies[-1].text


async def test_privacy_during_onboarding_names_the_answers_so_far(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.send("/privacy")
    assert "antwoorden" in replies[-1].text
