"""A crisis card skips the bot-wide rate-limit queue; everything else goes through it."""

from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter

from bot.ratelimit import URGENT, UrgentFirstRateLimiter, urgent


class _Spy(UrgentFirstRateLimiter):
    def __init__(self) -> None:
        super().__init__(max_retries=1)
        self.queued = 0

    async def _run_request(self, *args: Any, **kwargs: Any) -> Any:
        self.queued += 1
        return await super()._run_request(*args, **kwargs)


async def _send() -> str:
    return "sent"


async def test_an_urgent_send_skips_the_queue() -> None:
    limiter = _Spy()
    await limiter.initialize()
    result = await limiter.process_request(_send, (), {}, "sendMessage", {"chat_id": 1}, URGENT)
    assert result == "sent"
    assert limiter.queued == 0


async def test_an_ordinary_send_goes_through_the_queue() -> None:
    limiter = _Spy()
    await limiter.initialize()
    await limiter.process_request(_send, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert limiter.queued == 1


async def test_an_urgent_send_still_retries_after_a_429() -> None:
    limiter = _Spy()
    calls: list[int] = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RetryAfter(timedelta(seconds=0))
        return "sent"

    assert await limiter.process_request(flaky, (), {}, "sendMessage", {}, URGENT) == "sent"
    assert len(calls) == 2


def test_urgent_is_empty_without_a_rate_limiter() -> None:
    class Bare:
        rate_limiter = None

    class Limited:
        rate_limiter = object()

    assert urgent(Bare()) == {}
    assert urgent(Limited()) == {"rate_limit_args": URGENT}
