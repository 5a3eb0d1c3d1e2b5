"""Help now from anywhere, and the crisis check on every piece of text."""

from datetime import UTC, datetime, timedelta

from bot.fakeapi.api import BotMessage
from tests.flows.conftest import Harness, link_specialist, onboard


async def test_hulp_shows_the_card_in_the_middle_of_onboarding(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    replies = await user.send("/hulp")
    card = replies[0].text
    for number in ["112", "0800-0113", "0800-0432", "0800-2000", "0800-0188"]:
        assert number in card
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.step == "role"


async def test_the_card_names_the_practice_and_the_huisartsenpost(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap("Hulp nu")
    assert "010-123 45 67" in replies[0].text
    assert "0900-111 22 33" in replies[0].text
    assert "niet 's nachts" in replies[0].text


async def test_the_card_before_any_choice_is_in_the_telegram_language(bot: Harness) -> None:
    replies = await bot.user(language_code="en").send("/hulp")
    assert replies[0].text.startswith("Help now")


async def test_crisis_language_gets_the_card_first(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("ik wil niet meer leven")
    assert replies[0].text.startswith("Hulp nu")
    assert len(replies) == 1


async def test_crisis_language_during_onboarding_keeps_the_flow(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.send("mijn dochter zegt dat ze dood wil")
    assert replies[0].text.startswith("Hulp nu")
    flow = await bot.storage.flows.get(user.user_id)
    assert flow is not None and flow.step == "age"


async def test_an_edited_message_is_crisis_checked(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("hoi")
    replies = await user.edit_last_sent("ik wil dood")
    assert replies[0].text.startswith("Hulp nu")


async def test_a_photo_caption_is_crisis_checked(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send_photo(caption="ik snij mezelf weer")
    assert replies[0].text.startswith("Hulp nu")


async def test_a_message_sent_while_the_bot_was_down_is_crisis_checked_first(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user)
    sent = bot.clock.now() - timedelta(minutes=20)
    replies = await user.send("ik wil er niet meer zijn", date=sent)
    assert replies[0].text.startswith("Hulp nu")


async def test_the_card_goes_out_through_the_production_rate_limiter(bot: Harness) -> None:
    from tests.flows.conftest import start_harness, stop_harness

    limited = await start_harness(bot.database, bot.config, bot.clock, bot.api, rate_limit=True)
    try:
        user = limited.user(777)
        replies = await user.send("ik wil dood")
        assert replies[0].text.startswith("Hulp nu")
    finally:
        await stop_harness(limited)


def _flags(specialist_messages: list[BotMessage]) -> list[BotMessage]:
    return [m for m in specialist_messages if m.text.startswith("Crisissignaal")]


async def test_a_crisis_flag_at_night_is_silent(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    bot.clock.current = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    replies = await user.send("ik wil niet meer leven")
    assert replies[0].text.startswith("Hulp nu")
    assert specialist.last.text.startswith("Crisissignaal")
    assert specialist.last.disable_notification


async def test_a_crisis_flag_in_working_hours_is_not_silent(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.send("ik wil niet meer leven")
    assert not specialist.last.disable_notification


async def test_several_crisis_messages_in_a_row_flag_the_specialist_once(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.send("ik wil niet meer leven")
    bot.clock.advance(timedelta(minutes=10))
    replies = await user.send("ik wil echt dood")
    assert replies[0].text.startswith("Hulp nu")
    assert len(_flags(specialist.messages)) == 1


async def test_a_crisis_an_hour_later_flags_the_specialist_again(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    await user.send("ik wil niet meer leven")
    bot.clock.advance(timedelta(hours=1, minutes=1))
    await user.send("ik wil echt dood")
    assert len(_flags(specialist.messages)) == 2
