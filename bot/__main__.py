"""`python -m bot run | demo | admin ...`: this file only chooses; app.py does the wiring."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from dotenv import find_dotenv, load_dotenv
from telegram.error import InvalidToken, NetworkError

from bot import admin
from bot.settings import Settings, SettingsError, load_practice_config, load_settings
from bot.storage import StorageError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (polling; webhook when WEBHOOK_URL is set)")
    demo = sub.add_parser("demo", help="chat with the bot in this terminal: no token, no network")
    demo.add_argument("--no-color", action="store_true", help="plain output")
    sub.add_parser("healthcheck", help="exit 0 when the running bot answers (for Docker)")
    admin.add_parser(sub)
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _run(settings: Settings) -> int:
    from bot.app import build_application
    from bot.logs import configure_logging
    from bot.runner import run_polling, serve_webhook

    configure_logging(settings.log_level, settings.token)
    if settings.practice_config is not None:
        load_practice_config(settings.practice_config)  # fail now, not inside post_init
    application = build_application(settings)
    if settings.webhook is None:
        run_polling(application)
    else:
        asyncio.run(serve_webhook(application, settings.webhook))
    return 0


def _healthcheck(settings: Settings) -> int:
    import urllib.request

    if settings.webhook is None:
        return 0 if settings.database_path.exists() else 1
    url = f"http://127.0.0.1:{settings.webhook.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A .env in the working directory, as the IT person expects; real environment wins.
    load_dotenv(find_dotenv(usecwd=True), override=False)
    env = dict(os.environ)
    try:
        if args.command == "demo":
            from bot.demo import run_demo

            return run_demo(color=not args.no_color and sys.stdout.isatty())
        settings = load_settings(env, require_token=args.command == "run")
        if args.command == "run":
            return _run(settings)
        if args.command == "healthcheck":
            return _healthcheck(settings)
        return admin.main(args, settings)
    except SettingsError as exc:
        return _fail(str(exc))
    except InvalidToken:
        return _fail("TELEGRAM_BOT_TOKEN: Telegram refused this token")
    except StorageError as exc:
        return _fail(f"DATABASE_PATH: {exc}")
    except NetworkError:
        return _fail("TELEGRAM_API_URL: the Bot API server could not be reached")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
