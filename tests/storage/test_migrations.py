from pathlib import Path

import pytest

from bot.storage import Database, MigrationFailed, SchemaTooNew
from bot.storage.database import Migration, bundled_migrations, split_statements


async def _db(path: Path) -> Database:
    db = Database(path)
    await db.open()
    return db


async def test_migrations_apply_from_an_empty_database(tmp_path: Path) -> None:
    db = await _db(tmp_path / "a.db")
    try:
        applied = await db.migrate()
        assert applied == [m.version for m in bundled_migrations()]
        assert await db.schema_version() == applied[-1]
        assert await db.fetch_one("SELECT COUNT(*) FROM users") is not None
    finally:
        await db.close()


async def test_migrating_twice_applies_nothing_the_second_time(tmp_path: Path) -> None:
    db = await _db(tmp_path / "a.db")
    try:
        await db.migrate()
        assert await db.migrate() == []
    finally:
        await db.close()


async def test_a_broken_migration_rolls_back_and_stops(tmp_path: Path) -> None:
    db = await _db(tmp_path / "a.db")
    steps = [
        Migration(1, "good", "CREATE TABLE one (id INTEGER PRIMARY KEY);"),
        Migration(2, "broken", "CREATE TABLE two (id INTEGER);\nINSERT INTO nowhere VALUES (1);"),
        Migration(3, "later", "CREATE TABLE three (id INTEGER);"),
    ]
    try:
        with pytest.raises(MigrationFailed, match="0002_broken"):
            await db.migrate(steps)
        assert await db.schema_version() == 1
        tables = {r["name"] for r in await db.fetch_all("SELECT name FROM sqlite_master")}
        assert "two" not in tables
        assert "three" not in tables
    finally:
        await db.close()


async def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    db = await _db(tmp_path / "a.db")
    try:
        await db.migrate([Migration(1, "a", "SELECT 1;"), Migration(2, "b", "SELECT 1;")])
        with pytest.raises(SchemaTooNew):
            await db.migrate([Migration(1, "a", "SELECT 1;")])
    finally:
        await db.close()


async def test_an_existing_database_is_copied_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    db = await _db(path)
    try:
        await db.migrate([Migration(1, "a", "CREATE TABLE kept (v TEXT);")])
        await db.execute("INSERT INTO kept VALUES ('before')")
        await db.migrate([Migration(1, "a", ""), Migration(2, "b", "DROP TABLE kept;")])
    finally:
        await db.close()
    backups = list(tmp_path.glob("a.db.v1-*.bak"))
    assert len(backups) == 1
    copy = await _db(backups[0])
    try:
        row = await copy.fetch_one("SELECT v FROM kept")
        assert row is not None and row["v"] == "before"
    finally:
        await copy.close()


def test_statements_split_keeps_a_trigger_whole() -> None:
    script = """
    CREATE TABLE t (a INTEGER);
    CREATE TRIGGER no_negative BEFORE INSERT ON t
    BEGIN
        SELECT RAISE(ABORT, 'negative') WHERE NEW.a < 0;
    END;
    -- a closing comment
    """
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].endswith("END;")


async def test_the_connection_has_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    db = await _db(tmp_path / "a.db")
    try:
        assert (await db.fetch_one("PRAGMA journal_mode"))[0] == "wal"
        assert (await db.fetch_one("PRAGMA foreign_keys"))[0] == 1
        assert (await db.fetch_one("PRAGMA busy_timeout"))[0] == 5000
    finally:
        await db.close()
