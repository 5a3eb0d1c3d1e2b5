"""`python -m bot admin ...`: the command line for the IT person and the practice manager."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from babel.dates import format_datetime

from bot.core.clock import PRACTICE_TZ, Clock, SystemClock
from bot.core.hours import HoursError, format_hours, overlapping, parse_hours
from bot.core.invites import INVITE_VALID_FOR, hash_code, new_invite_code
from bot.core.models import Practice, Specialist
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
    hours = commands.add_parser("hours", help="weekly hours of a specialist per practice")
    hours_commands = hours.add_subparsers(dest="hours_command", required=True)
    hours_set = hours_commands.add_parser("set", help="replace the hours at one practice")
    hours_set.add_argument("specialist")
    hours_set.add_argument("practice", help="the practice's deep-link code")
    hours_set.add_argument("blocks", nargs="*", help='e.g. "mon 09:00-12:30" "thu 13:00-17:00"')
    hours_show = hours_commands.add_parser("show", help="show hours (of one specialist)")
    hours_show.add_argument("specialist", nargs="?")
    dayoff = commands.add_parser("dayoff", help="days nobody can book")
    dayoff_commands = dayoff.add_subparsers(dest="dayoff_command", required=True)
    dayoff_add = dayoff_commands.add_parser("add", help="a specialist's day off or a closing day")
    dayoff_add.add_argument("day", type=date.fromisoformat, help="YYYY-MM-DD")
    who = dayoff_add.add_mutually_exclusive_group(required=True)
    who.add_argument("--specialist", help="the specialist's key")
    who.add_argument("--practice", help="the practice's deep-link code (closed that day)")


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


async def _specialist_and_practice(
    storage: Storage, key: str, code: str
) -> tuple[Specialist, Practice]:
    specialist = await storage.specialists.by_key(key)
    if specialist is None:
        raise SettingsError("specialist", f"no specialist with key '{key}' (see `admin practices`)")
    practice = await storage.practices.by_code(code)
    if practice is None or practice.id not in specialist.practice_ids:
        raise SettingsError("practice", f"'{key}' does not work at a practice with code '{code}'")
    return specialist, practice


async def _hours_set(storage: Storage, args: argparse.Namespace) -> list[str]:
    specialist, practice = await _specialist_and_practice(storage, args.specialist, args.practice)
    try:
        blocks = [parse_hours(b) for b in args.blocks]
    except HoursError as exc:
        raise SettingsError("hours", str(exc)) from None
    if overlapping(blocks):
        raise SettingsError("hours", "two blocks on one day overlap")
    await storage.availability.set_hours(specialist.id, practice.id, blocks)
    shown = ", ".join(format_hours(b) for b in blocks) or "none"
    return [f"{specialist.key} at {practice.code}: {shown}"]


async def _hours_show(storage: Storage, key: str | None) -> list[str]:
    lines = []
    for specialist in await storage.specialists.all():
        if key is not None and specialist.key != key:
            continue
        for practice_id in specialist.practice_ids:
            practice = await storage.practices.by_id(practice_id)
            hours = await storage.availability.hours(specialist.id, practice_id)
            shown = ", ".join(format_hours(h) for h in hours) or "no hours"
            lines.append(f"{specialist.key} at {practice.code if practice else '?'}: {shown}")
    return lines or ["no specialists"]


async def _dayoff_add(storage: Storage, args: argparse.Namespace) -> list[str]:
    if args.specialist:
        specialist = await storage.specialists.by_key(args.specialist)
        if specialist is None:
            raise SettingsError("specialist", f"no specialist with key '{args.specialist}'")
        added = await storage.availability.add_day_off(args.day, specialist_id=specialist.id)
        whose = specialist.key
    else:
        practice = await storage.practices.by_code(args.practice)
        if practice is None:
            raise SettingsError("practice", f"no practice with code '{args.practice}'")
        added = await storage.availability.add_day_off(args.day, practice_id=practice.id)
        whose = f"practice {practice.code}"
    state = "added" if added else "was already there"
    return [f"day off {args.day.isoformat()} for {whose} {state}"]


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
        if args.admin_command == "hours" and args.hours_command == "set":
            return await _hours_set(storage, args)
        if args.admin_command == "hours":
            return await _hours_show(storage, args.specialist)
        if args.admin_command == "dayoff":
            return await _dayoff_add(storage, args)
        raise SettingsError("admin", f"unknown command {args.admin_command}")
    finally:
        await storage.close()


def main(args: argparse.Namespace, settings: Settings) -> int:
    for line in asyncio.run(run_admin(args, settings)):
        print(line)
    return 0
