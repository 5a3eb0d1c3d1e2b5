"""The practice TOML seeds the database; after that the database is the truth."""

from __future__ import annotations

from bot.core.clock import Clock
from bot.settings import PracticeConfig
from bot.storage import Storage


async def seed_practices(storage: Storage, config: PracticeConfig, clock: Clock) -> tuple[int, int]:
    return await storage.practices.upsert(
        [p.as_row() for p in config.practices],
        [s.as_row() for s in config.specialists],
        clock.now(),
    )
