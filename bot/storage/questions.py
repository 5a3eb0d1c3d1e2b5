"""Questions to the specialist: asked once, answered once, erased with the person who asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.clock import from_epoch, to_epoch
from bot.storage.database import Database


@dataclass(frozen=True)
class Question:
    id: int
    telegram_user_id: int
    practice_id: int | None
    first_name: str | None
    body: str
    asked_at: datetime
    reply_to: int | None
    answer: str | None
    answered_at: datetime | None
    answered_by: int | None
    specialist_reminded_at: datetime | None
    invited_to_book_at: datetime | None


def _maybe(seconds: int | None) -> datetime | None:
    return from_epoch(seconds) if seconds is not None else None


def _question(row: aiosqlite.Row) -> Question:
    return Question(
        id=row["id"],
        telegram_user_id=row["telegram_user_id"],
        practice_id=row["practice_id"],
        first_name=row["first_name"],
        body=row["body"],
        asked_at=from_epoch(row["asked_at"]),
        reply_to=row["reply_to"],
        answer=row["answer"],
        answered_at=_maybe(row["answered_at"]),
        answered_by=row["answered_by"],
        specialist_reminded_at=_maybe(row["specialist_reminded_at"]),
        invited_to_book_at=_maybe(row["invited_to_book_at"]),
    )


class QuestionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def ask(
        self,
        telegram_user_id: int,
        practice_id: int | None,
        body: str,
        first_name: str | None,
        now: datetime,
        *,
        reply_to: int | None = None,
    ) -> Question | None:
        """None when this answer was already replied to: one reply per answer."""
        async with self._db.transaction() as conn:
            if reply_to is not None:
                cursor = await conn.execute(
                    "SELECT 1 FROM questions WHERE reply_to = ?", (reply_to,)
                )
                if await cursor.fetchone() is not None:
                    return None
            cursor = await conn.execute(
                "INSERT INTO questions (telegram_user_id, practice_id, first_name, body, asked_at,"
                " reply_to) VALUES (?, ?, ?, ?, ?, ?)",
                (telegram_user_id, practice_id, first_name, body, to_epoch(now), reply_to),
            )
            question_id = cursor.lastrowid
        question = await self.get(int(question_id or 0))
        assert question is not None
        return question

    async def get(self, question_id: int) -> Question | None:
        row = await self._db.fetch_one("SELECT * FROM questions WHERE id = ?", (question_id,))
        return _question(row) if row else None

    async def has_reply(self, question_id: int) -> bool:
        row = await self._db.fetch_one("SELECT 1 FROM questions WHERE reply_to = ?", (question_id,))
        return row is not None

    async def waiting(self, practice_ids: tuple[int, ...]) -> list[Question]:
        """Neither answered nor closed with an invitation to book a talk."""
        if not practice_ids:
            return []
        marks = ",".join("?" for _ in practice_ids)
        rows = await self._db.fetch_all(
            f"SELECT * FROM questions WHERE answered_at IS NULL AND invited_to_book_at IS NULL"
            f" AND practice_id IN ({marks}) ORDER BY asked_at, id",
            practice_ids,
        )
        return [_question(r) for r in rows]

    async def answer(
        self, question_id: int, specialist_id: int, answer: str, now: datetime
    ) -> Question | None:
        """None when someone answered first: a question gets one answer."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE questions SET answer = ?, answered_at = ?, answered_by = ?"
                " WHERE id = ? AND answered_at IS NULL",
                (answer, to_epoch(now), specialist_id, question_id),
            )
            changed = cursor.rowcount
        return await self.get(question_id) if changed else None

    async def extend_answer(
        self, question_id: int, specialist_id: int, more: str
    ) -> Question | None:
        """The rest of an answer that arrived as a second message; only by whoever answered."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE questions SET answer = answer || ?"
                " WHERE id = ? AND answered_by = ? AND answer IS NOT NULL",
                (more, question_id, specialist_id),
            )
            changed = cursor.rowcount
        return await self.get(question_id) if changed else None

    async def add_to_body(
        self, question_id: int, telegram_user_id: int, more: str
    ) -> Question | None:
        """The next part of a question or reply that was already sent, by whoever asked it; not
        once it is answered. None when nothing was added."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE questions SET body = body || ?"
                " WHERE id = ? AND telegram_user_id = ? AND answered_at IS NULL",
                (more, question_id, telegram_user_id),
            )
            changed = cursor.rowcount
        return await self.get(question_id) if changed else None

    async def mark_invited(self, question_id: int, now: datetime) -> None:
        """An invitation to book a talk closes the question: it no longer waits or reminds."""
        await self._db.execute(
            "UPDATE questions SET invited_to_book_at = ? WHERE id = ?", (to_epoch(now), question_id)
        )

    async def due_for_reminder(self, asked_before: datetime) -> list[Question]:
        rows = await self._db.fetch_all(
            "SELECT * FROM questions WHERE answered_at IS NULL AND invited_to_book_at IS NULL"
            " AND specialist_reminded_at IS NULL AND asked_at <= ? ORDER BY asked_at",
            (to_epoch(asked_before),),
        )
        return [_question(r) for r in rows]

    async def mark_reminded(self, question_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE questions SET specialist_reminded_at = ? WHERE id = ?",
            (to_epoch(now), question_id),
        )

    async def for_user(self, telegram_user_id: int) -> list[Question]:
        rows = await self._db.fetch_all(
            "SELECT * FROM questions WHERE telegram_user_id = ? ORDER BY asked_at",
            (telegram_user_id,),
        )
        return [_question(r) for r in rows]
