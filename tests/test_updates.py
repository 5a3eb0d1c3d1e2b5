"""Updates of one chat stay in order; another chat never waits behind them."""

import asyncio

from telegram import Update

from bot.updates import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    message = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": chat_id, "type": "private"},
        "from": user,
        "text": "hoi",
    }
    return Update.de_json({"update_id": update_id, "message": message}, None)


async def test_another_chat_is_handled_while_one_chat_waits() -> None:
    processor = PerChatUpdateProcessor()
    release = asyncio.Event()
    done: list[str] = []

    async def slow() -> None:
        await release.wait()
        done.append("a1")

    async def quick(name: str) -> None:
        done.append(name)

    first = asyncio.create_task(processor.process_update(_update(1, 100), slow()))
    second = asyncio.create_task(processor.process_update(_update(2, 100), quick("a2")))
    other = asyncio.create_task(processor.process_update(_update(3, 200), quick("b1")))
    await other
    assert done == ["b1"]
    release.set()
    await asyncio.gather(first, second)
    assert done == ["b1", "a1", "a2"]


async def test_locks_are_dropped_when_a_chat_is_idle() -> None:
    processor = PerChatUpdateProcessor()

    async def nothing() -> None:
        return None

    await processor.process_update(_update(1, 100), nothing())
    assert processor._locks == {}
