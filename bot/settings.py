"""Environment and practice TOML -> one frozen, validated settings object.

Every problem becomes a SettingsError that names the setting, so start-up can stop with one
clear line instead of a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.core.booking import DEFAULT_TALKS, BookingOptions, Kind, Mode, TalkType, TalkTypes
from bot.core.hours import HoursError, overlapping, parse_hours
from bot.core.reminders import ReminderPolicy, parse_offset, parse_quiet_hours
from bot.core.slots import WeeklyHours

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_PATH = "jeugdbot.db"
DEEP_LINK_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
SPECIALIST_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
GROUP_KEY = SPECIALIST_KEY
TALK_MINUTES = range(10, 181)
BOT_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")
        self.setting = setting


@dataclass(frozen=True)
class PracticeSeed:
    code: str
    name: str
    address: str
    phone: str
    huisartsenpost: str
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    # Practices of one group (the locations of one health centre) book for each other.
    group: str | None = None
    talks: TalkTypes = DEFAULT_TALKS
    short_name: str = ""  # for buttons on a phone

    def as_row(self) -> dict[str, str]:
        return {
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "address": self.address,
            "phone": self.phone,
            "huisartsenpost": self.huisartsenpost,
        }


@dataclass(frozen=True)
class SpecialistSeed:
    key: str
    name: str
    title: str
    practices: tuple[str, ...]
    # Weekly hours per practice code; a practice left out keeps the hours the database has.
    hours: dict[str, tuple[WeeklyHours, ...]] = field(default_factory=dict)
    agenda_at: time = time(7, 30)

    def as_row(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "title": self.title,
            "practices": self.practices,
        }


@dataclass(frozen=True)
class PracticeConfig:
    practices: tuple[PracticeSeed, ...]
    specialists: tuple[SpecialistSeed, ...]

    def booking_options(self) -> BookingOptions:
        """Talks and groups are read from the file on every start, not seeded."""
        return BookingOptions(
            talks={p.code: p.talks for p in self.practices},
            groups={p.code: p.group for p in self.practices if p.group},
        )


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    secret: str = field(repr=False)
    listen: str = "0.0.0.0"
    port: int = 8080
    path: str = "telegram"


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    database_path: Path = Path(DEFAULT_DATABASE_PATH)
    practice_config: Path | None = None
    log_level: str = "INFO"
    webhook: WebhookSettings | None = None

    @property
    def base_url(self) -> str:
        """Where the bot sends `/bot<token>/<method>`, as a self-hosted Bot API server expects."""
        return f"{self.api_url}/bot"


def _text(table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise SettingsError("PRACTICE_CONFIG", f"{where}: '{key}' must be text")
    value = value.strip()
    if required and not value:
        raise SettingsError("PRACTICE_CONFIG", f"{where}: '{key}' is missing")
    return value


def parse_practice_config(data: Mapping[str, Any]) -> PracticeConfig:
    practices: list[PracticeSeed] = []
    for index, table in enumerate(data.get("practice", []), start=1):
        where = f"practice {index}"
        code = _text(table, "code", where)
        if not DEEP_LINK_CODE.match(code):
            raise SettingsError(
                "PRACTICE_CONFIG",
                f"{where}: deep-link code '{code}' must match [A-Za-z0-9_-]{{1,64}}",
            )
        practices.append(
            PracticeSeed(
                code=code,
                name=_text(table, "name", where),
                address=_text(table, "address", where, required=False),
                phone=_text(table, "phone", where),
                huisartsenpost=_text(table, "huisartsenpost", where),
                reminders=_reminder_policy(table, where),
                group=_group(table, where),
                talks=_talks(table.get("talks", {}), where),
                short_name=_short_name(table, where),
            )
        )
    if not practices:
        raise SettingsError("PRACTICE_CONFIG", "no [[practice]] in the file")
    codes = [p.code for p in practices]
    if len(set(codes)) != len(codes):
        raise SettingsError("PRACTICE_CONFIG", "two practices share a deep-link code")

    specialists: list[SpecialistSeed] = []
    for index, table in enumerate(data.get("specialist", []), start=1):
        where = f"specialist {index}"
        key = _text(table, "key", where)
        if not SPECIALIST_KEY.match(key):
            raise SettingsError(
                "PRACTICE_CONFIG", f"{where}: key '{key}' must be lowercase a-z, 0-9, _ or -"
            )
        served = table.get("practices", [])
        if not isinstance(served, list) or not served:
            raise SettingsError("PRACTICE_CONFIG", f"{where}: 'practices' must list codes")
        unknown = [c for c in served if c not in codes]
        if unknown:
            raise SettingsError(
                "PRACTICE_CONFIG",
                f"{where}: unknown practice code(s) {', '.join(map(str, unknown))}",
            )
        specialists.append(
            SpecialistSeed(
                key=key,
                name=_text(table, "name", where),
                title=_text(table, "title", where, required=False) or "praktijkondersteuner jeugd",
                practices=tuple(served),
                hours=_hours(table.get("hours", {}), served, where),
                agenda_at=_clock_time(table, "agenda_at", where, time(7, 30)),
            )
        )
    keys = [s.key for s in specialists]
    if len(set(keys)) != len(keys):
        raise SettingsError("PRACTICE_CONFIG", "two specialists share a key")
    return PracticeConfig(tuple(practices), tuple(specialists))


MAX_SHORT_NAME = 24


def _short_name(table: Mapping[str, Any], where: str) -> str:
    short = _text(table, "short_name", where, required=False)
    if len(short) > MAX_SHORT_NAME:
        raise SettingsError(
            "PRACTICE_CONFIG",
            f"{where}: 'short_name' must fit a button ({MAX_SHORT_NAME} characters)",
        )
    return short


def _reminder_policy(table: Mapping[str, Any], where: str) -> ReminderPolicy:
    """`reminders_before = ["24h", "2h"]` ([] for none) and `quiet_hours = "21:30-08:00"`."""
    before = table.get("reminders_before", ["24h", "2h"])
    if not isinstance(before, list) or not all(isinstance(b, str) for b in before):
        raise SettingsError(
            "PRACTICE_CONFIG", f"{where}: 'reminders_before' must list '24h'-style text"
        )
    quiet = table.get("quiet_hours", "21:30-08:00")
    try:
        return ReminderPolicy(
            before=tuple(parse_offset(b) for b in before),
            quiet=parse_quiet_hours(str(quiet)),
        )
    except ValueError as exc:
        raise SettingsError("PRACTICE_CONFIG", f"{where}: {exc}") from None


def _clock_time(table: Mapping[str, Any], key: str, where: str, default: time) -> time:
    raw = table.get(key)
    if raw is None:
        return default
    try:
        return time.fromisoformat(str(raw))
    except ValueError:
        raise SettingsError("PRACTICE_CONFIG", f"{where}: '{key}' must be like 07:30") from None


def _group(table: Mapping[str, Any], where: str) -> str | None:
    if "group" not in table:
        return None
    group = _text(table, "group", where)
    if not GROUP_KEY.match(group):
        raise SettingsError(
            "PRACTICE_CONFIG", f"{where}: group '{group}' must be lowercase a-z, 0-9, _ or -"
        )
    return group


def _talks(table: Any, where: str) -> TalkTypes:
    """[practice.talks.intake] and [practice.talks.followup]: minutes and places, each optional."""
    if not isinstance(table, dict):
        raise SettingsError("PRACTICE_CONFIG", f"{where}: 'talks' must be a table")
    kinds = {k.value for k in Kind}
    unknown = sorted(set(table) - kinds)
    if unknown:
        raise SettingsError(
            "PRACTICE_CONFIG",
            f"{where}: talks.{unknown[0]} is not a kind of talk (use intake or followup)",
        )
    return TalkTypes(
        intake=_talk(table.get(Kind.INTAKE.value), DEFAULT_TALKS.intake, f"{where}: talks.intake"),
        followup=_talk(
            table.get(Kind.FOLLOWUP.value), DEFAULT_TALKS.followup, f"{where}: talks.followup"
        ),
    )


def _talk(table: Any, default: TalkType, where: str) -> TalkType:
    if table is None:
        return default
    if not isinstance(table, dict):
        raise SettingsError("PRACTICE_CONFIG", f"{where} must be a table")
    unknown = sorted(set(table) - {"minutes", "places"})
    if unknown:
        raise SettingsError(
            "PRACTICE_CONFIG", f"{where}: unknown key '{unknown[0]}' (use minutes and places)"
        )
    minutes = table.get("minutes", default.minutes)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes not in TALK_MINUTES:
        raise SettingsError(
            "PRACTICE_CONFIG",
            f"{where}: minutes must be a whole number from {TALK_MINUTES.start} to "
            f"{TALK_MINUTES.stop - 1}",
        )
    places = table.get("places", [m.value for m in default.modes])
    known = [m.value for m in Mode]
    if not isinstance(places, list) or not places:
        raise SettingsError(
            "PRACTICE_CONFIG", f"{where}: places must list one or more of {', '.join(known)}"
        )
    wrong = [str(p) for p in places if p not in known]
    if wrong:
        raise SettingsError(
            "PRACTICE_CONFIG",
            f"{where}: unknown place '{wrong[0]}' (use {', '.join(known)})",
        )
    if len(set(places)) != len(places):
        raise SettingsError("PRACTICE_CONFIG", f"{where}: a place is listed twice")
    return TalkType(timedelta(minutes=minutes), tuple(Mode(p) for p in places))


def _hours(table: Any, served: list[str], where: str) -> dict[str, tuple[WeeklyHours, ...]]:
    if not isinstance(table, dict):
        raise SettingsError("PRACTICE_CONFIG", f"{where}: 'hours' must be a table of practices")
    result = {}
    for code, lines in table.items():
        if code not in served:
            raise SettingsError(
                "PRACTICE_CONFIG", f"{where}: hours for '{code}', a practice it does not serve"
            )
        if not isinstance(lines, list):
            raise SettingsError("PRACTICE_CONFIG", f"{where}: hours.{code} must be a list")
        try:
            parsed = tuple(parse_hours(str(line)) for line in lines)
        except HoursError as exc:
            raise SettingsError("PRACTICE_CONFIG", f"{where}: {exc}") from None
        if overlapping(list(parsed)):
            raise SettingsError("PRACTICE_CONFIG", f"{where}: hours.{code} overlap")
        result[code] = parsed
    return result


def load_practice_config(path: Path) -> PracticeConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError("PRACTICE_CONFIG", f"file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError("PRACTICE_CONFIG", f"not valid TOML ({exc})") from None
    return parse_practice_config(data)


def _api_url(raw: str) -> str:
    url = raw.strip().rstrip("/") or DEFAULT_API_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("TELEGRAM_API_URL", "must be an http(s) URL such as " + DEFAULT_API_URL)
    if url.endswith("/bot"):
        raise SettingsError("TELEGRAM_API_URL", "give the server root, without /bot")
    return url


def _webhook(env: Mapping[str, str]) -> WebhookSettings | None:
    url = env.get("WEBHOOK_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in ("localhost", "127.0.0.1"):
        raise SettingsError("WEBHOOK_URL", "Telegram only calls https URLs")
    secret = env.get("WEBHOOK_SECRET", "").strip()
    if not WEBHOOK_SECRET.match(secret):
        raise SettingsError(
            "WEBHOOK_SECRET", "set it to 1-256 characters from A-Z, a-z, 0-9, _ and -"
        )
    port_text = env.get("WEBHOOK_PORT", "8080").strip()
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise SettingsError("WEBHOOK_PORT", "must be a port number")
    path = parts.path.strip("/") or "telegram"
    return WebhookSettings(
        url=url,
        secret=secret,
        listen=env.get("WEBHOOK_LISTEN", "0.0.0.0").strip() or "0.0.0.0",
        port=int(port_text),
        path=path,
    )


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token and not token:
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN", "not set (get one from @BotFather, or try `python -m bot demo`)"
        )
    if token and not BOT_TOKEN.match(token):
        raise SettingsError("TELEGRAM_BOT_TOKEN", "does not look like a bot token (digits:letters)")
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise SettingsError("LOG_LEVEL", f"must be one of {', '.join(LOG_LEVELS)}")
    config_path = env.get("PRACTICE_CONFIG", "").strip()
    database = env.get("DATABASE_PATH", "").strip() or DEFAULT_DATABASE_PATH
    return Settings(
        token=token,
        api_url=_api_url(env.get("TELEGRAM_API_URL", "")),
        database_path=Path(database),
        practice_config=Path(config_path) if config_path else None,
        log_level=level,
        webhook=_webhook(env),
    )
