"""Anything unexpected gets a short, kind reply and a way on."""

from datetime import timedelta

import pytest

from tests.flows.conftest import Harness, onboard


@pytest.mark.parametrize("kind", ["send_photo", "send_voice", "send_sticker", "send_document"])
async def test_unreadable_messages_offer_help_now(bot: Harness, kind: str) -> None:
    user = bot.user()
    await onboard(user)
    replies = await getattr(user, kind)()
    assert "alleen tekst lezen" in replies[-1].text
    assert replies[-1].labels[0] == "Hulp nu"


async def test_a_voice_note_before_onboarding_also_offers_help_now(bot: Harness) -> None:
    replies = await bot.user().send_voice()
    assert replies[-1].labels == ["Hulp nu"]


async def test_an_unknown_command_gets_the_menu(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send("/afspraak")
    assert "Dat commando ken ik niet" in replies[-1].text
    assert "Vraag stellen" in replies[-1].labels


async def test_a_4000_character_message_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.send(("lang verhaal " * 320)[:4000])
    assert len(replies) == 1
    assert "Zal ik je bericht als vraag" in replies[0].text


async def test_free_text_before_onboarding_points_to_start(bot: Harness) -> None:
    replies = await bot.user().send("hallo")
    assert "/start" in replies[-1].text


@pytest.mark.parametrize("data", ["nonsense", "age:999", "prac:abc", "menu:unknown", "lang:xx"])
async def test_forged_button_data_gets_a_kind_reply(bot: Harness, data: str) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data(data, user.last.message_id)
    assert replies
    assert "Vraag stellen" in replies[-1].labels


async def test_an_old_onboarding_button_after_onboarding_gives_the_menu(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    replies = await user.tap_data("role:parent", user.last.message_id)
    assert "Dat is al geregeld" in replies[-1].text


async def test_a_late_message_gets_one_sorry_for_the_wait(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    sent = bot.clock.now() - timedelta(minutes=30)
    first = await user.send("/menu", date=sent)
    second = await user.send("/help", date=sent)
    assert first[0].text.startswith("Sorry dat je moest wachten")
    assert not any("Sorry dat je moest wachten" in r.text for r in second)


async def test_an_edit_gets_a_short_explanation(bot: Harness) -> None:
    user = bot.user()
    await onboard(user)
    await user.send("hoi")
    replies = await user.edit_last_sent("hallo")
    assert "alleen nieuwe berichten" in replies[-1].text
