"""Logging to stdout without message text, names, phone numbers or the bot token."""

from __future__ import annotations

import logging
import sys
from typing import Any

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactToken(logging.Filter):
    """Belt and braces: whatever slips into a record, the token is replaced."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self._token:
            message = record.getMessage()
            if self._token in message:
                record.msg = message.replace(self._token, "<token>")
                record.args = None
        return True


class PrivateFormatter(logging.Formatter):
    """Exceptions are shown by type only: their messages can hold a token or a user's words."""

    def formatException(self, ei: Any) -> str:
        _, error, _ = ei
        chain = []
        while error is not None and len(chain) < 5:
            chain.append(type(error).__name__)
            error = error.__cause__ or error.__context__
        return "  exception: " + " <- ".join(chain)


def configure_logging(level: str, token: str = "") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(PrivateFormatter(_FORMAT))
    handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL holds the token.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # PTB and APScheduler at DEBUG describe updates and jobs in full: never below INFO.
    # aiosqlite at DEBUG logs every SQL call with its parameters: questions, names, answers.
    for name in ("telegram", "apscheduler", "tornado.access", "aiosqlite"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
