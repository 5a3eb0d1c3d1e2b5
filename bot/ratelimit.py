"""Telegram's rate limits, with one exception: a crisis card never queues behind other sends.

PTB's AIORateLimiter keeps one bucket for the whole bot, so a burst of other messages would make
a crisis card wait its turn. Sends marked URGENT skip the bucket (one message cannot break the
per-bot limit) and still wait out a 429 and retry.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

URGENT = -1  # passed as rate_limit_args; AIORateLimiter itself reads it as max_retries
URGENT_RETRIES = 3


class UrgentFirstRateLimiter(AIORateLimiter):
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if rate_limit_args != URGENT:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        for attempt in range(URGENT_RETRIES + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == URGENT_RETRIES:
                    raise
                await asyncio.sleep(exc.retry_after.total_seconds())  # type: ignore[union-attr]
        raise AssertionError("unreachable")


def urgent(bot: object) -> dict[str, int]:
    """Keyword arguments that mark a send urgent, where the bot has a rate limiter at all."""
    return {"rate_limit_args": URGENT} if getattr(bot, "rate_limiter", None) else {}
