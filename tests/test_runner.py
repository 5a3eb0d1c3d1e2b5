"""The real run modes: the webhook server, and polling against the fake Bot API over HTTP."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.app import build_application
from bot.fakeapi.api import FakeBotApi
from bot.fakeapi.http import FakeBotApiServer
from bot.fakeapi.request import FakeRequest
from bot.runner import SECRET_HEADER, serve_webhook
from bot.settings import Settings, WebhookSettings

TOKEN = "123456:TEST-token"
SECRET = "s3cret_token-1"
PRACTICE = """
[[practice]]
code = "linde"
name = "Huisartsenpraktijk De Linde"
phone = "010-123 45 67"
huisartsenpost = "0900-111 22 33"
"""


def _message_update(user_id: int, text: str, *, update_id: int, sent: datetime) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Sam", "language_code": "nl"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(sent.timestamp()),
            "chat": {"id": user_id, "type": "private", "first_name": "Sam"},
            "from": user,
            "text": text,
            **(
                {"entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}
                if text.startswith("/")
                else {}
            ),
        },
    }


@pytest.fixture
async def webhook_bot(tmp_path: Path) -> AsyncIterator[tuple[FakeBotApi, int]]:
    config = tmp_path / "p.toml"
    config.write_text(PRACTICE, encoding="utf-8")
    api = FakeBotApi(token=TOKEN)
    webhook = WebhookSettings(
        url="https://bot.example.org/hook", secret=SECRET, listen="127.0.0.1", port=0, path="hook"
    )
    settings = Settings(
        token=TOKEN,
        api_url="http://fake-bot-api.invalid",
        database_path=tmp_path / "bot.db",
        practice_config=config,
        webhook=webhook,
    )
    application = build_application(settings, request=FakeRequest(api), rate_limit=False)
    stop = asyncio.Event()
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve_webhook(application, webhook, stop=stop, on_ready=ready.set_result)
    )
    port = await asyncio.wait_for(ready, timeout=30)
    try:
        yield api, port
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


async def test_webhook_registers_with_telegram_and_its_secret(
    webhook_bot: tuple[FakeBotApi, int],
) -> None:
    api, _ = webhook_bot
    assert api.webhook["url"] == "https://bot.example.org/hook"
    assert api.webhook["secret_token"] == SECRET


async def test_webhook_refuses_a_request_without_the_secret(
    webhook_bot: tuple[FakeBotApi, int],
) -> None:
    api, port = webhook_bot
    update = _message_update(77, "/start", update_id=1, sent=datetime.now(UTC))
    async with httpx.AsyncClient() as client:
        wrong = await client.post(
            f"http://127.0.0.1:{port}/hook", json=update, headers={SECRET_HEADER: "wrong"}
        )
        missing = await client.post(f"http://127.0.0.1:{port}/hook", json=update)
    assert (wrong.status_code, missing.status_code) == (403, 403)
    assert not [c for c in api.calls if c.method == "sendMessage"]


async def test_webhook_answers_an_update_with_the_right_secret(
    webhook_bot: tuple[FakeBotApi, int],
) -> None:
    api, port = webhook_bot
    api.register_chat(77, "Sam", "nl")
    update = _message_update(77, "/start", update_id=1, sent=datetime.now(UTC))
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"http://127.0.0.1:{port}/hook", json=update, headers={SECRET_HEADER: SECRET}
        )
    assert response.status_code == 200
    for _ in range(200):
        if api.messages(77):
            break
        await asyncio.sleep(0.02)
    assert api.messages(77)[0].text.startswith("Hoi!")


async def test_health_endpoint_answers_ok(webhook_bot: tuple[FakeBotApi, int]) -> None:
    _, port = webhook_bot
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{port}/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def _bot_process(tmp_path: Path, port: int, token: str) -> subprocess.Popen[str]:
    config = tmp_path / "p.toml"
    config.write_text(PRACTICE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_URL=f"http://127.0.0.1:{port}",
        DATABASE_PATH=str(tmp_path / "bot.db"),
        PRACTICE_CONFIG=str(config),
        LOG_LEVEL="INFO",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _wait_for(condition, seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_polling_answers_messages_sent_while_the_bot_was_down(tmp_path: Path) -> None:
    api = FakeBotApi(token=TOKEN)
    server = FakeBotApiServer(api)
    port = await server.start()
    api.register_chat(77, "Sam", "nl")
    sent = datetime.now(UTC) - timedelta(minutes=15)
    api.enqueue_update(_message_update(77, "/start", update_id=0, sent=sent))
    process = _bot_process(tmp_path, port, TOKEN)
    try:
        await _wait_for(lambda: len(api.messages(77)) >= 3)
        texts = [m.text for m in api.messages(77)]
        assert texts[0].startswith("Sorry dat je moest wachten")
        assert texts[1].startswith("Hoi!")
        dropped = [c for c in api.calls if str(c.params.get("drop_pending_updates")) == "True"]
        assert dropped == []
    finally:
        process.terminate()
        out, err = await asyncio.to_thread(process.communicate, timeout=30)
        await server.stop()
    assert TOKEN not in out + err
    assert "Sam" not in out + err


async def test_a_token_telegram_refuses_stops_start_up_with_one_line(tmp_path: Path) -> None:
    api = FakeBotApi(token=TOKEN)
    server = FakeBotApiServer(api)
    port = await server.start()
    process = _bot_process(tmp_path, port, "999:not-the-right-token")
    try:
        out, err = await asyncio.to_thread(process.communicate, timeout=60)
    finally:
        await server.stop()
    assert process.returncode == 2
    assert "TELEGRAM_BOT_TOKEN: Telegram refused this token" in err
    assert "Traceback" not in err
    assert "not-the-right-token" not in out + err
