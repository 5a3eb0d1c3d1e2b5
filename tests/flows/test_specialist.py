"""A specialist links their Telegram account with a single-use invite code."""

from datetime import timedelta

from bot.core.invites import INVITE_VALID_FOR, hash_code, new_invite_code
from tests.flows.conftest import Harness

SPECIALIST_ID = 900


async def _invite(bot: Harness) -> str:
    code = new_invite_code()
    now = bot.clock.now()
    await bot.storage.specialists.create_invite(
        "anna", hash_code(code), now, now + INVITE_VALID_FOR
    )
    return code


async def test_a_valid_code_links_and_shows_the_specialist_menu(bot: Harness) -> None:
    code = await _invite(bot)
    replies = await bot.user(SPECIALIST_ID).send(f"/specialist {code.lower()}")
    assert "Gelukt" in replies[0].text
    assert "Menu voor de specialist" in replies[-1].text
    assert "Huisartsenpraktijk De Linde" in replies[-1].text


async def test_a_used_code_is_refused_kindly(bot: Harness) -> None:
    code = await _invite(bot)
    await bot.user(SPECIALIST_ID).send(f"/specialist {code}")
    replies = await bot.user(SPECIALIST_ID + 1).send(f"/specialist {code}")
    assert "al gebruikt" in replies[-1].text


async def test_an_expired_code_is_refused_kindly(bot: Harness) -> None:
    code = await _invite(bot)
    bot.clock.advance(INVITE_VALID_FOR + timedelta(seconds=1))
    replies = await bot.user(SPECIALIST_ID).send(f"/specialist {code}")
    assert "verlopen" in replies[-1].text


async def test_a_wrong_code_is_refused_kindly(bot: Harness) -> None:
    await _invite(bot)
    replies = await bot.user(SPECIALIST_ID).send("/specialist ABCD-EFGH-JKMN")
    assert "klopt niet" in replies[-1].text


async def test_specialist_without_code_is_told_how(bot: Harness) -> None:
    replies = await bot.user(SPECIALIST_ID).send("/specialist")
    assert "/specialist ABCD-EFGH-JKMN" in replies[-1].text


async def test_a_linked_specialist_gets_their_menu_on_start(bot: Harness) -> None:
    code = await _invite(bot)
    user = bot.user(SPECIALIST_ID)
    await user.send(f"/specialist {code}")
    replies = await user.send("/start")
    assert "Menu voor de specialist" in replies[-1].text


async def test_a_revoked_specialist_is_a_normal_user_again(bot: Harness) -> None:
    code = await _invite(bot)
    user = bot.user(SPECIALIST_ID)
    await user.send(f"/specialist {code}")
    await bot.storage.specialists.revoke("anna", bot.clock.now())
    replies = await user.send("/start")
    assert replies[0].text.startswith("Hoi!")


async def test_the_specialist_menu_promises_no_agenda_in_the_menu_but_says_when_it_comes(
    bot: Harness,
) -> None:
    code = await _invite(bot)
    replies = await bot.user(SPECIALIST_ID).send(f"/specialist {code}")
    assert "later in dit menu" not in replies[-1].text
    assert "Elke werkdag krijg je hier 's ochtends je agenda" in replies[-1].text
