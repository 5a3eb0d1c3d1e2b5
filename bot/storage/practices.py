"""Practices and specialists: seeded from the practice TOML, then changed by the admin CLI."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.core.clock import to_epoch
from bot.core.models import Practice, Specialist
from bot.storage.database import Database


def _practice(row: aiosqlite.Row) -> Practice:
    return Practice(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        address=row["address"],
        phone=row["phone"],
        huisartsenpost=row["huisartsenpost"],
        short_name=row["short_name"],
    )


class PracticeStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def count(self) -> int:
        row = await self._db.fetch_one("SELECT COUNT(*) AS n FROM practices")
        return int(row["n"]) if row else 0

    async def all(self) -> list[Practice]:
        rows = await self._db.fetch_all("SELECT * FROM practices ORDER BY name, id")
        return [_practice(r) for r in rows]

    async def by_id(self, practice_id: int) -> Practice | None:
        row = await self._db.fetch_one("SELECT * FROM practices WHERE id = ?", (practice_id,))
        return _practice(row) if row else None

    async def by_code(self, code: str) -> Practice | None:
        row = await self._db.fetch_one("SELECT * FROM practices WHERE code = ?", (code,))
        return _practice(row) if row else None

    async def upsert(
        self,
        practices: Sequence[dict[str, str]],
        specialists: Sequence[dict[str, object]],
        now: datetime,
    ) -> tuple[int, int]:
        """Insert or update by deep-link code and specialist key, all in one transaction."""
        async with self._db.transaction() as conn:
            for p in practices:
                await conn.execute(
                    "INSERT INTO practices (code, name, short_name, address, phone, huisartsenpost,"
                    " created_at) VALUES (:code, :name, :short_name, :address, :phone,"
                    " :huisartsenpost, :now)"
                    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                    " short_name = excluded.short_name,"
                    " address = excluded.address, phone = excluded.phone,"
                    " huisartsenpost = excluded.huisartsenpost",
                    {"short_name": "", **p, "now": to_epoch(now)},
                )
            for s in specialists:
                await conn.execute(
                    "INSERT INTO specialists (key, name, title) VALUES (:key, :name, :title)"
                    " ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
                    " title = excluded.title",
                    {"key": s["key"], "name": s["name"], "title": s["title"]},
                )
                await conn.execute(
                    "DELETE FROM specialist_practices WHERE specialist_id ="
                    " (SELECT id FROM specialists WHERE key = ?)",
                    (s["key"],),
                )
                for code in s["practices"]:  # type: ignore[attr-defined]
                    await conn.execute(
                        "INSERT INTO specialist_practices (specialist_id, practice_id)"
                        " SELECT s.id, p.id FROM specialists s, practices p"
                        " WHERE s.key = ? AND p.code = ?",
                        (s["key"], code),
                    )
        return len(practices), len(specialists)


def _specialist(row: aiosqlite.Row, practice_ids: tuple[int, ...]) -> Specialist:
    return Specialist(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        title=row["title"],
        telegram_user_id=row["telegram_user_id"],
        practice_ids=practice_ids,
    )


class RedeemResult:
    """Why a code did not link, told apart so the refusal can be kind and specific."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class SpecialistStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _with_practices(self, row: aiosqlite.Row | None) -> Specialist | None:
        if row is None:
            return None
        rows = await self._db.fetch_all(
            "SELECT practice_id FROM specialist_practices WHERE specialist_id = ?"
            " ORDER BY practice_id",
            (row["id"],),
        )
        return _specialist(row, tuple(r["practice_id"] for r in rows))

    async def all(self) -> list[Specialist]:
        rows = await self._db.fetch_all("SELECT * FROM specialists ORDER BY key")
        return [s for r in rows if (s := await self._with_practices(r)) is not None]

    async def by_key(self, key: str) -> Specialist | None:
        row = await self._db.fetch_one("SELECT * FROM specialists WHERE key = ?", (key,))
        return await self._with_practices(row)

    async def by_telegram_user(self, telegram_user_id: int) -> Specialist | None:
        row = await self._db.fetch_one(
            "SELECT * FROM specialists WHERE telegram_user_id = ?", (telegram_user_id,)
        )
        return await self._with_practices(row)

    async def for_practice(self, practice_id: int) -> list[Specialist]:
        """Everyone who works at the practice, linked to Telegram or not."""
        rows = await self._db.fetch_all(
            "SELECT s.* FROM specialists s JOIN specialist_practices sp"
            " ON sp.specialist_id = s.id WHERE sp.practice_id = ? ORDER BY s.id",
            (practice_id,),
        )
        return [s for r in rows if (s := await self._with_practices(r)) is not None]

    async def linked_for_practice(self, practice_id: int) -> list[Specialist]:
        rows = await self._db.fetch_all(
            "SELECT s.* FROM specialists s JOIN specialist_practices sp"
            " ON sp.specialist_id = s.id WHERE sp.practice_id = ?"
            " AND s.telegram_user_id IS NOT NULL ORDER BY s.key",
            (practice_id,),
        )
        return [s for r in rows if (s := await self._with_practices(r)) is not None]

    async def create_invite(
        self, key: str, code_hash: str, now: datetime, expires_at: datetime
    ) -> bool:
        """A new code replaces any unused one, so only the latest printout works."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute("SELECT id FROM specialists WHERE key = ?", (key,))
            row = await cursor.fetchone()
            if row is None:
                return False
            await conn.execute(
                "UPDATE invite_codes SET revoked_at = ? WHERE specialist_id = ?"
                " AND used_at IS NULL AND revoked_at IS NULL",
                (to_epoch(now), row["id"]),
            )
            await conn.execute(
                "INSERT INTO invite_codes (specialist_id, code_hash, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (row["id"], code_hash, to_epoch(now), to_epoch(expires_at)),
            )
        return True

    async def redeem_invite(
        self, code_hash: str, telegram_user_id: int, now: datetime
    ) -> Specialist | str:
        """Use the code once and link the account, in one transaction; a reason when refused."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "SELECT * FROM invite_codes WHERE code_hash = ?", (code_hash,)
            )
            invite = await cursor.fetchone()
            if invite is None:
                return RedeemResult.UNKNOWN
            if invite["used_at"] is not None:
                return RedeemResult.USED
            if invite["revoked_at"] is not None:
                return RedeemResult.REVOKED
            if invite["expires_at"] <= to_epoch(now):
                return RedeemResult.EXPIRED
            await conn.execute(
                "UPDATE invite_codes SET used_at = ? WHERE id = ?", (to_epoch(now), invite["id"])
            )
            # One Telegram account links to one specialist: a phone handed over moves the link.
            await conn.execute(
                "UPDATE specialists SET telegram_user_id = NULL, linked_at = NULL"
                " WHERE telegram_user_id = ?",
                (telegram_user_id,),
            )
            await conn.execute(
                "UPDATE specialists SET telegram_user_id = ?, linked_at = ? WHERE id = ?",
                (telegram_user_id, to_epoch(now), invite["specialist_id"]),
            )
            # Whatever this account was doing belonged to its old role: it ends here.
            await conn.execute(
                "DELETE FROM flow_states WHERE telegram_user_id = ?", (telegram_user_id,)
            )
            specialist_id = invite["specialist_id"]
        row = await self._db.fetch_one("SELECT * FROM specialists WHERE id = ?", (specialist_id,))
        specialist = await self._with_practices(row)
        assert specialist is not None
        return specialist

    async def revoke(self, key: str, now: datetime) -> bool:
        """Unlink the account and void unused codes: a lost phone, or a specialist who left."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute("SELECT id FROM specialists WHERE key = ?", (key,))
            row = await cursor.fetchone()
            if row is None:
                return False
            await conn.execute(
                "UPDATE specialists SET telegram_user_id = NULL, linked_at = NULL WHERE id = ?",
                (row["id"],),
            )
            await conn.execute(
                "UPDATE invite_codes SET revoked_at = ? WHERE specialist_id = ?"
                " AND used_at IS NULL AND revoked_at IS NULL",
                (to_epoch(now), row["id"]),
            )
        return True
