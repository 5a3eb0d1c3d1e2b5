"""`python -m bot demo`: chat with the real Application in a terminal, no token, no network.

The same handlers as production run against the in-process fake Bot API on a temporary database.
Buttons are numbered; type the number to tap one. Works with piped input too.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import TextIO

from telegram.ext import CallbackContext

from bot.app import build_application, prepare, teardown
from bot.core.clock import PRACTICE_TZ, SystemClock
from bot.core.invites import INVITE_VALID_FOR, hash_code, new_invite_code
from bot.fakeapi.api import BotMessage, FakeBotApi
from bot.fakeapi.harness import FakeTelegram, FakeUser
from bot.fakeapi.request import FakeRequest
from bot.jobs.reminders import send_due_reminders
from bot.settings import Settings

DEMO_TOKEN = "123456:DEMO-token"
PARENT_ID, SPECIALIST_ID = 1001, 2002
_TAG = re.compile(r"<[^>]+>")

HELP = """\
Type a message and press Enter. Type a number to tap that button.
  :specialist   switch to the specialist's chat     :ouder   back to the parent's chat
  :help         this text                            :quit    stop (Ctrl-D works too)
  :wacht 20     let 20 hours pass (reminders, the specialist's agenda)
  To send a number as text instead of tapping (an age, say), start it with a quote: '14"""


@dataclass
class ShiftedClock:
    """The real clock, moved forward on request, so the demo can show tomorrow's reminder."""

    offset: timedelta = timedelta(0)

    def now(self) -> datetime:
        return SystemClock().now() + self.offset


class Screen:
    """Prints bot messages readably and remembers which numbers map to which buttons."""

    def __init__(self, out: TextIO, *, color: bool) -> None:
        self.out = out
        self.color = color
        # Every button of the newest replies, in order, with its message: a tip's own buttons
        # stay tappable under the "Bedoel je" message that follows it.
        self.numbered: list[tuple[str, BotMessage]] = []

    def _bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.color else text

    def _render(self, message: BotMessage) -> str:
        if not self.color:
            return message.text
        codes = {"<b>": "\033[1m", "</b>": "\033[0m"}
        return html.unescape(_TAG.sub(lambda m: codes.get(m[0], ""), message.html))

    def show(self, messages: list[BotMessage], who: str) -> None:
        fresh = [m for m in messages if not m.edited]
        with_buttons = [m for m in fresh if any(b.callback_data for b in _flat(m))]
        if with_buttons:
            self.numbered = []
        for message in fresh:
            body = self._render(message)
            if message.document is not None:
                body = f"[file: {message.document[0]}] {body}".rstrip()
            print(f"{self._bold(who + ':')} {body}", file=self.out)
            for row in message.buttons:
                cells = []
                for b in row:
                    if b.callback_data:
                        self.numbered.append((b.label, message))
                        cells.append(f"[{len(self.numbered)}] {b.label}")
                    else:
                        cells.append(f"[link] {b.label} -> {b.url}")
                print("      " + "   ".join(cells), file=self.out)
            print(file=self.out)


def _flat(message: BotMessage) -> list:
    return [b for row in message.buttons for b in row]


async def _start(workdir: Path) -> tuple:
    settings = Settings(
        token=DEMO_TOKEN,
        api_url="http://fake-bot-api.invalid",
        database_path=workdir / "demo.db",
        practice_config=Path(str(resources.files("bot") / "demo_practice.toml")),
        log_level="WARNING",
    )
    api = FakeBotApi(token=DEMO_TOKEN, bot_username="JeugdDemoBot")
    clock = ShiftedClock()
    application = build_application(
        settings, clock=clock, request=FakeRequest(api), rate_limit=False
    )
    await application.initialize()
    try:
        await prepare(application)
    except BaseException:
        await application.shutdown()
        await teardown(application)
        raise
    storage = application.bot_data["services"].storage
    # The demo specialist is linked the way a real one is: with a single-use invite code.
    code = new_invite_code()
    now = clock.now()
    await storage.specialists.create_invite("anna", hash_code(code), now, now + INVITE_VALID_FOR)
    telegram = FakeTelegram(api, application, raise_errors=False)
    parent = telegram.user(PARENT_ID, first_name="Ouder", language_code="nl")
    specialist = telegram.user(SPECIALIST_ID, first_name="Anna", language_code="nl")
    await specialist.send(f"/specialist {code}")
    return application, parent, specialist


async def _demo(stdin: TextIO, out: TextIO, *, color: bool) -> int:
    echo = not stdin.isatty()
    with tempfile.TemporaryDirectory(prefix="jeugdbot-demo-") as tmp:
        application, parent, specialist = await _start(Path(tmp))
        screen = Screen(out, color=color)
        chats: dict[str, tuple[FakeUser, str]] = {
            "parent": (parent, "bot"),
            "specialist": (specialist, "bot (specialist)"),
        }
        current = "parent"
        seen = {
            name: max((m.message_id for m in u.messages), default=0)
            for name, (u, _) in chats.items()
        }
        print("Demo of the youth-specialist chat bot. Nothing leaves this computer.", file=out)
        print(HELP, file=out)
        print("You are now a parent or young person. Say hello, or type /start.\n", file=out)
        try:
            while True:
                line = await asyncio.to_thread(stdin.readline)
                if not line:
                    break
                line = line.rstrip("\n")
                if echo:
                    print(f"> {line}", file=out)
                command = line.strip().lower()
                user, label = chats[current]
                if command in (":quit", ":q", ":exit"):
                    break
                if command == ":help":
                    print(HELP, file=out)
                    continue
                if command in (":specialist", ":ouder", ":parent"):
                    seen[current] = max((m.message_id for m in user.messages), default=0)
                    current = "specialist" if command == ":specialist" else "parent"
                    screen.numbered = []
                    print(f"(now in the {current}'s chat)\n", file=out)
                    other, other_label = chats[current]
                    waiting = [m for m in other.messages if m.message_id > seen[current]]
                    screen.show(waiting, other_label)
                    continue
                if command.startswith((":wacht", ":wait")):
                    hours = command.split()[1:2]
                    if not hours or not hours[0].isdigit() or not 0 < int(hours[0]) <= 24 * 14:
                        print("(say how many hours, for example  :wacht 20)\n", file=out)
                        continue
                    services = application.bot_data["services"]
                    marks = {
                        name: max((m.message_id for m in u.messages), default=0)
                        for name, (u, _) in chats.items()
                    }
                    services.clock.offset += timedelta(hours=int(hours[0]))
                    await send_due_reminders(CallbackContext(application))
                    when = services.clock.now().astimezone(PRACTICE_TZ)
                    print(f"(it is now {when:%a %d %b %H:%M})\n", file=out)
                    for name, (someone, _) in chats.items():
                        new = [m for m in someone.messages if m.message_id > marks[name]]
                        if name == current:
                            screen.show(new, label)
                        elif new:
                            print(f"({len(new)} new in the {name}'s chat)\n", file=out)
                    continue
                if not line.strip():
                    continue
                if line.startswith("'"):
                    replies = await user.send(line[1:])
                elif command.isdigit() and screen.numbered:
                    index = int(command) - 1
                    if not 0 <= index < len(screen.numbered):
                        count = len(screen.numbered)
                        print(f"(no button {command}; choose 1 to {count})\n", file=out)
                        continue
                    label, message = screen.numbered[index]
                    replies = await user.tap(label, message=message)
                else:
                    replies = await user.send(line)
                screen.show(replies, label)
        finally:
            await application.shutdown()
            await teardown(application)
    return 0


def run_demo(*, color: bool = False, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    return asyncio.run(_demo(stdin or sys.stdin, out or sys.stdout, color=color))
