"""Updates of different chats are handled side by side; updates of one chat strictly in order.

PTB handles one update at a time by default, so a parent whose crisis message arrives just after
someone else's slow update would wait for it. Its concurrent mode, on the other hand, may handle
two taps of the same person out of order. This processor gives both: a lock per chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DEFAULT_CONCURRENCY = 64


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = DEFAULT_CONCURRENCY) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}

    @staticmethod
    def _key(update: object) -> int | None:
        if isinstance(update, Update):
            if update.effective_chat is not None:
                return update.effective_chat.id
            if update.effective_user is not None:
                return update.effective_user.id
        return None

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """The chat's lock first, a concurrency slot second: a chat waiting on itself holds no
        slot, so one busy chat cannot stall the others."""
        key = self._key(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] = self._queued.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:
                del self._queued[key]
                del self._locks[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
