"""The practice TOML seeds the database; after that the database is the truth."""

from __future__ import annotations

from bot.core.clock import Clock
from bot.settings import PracticeConfig
from bot.storage import Storage


async def seed_practices(storage: Storage, config: PracticeConfig, clock: Clock) -> tuple[int, int]:
    counts = await storage.practices.upsert(
        [p.as_row() for p in config.practices],
        [s.as_row() for s in config.specialists],
        clock.now(),
    )
    for practice_seed in config.practices:
        practice = await storage.practices.by_code(practice_seed.code)
        assert practice is not None
        await storage.reminders.set_policy(practice.id, practice_seed.reminders)
    for seed in config.specialists:
        specialist = await storage.specialists.by_key(seed.key)
        assert specialist is not None
        await storage.reminders.set_agenda_time(specialist.id, seed.agenda_at)
        for code, hours in seed.hours.items():
            practice = await storage.practices.by_code(code)
            assert practice is not None
            await storage.availability.set_hours(specialist.id, practice.id, list(hours))
    return counts
