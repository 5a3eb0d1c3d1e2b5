"""Regressions found in review: each one a way the bot could fail a family."""

from tests.flows.conftest import SPECIALIST_ID, Harness, link_specialist, onboard


async def test_the_card_is_sent_even_when_a_specialist_cannot_be_flagged(bot: Harness) -> None:
    await link_specialist(bot)
    user = bot.user()
    await onboard(user)
    bot.api.block(SPECIALIST_ID)
    replies = await user.send("ik wil niet meer leven")
    assert replies[0].text.startswith("Hulp nu")
    assert len(replies) == 1


async def test_a_tap_too_old_to_answer_is_still_handled(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    menu = user.last
    bot.api.fail_next(
        "answerCallbackQuery",
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )
    query = {
        "id": bot.api.new_callback_query(),
        "from": bot.api.user_json(user.user_id),
        "chat_instance": "ci",
        "data": "sos",
        "message": bot.api.message_json(menu),
    }
    replies = await bot.telegram.feed({"callback_query": query}, chat_id=user.chat_id)
    assert replies[0].text.startswith("Hulp nu")


async def test_an_erased_question_id_is_never_given_to_another_family(bot: Harness) -> None:
    first, second = bot.user(501), bot.user(502)
    await onboard(first)
    await onboard(second)
    for user in (first, second):
        await user.tap("Vraag stellen")
        await user.send("vraag")
        await user.tap("Anoniem versturen")
    (old,) = await bot.storage.questions.for_user(502)
    await second.send("/verwijder")
    await second.tap("Ja, wis alles")
    await first.tap("Vraag stellen")
    await first.send("nieuwe vraag")
    await first.tap("Anoniem versturen")
    ids = [q.id for q in await bot.storage.questions.for_user(501)]
    assert old.id not in ids


async def test_a_language_chosen_before_start_is_kept(bot: Harness) -> None:
    user = bot.user()
    await user.send("/taal")
    await user.tap("English")
    replies = await user.send("/start")
    assert replies[0].text.startswith("Hi!")


async def test_a_superscript_digit_in_button_data_is_a_stale_button(bot: Harness) -> None:
    user = bot.user()
    await user.send("/start")
    await user.tap("Nederlands")
    await user.tap("Ouder of verzorger")
    replies = await user.tap_data("age:²", user.last.message_id)
    assert replies
    assert await bot.storage.users.get(user.user_id) is None


async def test_a_button_with_a_missing_argument_is_a_stale_button(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("erase", user.last.message_id)
    assert "werkt niet meer" in replies[-1].text
