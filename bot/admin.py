"""`python -m bot admin ...`: the command line for the IT person and the practice manager."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from pathlib import Path

from babel.dates import format_datetime

from bot.core.clock import PRACTICE_TZ, Clock, SystemClock
from bot.core.invites import INVITE_VALID_FOR, hash_code, new_invite_code
from bot.seed import seed_practices
from bot.settings import Settings, SettingsError, load_practice_config
from bot.storage import Storage, open_storage


def add_parser(sub: argparse._SubParsersAction) -> None:
    admin = sub.add_parser("admin", help="manage practices, specialists and the database")
    commands = admin.add_subparsers(dest="admin_command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    imp = commands.add_parser("import", help="load practices and specialists from the TOML file")
    imp.add_argument("--config", type=Path, help="practice TOML (default: PRACTICE_CONFIG)")
    commands.add_parser("practices", help="list practices, deep-link codes and specialists")
    invite = commands.add_parser("invite", help="print a single-use code to link a specialist")
    invite.add_argument("specialist", help="the specialist's key in the practice config")
    revoke = commands.add_parser("revoke", help="unlink a specialist's Telegram account")
    revoke.add_argument("specialist", help="the specialist's key in the practice config")


async def _migrate(storage: Storage) -> list[str]:
    applied = await storage.db.migrate()
    version = await storage.db.schema_version()
    if applied:
        return [f"applied migrations {', '.join(map(str, applied))}; schema version {version}"]
    return [f"nothing to do; schema version {version}"]


async def _import(storage: Storage, path: Path | None, clock: Clock) -> list[str]:
    if path is None:
        raise SettingsError("PRACTICE_CONFIG", "not set (or pass --config FILE)")
    config = load_practice_config(path)
    practices, specialists = await seed_practices(storage, config, clock)
    return [f"imported {practices} practice(s) and {specialists} specialist(s) from {path}"]


async def _practices(storage: Storage) -> list[str]:
    practices = await storage.practices.all()
    if not practices:
        return ["no practices yet: run `python -m bot admin import`"]
    lines = []
    specialists = await storage.specialists.all()
    for p in practices:
        lines.append(f"{p.code}\t{p.name}\t{p.phone}\tdeep link: https://t.me/<bot>?start={p.code}")
        for s in specialists:
            if p.id in s.practice_ids:
                linked = "linked" if s.telegram_user_id else "not linked"
                lines.append(f"  - {s.key}\t{s.name}\t{linked}")
    return lines


async def _invite(storage: Storage, key: str, clock: Clock) -> list[str]:
    now = clock.now()
    code = new_invite_code()
    expires = now + INVITE_VALID_FOR
    if not await storage.specialists.create_invite(key, hash_code(code), now, expires):
        raise SettingsError("specialist", f"no specialist with key '{key}' (see `admin practices`)")
    until = format_datetime(expires, "d MMMM y HH:mm", tzinfo=PRACTICE_TZ, locale="nl")
    return [
        f"invite code for {key}: {code}",
        f"valid once, until {until} (Europe/Amsterdam); an earlier unused code no longer works.",
        f"the specialist sends to the bot: /specialist {code}",
    ]


async def _revoke(storage: Storage, key: str, clock: Clock) -> list[str]:
    if not await storage.specialists.revoke(key, clock.now()):
        raise SettingsError("specialist", f"no specialist with key '{key}' (see `admin practices`)")
    return [f"{key} is unlinked; unused invite codes for {key} no longer work"]


async def run_admin(
    args: argparse.Namespace, settings: Settings, clock: Clock | None = None
) -> Sequence[str]:
    clock = clock or SystemClock()
    if args.admin_command == "migrate":
        storage = Storage.at(settings.database_path)
        try:
            await storage.open(migrate=False)
            return await _migrate(storage)
        finally:
            await storage.close()
    storage = await open_storage(settings.database_path)
    try:
        if args.admin_command == "import":
            return await _import(storage, args.config or settings.practice_config, clock)
        if args.admin_command == "practices":
            return await _practices(storage)
        if args.admin_command == "invite":
            return await _invite(storage, args.specialist, clock)
        if args.admin_command == "revoke":
            return await _revoke(storage, args.specialist, clock)
        raise SettingsError("admin", f"unknown command {args.admin_command}")
    finally:
        await storage.close()


def main(args: argparse.Namespace, settings: Settings) -> int:
    for line in asyncio.run(run_admin(args, settings)):
        print(line)
    return 0
