"""The people who use the bot: only what the specialist needs, all of it erasable."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.core.clock import from_epoch, to_epoch
from bot.core.models import FlowState, Language, Role, UserProfile
from bot.storage.database import Database


def _profile(row: aiosqlite.Row) -> UserProfile:
    return UserProfile(
        telegram_user_id=row["telegram_user_id"],
        language=Language(row["language"]),
        role=Role(row["role"]),
        age=row["age"],
        practice_id=row["practice_id"],
        privacy_read_at=from_epoch(row["privacy_read_at"]),
        created_at=from_epoch(row["created_at"]),
        unreachable_since=(
            from_epoch(row["unreachable_at"]) if row["unreachable_at"] is not None else None
        ),
    )


class UserStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, telegram_user_id: int) -> UserProfile | None:
        row = await self._db.fetch_one(
            "SELECT * FROM users WHERE telegram_user_id = ?", (telegram_user_id,)
        )
        return _profile(row) if row else None

    async def complete_onboarding(self, profile: UserProfile, now: datetime) -> None:
        """Written only once the privacy notice was read; the onboarding flow ends with it."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO users (telegram_user_id, language, role, age, practice_id,"
                " privacy_read_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (telegram_user_id) DO UPDATE SET language = excluded.language,"
                " role = excluded.role, age = excluded.age, practice_id = excluded.practice_id,"
                " privacy_read_at = excluded.privacy_read_at, updated_at = excluded.updated_at",
                (
                    profile.telegram_user_id,
                    profile.language.value,
                    profile.role.value,
                    profile.age,
                    profile.practice_id,
                    to_epoch(profile.privacy_read_at),
                    to_epoch(now),
                    to_epoch(now),
                ),
            )
            await conn.execute(
                "DELETE FROM flow_states WHERE telegram_user_id = ?", (profile.telegram_user_id,)
            )

    async def set_language(self, telegram_user_id: int, language: Language, now: datetime) -> bool:
        changed = await self._db.execute(
            "UPDATE users SET language = ?, updated_at = ? WHERE telegram_user_id = ?",
            (language.value, to_epoch(now), telegram_user_id),
        )
        return changed > 0

    async def erase(self, telegram_user_id: int) -> bool:
        """Everything stored about this person goes, in one transaction."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM users WHERE telegram_user_id = ?", (telegram_user_id,)
            )
            erased = cursor.rowcount > 0
            cursor = await conn.execute(
                "DELETE FROM flow_states WHERE telegram_user_id = ?", (telegram_user_id,)
            )
            erased = erased or cursor.rowcount > 0
        await self._db.checkpoint()
        return erased


class FlowStore:
    """Where each user is in a flow, with an expiry checked on the next tap."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, telegram_user_id: int) -> FlowState | None:
        row = await self._db.fetch_one(
            "SELECT * FROM flow_states WHERE telegram_user_id = ?", (telegram_user_id,)
        )
        if row is None:
            return None
        return FlowState(
            telegram_user_id=row["telegram_user_id"],
            flow=row["flow"],
            step=row["step"],
            data=json.loads(row["data"]),
            expires_at=from_epoch(row["expires_at"]),
        )

    async def put(
        self,
        telegram_user_id: int,
        flow: str,
        step: str,
        data: dict[str, Any],
        *,
        expires_at: datetime,
        now: datetime,
    ) -> FlowState:
        await self._db.execute(
            "INSERT INTO flow_states (telegram_user_id, flow, step, data, expires_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (telegram_user_id) DO UPDATE SET"
            " flow = excluded.flow, step = excluded.step, data = excluded.data,"
            " expires_at = excluded.expires_at, updated_at = excluded.updated_at",
            (
                telegram_user_id,
                flow,
                step,
                json.dumps(data, separators=(",", ":")),
                to_epoch(expires_at),
                to_epoch(now),
            ),
        )
        return FlowState(telegram_user_id, flow, step, dict(data), expires_at)

    async def clear(self, telegram_user_id: int) -> bool:
        changed = await self._db.execute(
            "DELETE FROM flow_states WHERE telegram_user_id = ?", (telegram_user_id,)
        )
        return changed > 0

    async def purge_expired(self, now: datetime) -> int:
        """Abandoned flows hold answers nobody confirmed: they do not outlive their expiry."""
        return await self._db.execute(
            "DELETE FROM flow_states WHERE expires_at <= ?", (to_epoch(now),)
        )
