"""Onboarding as a parent or youngster would try it, through the fake Bot API."""

from datetime import timedelta

import pytest

from bot.core.models import Language, Role
from tests.flows.conftest import (
    ONE_PRACTICE,
    SECOND_PRACTICE,
    Harness,
    onboard,
    start_harness,
    stop_harness,
)


async def test_first_message_welcomes_and_names_the_crisis_lines(bot: Harness) -> None:
    replies = await bot.user().send("/start")
    first = replies[0].text
    assert first.startswith("Hoi!")
    assert "112" in first
    assert "113" in first
    assert "geen noodhulp" in first


async def test_english_telegram_gets_english_before_a_language_is_chosen(bot: Harness) -> None:
    replies = await bot.user(language_code="en-GB").send("/start")
    assert replies[0].text.startswith("Hi!")
    assert "112" in replies[0].text


async def test_language_is_asked_with_buttons(bot: Harness) -> None:
    replies = await bot.user().send("/start")
    assert replies[-1].labels == ["Nederlands", "English"]


async def test_parent_reaches_the_main_menu(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    assert user.last.labels == [
        "Vraag stellen",
        "Tips en informatie",
        "Afspraak maken",
        "Mijn afspraken",
        "Hulp nu",
    ]


async def test_finished_onboarding_stores_only_what_is_needed(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, role="Jongere (12-25 jaar)", age="15")
    profile = await bot.storage.users.get(user.user_id)
    assert profile is not None
    assert (profile.role, profile.age, profile.language) == (Role.YOUNGSTER, 15, Language.NL)
    assert profile.privacy_read_at == bot.clock.now()
    practice = await bot.storage.practices.by_code("linde")
    assert practice is not None and profile.practice_id == practice.id


async def test_nothing_is_stored_before_the_privacy_notice_is_read(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    await user.tap("9")
    assert await bot.storage.users.get(user.user_id) is None


async def test_choosing_english_switches_the_questions_to_english(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    replies = await user.tap("English")
    assert replies[-1].text == "Who are you?"
    assert replies[-1].labels == ["Parent or carer", "Young person (12-25)"]


async def test_answered_question_loses_its_buttons(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    question = user.last
    await user.tap("Nederlands")
    now = {m.message_id: m for m in bot.api.messages(user.chat_id)}
    assert now[question.message_id].buttons == ()


async def test_a_typed_age_is_accepted(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Jongere (12-25 jaar)")
    replies = await user.send("ik ben 17")
    assert any("16 of ouder" in r.text for r in replies)
    assert replies[-1].labels == ["Ik snap het"]


async def test_a_nonsense_age_gets_a_kind_reply_and_the_question_again(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.send("geen idee eigenlijk")
    assert "Typ alleen een getal" in replies[-1].text
    assert "9" in replies[-1].labels


async def test_a_child_under_12_is_sent_to_the_parent(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Jongere (12-25 jaar)")
    replies = await user.tap("Jonger dan 12")
    assert "ouder of verzorger" in replies[-1].text
    assert "0800-0432" in replies[-1].text
    assert "Hulp nu" in replies[-1].labels
    assert await bot.storage.users.get(user.user_id) is None


async def test_a_parent_of_a_16_year_old_gets_a_link_to_share(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("16")
    rules = next(r for r in replies if "beslist je kind zelf" in r.text)
    assert "https://t.me/JeugdBot?start=linde" in rules.text


@pytest.mark.parametrize(
    ("role", "age", "words"),
    [
        ("Ouder of verzorger", "7", "beslis jij als ouder"),
        ("Ouder of verzorger", "13", "allebei toestemming"),
        ("Jongere (12-25 jaar)", "13", "Een eerste gesprek mag je zelf aanvragen"),
        ("Jongere (12-25 jaar)", "16", "Je beslist zelf over hulp"),
        ("Jongere (12-25 jaar)", "20", "Jongeren Informatie Punt"),
    ],
)
async def test_the_rules_by_age_come_in_one_short_message(
    bot: Harness, role: str, age: str, words: str
) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap(role)
    replies = await user.tap(age)
    assert sum(words in r.text for r in replies) == 1


async def test_privacy_notice_tells_what_telegram_keeps(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("9")
    notice = replies[-1].text
    assert "Telegram bewaart deze chat zelf ook" in notice
    assert "niet end-to-end versleuteld" in notice
    assert "/verwijder" in notice
    assert replies[-1].labels == ["Ik snap het"]


@pytest.mark.parametrize("practice_toml", [ONE_PRACTICE + SECOND_PRACTICE])
async def test_with_two_practices_the_user_chooses_one(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("9")
    assert replies[-1].text == "Bij welke huisartsenpraktijk hoor je?"
    await user.tap("Gezondheidscentrum De Eik")
    await user.tap("Ik snap het")
    profile = await bot.storage.users.get(user.user_id)
    eik = await bot.storage.practices.by_code("eik")
    assert profile is not None and eik is not None and profile.practice_id == eik.id


SHORT_EIK = SECOND_PRACTICE.replace("huisartsenpost =", 'short_name = "De Eik"\nhuisartsenpost =')


@pytest.mark.parametrize("practice_toml", [ONE_PRACTICE + SHORT_EIK])
async def test_practice_buttons_show_the_short_name(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("9")
    assert replies[-1].labels == ["De Eik", "Huisartsenpraktijk De Linde", "Terug"]


@pytest.mark.parametrize("practice_toml", [ONE_PRACTICE + SECOND_PRACTICE])
async def test_a_deep_link_chooses_the_practice(bot: Harness) -> None:
    user = bot.user()
    replies = await user.send("/start eik")
    assert "Gezondheidscentrum De Eik" in replies[0].text
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("9")
    assert replies[-1].labels == ["Ik snap het"]


async def test_an_unknown_deep_link_is_no_dead_end(bot: Harness) -> None:
    replies = await bot.user().send("/start bestaat-niet")
    assert "Die link ken ik niet" in replies[0].text
    assert replies[-1].labels == ["Nederlands", "English"]


async def test_back_returns_to_the_previous_question(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("Terug")
    assert replies[-1].text == "Wie ben jij?"
    replies = await user.tap("Jongere (12-25 jaar)")
    assert "Hoe oud ben je?" in replies[-1].text


async def test_a_second_tap_on_an_answered_question_changes_nothing(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    language_question = user.last
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap_data("lang:en", language_question.message_id)
    assert any("al beantwoord" in r.text for r in replies)
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.data["language"] == "nl"


async def test_typing_during_a_button_question_puts_the_question_back(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    replies = await user.send("hallo?")
    assert replies[-1].labels == ["Nederlands", "English"]


async def test_onboarding_goes_on_after_a_restart(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await stop_harness(bot)
    restarted = await start_harness(bot.database, bot.config, bot.clock, bot.api)
    try:
        again = restarted.user(user.user_id)
        replies = await again.tap("Ouder of verzorger")
        assert "Hoe oud is je kind?" in replies[-1].text
    finally:
        await stop_harness(restarted)


async def test_an_abandoned_onboarding_ends_kindly_on_the_next_tap(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    bot.clock.advance(timedelta(days=8))
    replies = await user.tap("Ouder of verzorger")
    assert "Typ /start om opnieuw te beginnen" in replies[-1].text
    assert await bot.storage.flows.get(user.user_id) is None


async def test_start_again_after_onboarding_says_welcome_back(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("/start")
    assert replies[-1].text.startswith("Welkom terug!")
    assert "Vraag stellen" in replies[-1].labels


async def test_a_young_adult_hears_of_the_gp_the_student_counsellor_and_the_jip(
    bot: Harness,
) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Jongere (12-25 jaar)")
    replies = await user.send("21")
    rules = next(r.text for r in replies if "volwassen" in r.text)
    assert "huisarts" in rules and "studentendecaan" in rules and "jip.nl" in rules


async def test_a_parent_of_an_adult_child_hears_that_the_child_decides(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap("18 of ouder")
    rules = next(r.text for r in replies if "volwassen" in r.text)
    assert "beslist" in rules and "jip.nl" in rules and "t.me/" in rules
