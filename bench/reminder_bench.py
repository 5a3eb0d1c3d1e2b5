"""Reminders under load, through the real Application and the fake Bot API.

    python bench/reminder_bench.py            # 10,000 reminders due at once, then the restart
    python bench/reminder_bench.py 2000       # a shorter burst
    python bench/reminder_bench.py 2000 --unpaced   # no pacing: the 429 path does the work

1. A burst: N reminders due at once (the bot was down), the fake Bot API refusing more than
   30 sends a second with 429s. Prints the achieved rate, 429s seen, lost and doubled reminders,
   and the reply time a chatting user (and a user in crisis) sees during the burst.
2. A restart with 100,000 future appointments: time until the Application is ready, and the
   first sweep over them.

Not part of the test command: it prints figures for the README and the issue notes.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram.ext import CallbackContext  # noqa: E402

from bench.loadgen import FIRST_USER, fill, practice_file  # noqa: E402
from bot.app import build_application, prepare, teardown  # noqa: E402
from bot.core.clock import FakeClock  # noqa: E402
from bot.fakeapi.api import FakeBotApi  # noqa: E402
from bot.fakeapi.harness import FakeTelegram  # noqa: E402
from bot.fakeapi.request import FakeRequest  # noqa: E402
from bot.jobs.reminders import send_due_reminders  # noqa: E402
from bot.settings import Settings  # noqa: E402

TOKEN = "123456:BENCH-token"
# Tuesday 1 December 2026, 14:00 in Amsterdam: day time, so nothing waits for the morning.
NOW = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
TELEGRAM_LIMIT = 30


async def _application(folder: Path, api: FakeBotApi, clock: FakeClock, *, paced: bool):
    config = folder / "practice.toml"
    config.write_text(practice_file(), encoding="utf-8")
    settings = Settings(
        token=TOKEN,
        api_url="http://fake.invalid",
        database_path=folder / "bench.db",
        practice_config=config,
    )
    application = build_application(
        settings,
        clock=clock,
        request=FakeRequest(api),
        rate_limit=True,
        reminder_rate=20.0 if paced else None,
    )
    await application.initialize()
    await prepare(application)
    return application


async def _chat_while(
    done: asyncio.Event, telegram: FakeTelegram, user_id: int, text: str, every: float
) -> list[float]:
    """One person chatting during the burst: how long each reply takes to go out."""
    user = telegram.user(user_id)
    delays = []
    while not done.is_set():
        started = time.perf_counter()
        await user.send(text)
        delays.append(time.perf_counter() - started)
        await asyncio.sleep(every)
    return delays


def _summary(label: str, delays: list[float]) -> str:
    if not delays:
        return f"   {label}: no samples"
    ordered = sorted(delays)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"   {label}: n={len(delays)} median {1000 * statistics.median(delays):.0f} ms,"
        f" p95 {1000 * p95:.0f} ms, max {1000 * max(delays):.0f} ms"
    )


async def burst(count: int, *, paced: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(NOW)
        api = FakeBotApi(token=TOKEN, clock=lambda: datetime.now(UTC))
        application = await _application(Path(tmp), api, clock, paced=paced)
        try:
            # Appointments 20 to 24 hours ahead: their day-before reminders are all due now.
            storage = application.bot_data["services"].storage
            users = await fill(
                storage,
                count,
                NOW + timedelta(hours=20),
                per_specialist=4,
                spacing=timedelta(hours=1),
                booked_at=NOW - timedelta(days=7),
            )
            for user in users:
                api.register_chat(user)
            telegram = FakeTelegram(api, application)
            chatter = telegram.user(FIRST_USER - 1)
            api.register_chat(chatter.user_id)
            await chatter.send("/start")
            api.limit_rate(TELEGRAM_LIMIT)
            done = asyncio.Event()
            started = time.perf_counter()
            sweep = asyncio.create_task(send_due_reminders(CallbackContext(application)))
            api.register_chat(FIRST_USER - 2)
            chat = asyncio.create_task(_chat_while(done, telegram, chatter.user_id, "/menu", 0.5))
            crisis = asyncio.create_task(
                _chat_while(done, telegram, FIRST_USER - 2, "ik wil niet meer leven", 5.0)
            )
            report = await sweep
            elapsed = time.perf_counter() - started
            done.set()
            chat_delays, crisis_delays = await chat, await crisis
            per_user = Counter(
                m.chat_id
                for i in range(count)
                for m in api.messages(FIRST_USER + i)
                if m.text.startswith("Herinnering:")
            )
            lost = sum(1 for i in range(count) if per_user[FIRST_USER + i] == 0)
            doubled = sum(1 for n in per_user.values() if n > 1)
            mode = "paced at 20/s" if paced else "unpaced"
            print(f"== {count} reminders due at once, {mode}, fake API limit {TELEGRAM_LIMIT}/s")
            print(f"   sent {report.sent} in {elapsed:.1f} s = {report.sent / elapsed:.1f}/s")
            print(
                f"   429s from the fake API: {api.flood_refusals}; retried later: {report.retrying}"
            )
            print(f"   lost: {lost}, doubled: {doubled}")
            print(_summary("reply to a chatting user (/menu)", chat_delays))
            print(_summary("crisis card", crisis_delays))
        finally:
            await application.shutdown()
            await teardown(application)


async def restart(count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(NOW)
        api = FakeBotApi(token=TOKEN, clock=lambda: datetime.now(UTC))
        application = await _application(Path(tmp), api, clock, paced=False)
        # Future appointments, one an hour per specialist, from tomorrow on for about 3 weeks.
        await fill(
            application.bot_data["services"].storage,
            count,
            NOW + timedelta(days=1, hours=5),
            per_specialist=500,
            spacing=timedelta(hours=1),
            booked_at=NOW - timedelta(days=7),
        )
        await application.shutdown()
        await teardown(application)

        started = time.perf_counter()
        application = await _application(Path(tmp), api, clock, paced=False)
        ready = time.perf_counter() - started
        try:
            started = time.perf_counter()
            report = await send_due_reminders(CallbackContext(application))
            first_sweep = time.perf_counter() - started
        finally:
            await application.shutdown()
            await teardown(application)
        print(f"== restart with {count} future appointments")
        print(f"   ready (initialize + migrate check + prepare): {1000 * ready:.0f} ms")
        print(
            f"   first sweep (plans every reminder in reach, sends {report.sent}):"
            f" {1000 * first_sweep:.0f} ms"
        )


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    paced = "--unpaced" not in sys.argv
    await burst(count, paced=paced)
    await restart()


if __name__ == "__main__":
    asyncio.run(main())
