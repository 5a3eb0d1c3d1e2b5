"""A real Application on a real database, driven through the strict fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application, prepare, teardown
from bot.core.clock import FakeClock
from bot.core.invites import INVITE_VALID_FOR, hash_code, new_invite_code
from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.harness import FakeTelegram, FakeUser
from bot.fakeapi.request import FakeRequest
from bot.settings import Settings
from bot.storage import Storage

TOKEN = "123456:TEST-token"
BOT_USERNAME = "JeugdBot"

ONE_PRACTICE = """
[[practice]]
code = "linde"
name = "Huisartsenpraktijk De Linde"
address = "Lindelaan 1, Voorbeeld"
phone = "010-123 45 67"
huisartsenpost = "0900-111 22 33"

[[specialist]]
key = "anna"
name = "Anna de Vries"
title = "praktijkondersteuner jeugd"
practices = ["linde"]

[specialist.hours]
linde = ["mon 09:00-12:00", "tue 09:00-12:00", "thu 13:00-17:00"]
"""

SECOND_PRACTICE = """
[[practice]]
code = "eik"
name = "Gezondheidscentrum De Eik"
phone = "010-765 43 21"
huisartsenpost = "0900-111 22 33"
"""


@dataclass
class Harness:
    application: Application
    api: FakeBotApi
    telegram: FakeTelegram
    storage: Storage
    clock: FakeClock
    database: Path
    config: Path

    def user(self, user_id: int = 501, *, language_code: str | None = "nl") -> FakeUser:
        return self.telegram.user(user_id, language_code=language_code)


async def start_harness(
    database: Path, config: Path, clock: FakeClock, api: FakeBotApi, *, rate_limit: bool = False
) -> Harness:
    settings = Settings(
        token=TOKEN,
        api_url="http://fake-bot-api.invalid",
        database_path=database,
        practice_config=config,
    )
    application = build_application(
        settings, clock=clock, request=FakeRequest(api), rate_limit=rate_limit, reminder_rate=None
    )
    await application.initialize()
    await prepare(application)
    return Harness(
        application=application,
        api=api,
        telegram=FakeTelegram(api, application),
        storage=application.bot_data["services"].storage,
        clock=clock,
        database=database,
        config=config,
    )


async def stop_harness(harness: Harness) -> None:
    await harness.application.shutdown()
    await teardown(harness.application)


@pytest.fixture
def practice_toml() -> str:
    return ONE_PRACTICE


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock, practice_toml: str) -> AsyncIterator[Harness]:
    config = tmp_path / "practice.toml"
    config.write_text(practice_toml, encoding="utf-8")
    api = FakeBotApi(token=TOKEN, bot_username=BOT_USERNAME, clock=clock.now)
    harness = await start_harness(tmp_path / "bot.db", config, clock, api)
    try:
        yield harness
    finally:
        await stop_harness(harness)


SPECIALIST_ID = 900


async def link_specialist(bot: Harness, user_id: int = SPECIALIST_ID) -> FakeUser:
    """The demo specialist links this Telegram account with a fresh invite code."""
    code = new_invite_code()
    now = bot.clock.now()
    await bot.storage.specialists.create_invite(
        "anna", hash_code(code), now, now + INVITE_VALID_FOR
    )
    specialist = bot.user(user_id)
    await specialist.send(f"/specialist {code}")
    return specialist


async def onboard(
    user: FakeUser, *, role: str = "Ouder of verzorger", age: str = "9", start: str = "/start"
) -> None:
    """The shortest path through onboarding, in Dutch, for tests about what comes after."""
    await user.send(start)
    await user.tap("Nederlands")
    await user.tap(role)
    await user.tap(age)
    await user.tap("Ik snap het")


async def answer_booking_questions(user: FakeUser, name: str = "Sam") -> None:
    """A parent's booking for their child up to where the place or the days are asked."""
    await user.tap("Afspraak maken")
    await user.tap("Voor mijn kind")
    await user.send(name)
    await user.send("01-05-2016")
    await user.tap("Slapen")
    await user.tap("Overslaan")
