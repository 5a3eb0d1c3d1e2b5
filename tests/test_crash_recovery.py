"""kill -9 in the middle of a burst of reminders: none is lost, only one in flight can come twice.

The real bot runs as a separate process (`python -m bot run`, polling) against the fake Bot API
served over HTTP on loopback, with the real clock and the real pacing of 20 reminders a second.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.loadgen import fill, practice_file
from bot.core.clock import PRACTICE_TZ, FakeClock
from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.http import FakeBotApiServer
from bot.seed import seed_practices
from bot.settings import load_practice_config
from bot.storage import open_storage

TOKEN = "4242:crash-test"
REMINDERS = 60


def _quiet_hours_far_from_now() -> str:
    """One quiet minute twelve hours away, so the burst never meets the night, whenever CI runs."""
    far = datetime.now(PRACTICE_TZ) + timedelta(hours=12)
    return f"{far:%H:%M}-{far + timedelta(minutes=1):%H:%M}"


async def _prepare(folder: Path) -> list[int]:
    config = folder / "practice.toml"
    config.write_text(practice_file(_quiet_hours_far_from_now()), encoding="utf-8")
    storage = await open_storage(folder / "bot.db")
    try:
        now = datetime.now(UTC)
        await seed_practices(storage, load_practice_config(config), FakeClock(now))
        # Talks 23.5 hours ahead, booked a week ago: their day-before reminders are all due.
        return await fill(
            storage,
            REMINDERS,
            now + timedelta(hours=23, minutes=30),
            per_specialist=1,
            spacing=timedelta(0),
            booked_at=now - timedelta(days=7),
        )
    finally:
        await storage.close()


def _start_bot(folder: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=f"http://127.0.0.1:{port}",
        DATABASE_PATH=str(folder / "bot.db"),
        PRACTICE_CONFIG=str(folder / "practice.toml"),
        LOG_LEVEL="WARNING",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _reminders(api: FakeBotApi, users: list[int]) -> Counter[int]:
    return Counter(
        user
        for user in users
        for message in api.messages(user)
        if message.text.startswith("Herinnering:")
    )


async def _until(condition, seconds: float) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not reached in time")


async def test_a_kill_in_the_middle_of_a_burst_loses_no_reminder(tmp_path: Path) -> None:
    users = await _prepare(tmp_path)
    api = FakeBotApi(token=TOKEN)
    for user in users:
        api.register_chat(user)
    server = FakeBotApiServer(api)
    port = await server.start()
    try:
        first = _start_bot(tmp_path, port)
        try:
            await _until(lambda: sum(_reminders(api, users).values()) >= 15, 60)
        finally:
            first.send_signal(signal.SIGKILL)
            await asyncio.to_thread(first.communicate, timeout=30)
        before_restart = sum(_reminders(api, users).values())
        assert 15 <= before_restart < REMINDERS  # it really died in the middle

        second = _start_bot(tmp_path, port)
        try:
            await _until(lambda: len(_reminders(api, users)) == REMINDERS, 60)
            await asyncio.sleep(1.0)  # room for a reminder that would wrongly come twice
        finally:
            second.terminate()
            _, err = await asyncio.to_thread(second.communicate, timeout=30)
    finally:
        await server.stop()
    counts = _reminders(api, users)
    assert all(counts[user] >= 1 for user in users)
    assert sum(counts.values()) - REMINDERS <= 1  # at most the one that was in flight
    assert "Traceback" not in err
