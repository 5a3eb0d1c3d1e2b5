"""Shared fixtures: an injected clock, a real SQLite database in a temp folder."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import settings

from bot.core.clock import FakeClock
from bot.storage import Storage, open_storage

# Two slow cores in CI: no per-example deadline, fewer examples than a laptop could afford.
settings.register_profile("ci", deadline=None, max_examples=200)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await open_storage(tmp_path / "test.db")
    try:
        yield store
    finally:
        await store.close()
