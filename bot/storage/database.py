"""The one SQLite connection: pragmas, the write lock, transactions and numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
BUSY_TIMEOUT_MS = 5000


class StorageError(Exception):
    """The database cannot be used as it is; the message says what to do."""


class SchemaTooNew(StorageError):
    pass


class MigrationFailed(StorageError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migration files shipped inside the package, in order."""
    folder = resources.files("bot.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StorageError(f"migration files are not numbered 1..n: {versions}")
    return found


def split_statements(script: str) -> list[str]:
    """Split on statement ends as SQLite sees them, so triggers with inner ';' stay whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise MigrationFailed("migration ends with an incomplete statement")
    return statements


class Database:
    """One connection behind a lock: handlers never interleave their transactions."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions, BEGIN IMMEDIATE is ours to issue.
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await self._conn.execute("PRAGMA foreign_keys = ON")
        # Erased rows are overwritten, not left readable in free pages of the file.
        await self._conn.execute("PRAGMA secure_delete = ON")
        if self.path != ":memory:":
            await self._conn.execute("PRAGMA journal_mode = WAL")
            await self._conn.execute("PRAGMA synchronous = NORMAL")

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise StorageError("database is not open")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write that may first read: BEGIN IMMEDIATE takes the write lock up front."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self._lock, self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self._lock, self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One statement in its own transaction; returns the rows changed."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount

    async def checkpoint(self) -> None:
        """Fold the write-ahead log into the database, so erased text leaves the -wal file too."""
        if self.path != ":memory:":
            async with self._lock:
                await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def ping(self) -> bool:
        """For health checks: the database answers a trivial query."""
        row = await self.fetch_one("SELECT 1")
        return row is not None and row[0] == 1

    # -- schema ------------------------------------------------------------------------------

    async def schema_version(self) -> int:
        row = await self.fetch_one(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        )
        if row is None:
            return 0
        row = await self.fetch_one("SELECT MAX(version) AS v FROM schema_version")
        return int(row["v"] or 0) if row else 0

    async def migrate(
        self, migrations: Iterable[Migration] | None = None, *, backup: bool = True
    ) -> list[int]:
        """Apply what is missing, each file in one transaction; returns the versions applied."""
        todo = list(migrations) if migrations is not None else bundled_migrations()
        latest = todo[-1].version if todo else 0
        current = await self.schema_version()
        if current > latest:
            raise SchemaTooNew(
                f"database schema version {current} is newer than this code knows ({latest}); "
                "install the newer release or restore a backup"
            )
        pending = [m for m in todo if m.version > current]
        if pending and current > 0 and backup:
            await self._backup_before_migrating(current)
        async with self._lock:
            await self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
            )
        applied = []
        for migration in pending:
            try:
                async with self.transaction() as conn:
                    for statement in split_statements(migration.sql):
                        await conn.execute(statement)
                    await conn.execute(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.name, int(datetime.now(UTC).timestamp())),
                    )
            except sqlite3.Error as exc:
                raise MigrationFailed(
                    f"migration {migration.version:04d}_{migration.name} failed "
                    f"({type(exc).__name__}); the database is left at version "
                    f"{await self.schema_version()}"
                ) from exc
            log.info("applied migration %04d_%s", migration.version, migration.name)
            applied.append(migration.version)
        return applied

    async def _backup_before_migrating(self, version: int) -> Path | None:
        if self.path == ":memory:":
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(f"{self.path}.v{version}-{stamp}.bak")
        async with self._lock, aiosqlite.connect(target) as copy:
            await self.conn.backup(copy)
        log.info("copied the database to a backup before migrating from version %d", version)
        return target
