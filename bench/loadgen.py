"""Test data in bulk for the benchmarks and the crash test: users with one appointment each.

Written with plain SQL into a migrated database: this is load, not a path users take.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.clock import to_epoch
from bot.storage import Storage

FIRST_USER = 100_000


def practice_file(quiet_hours: str = "21:30-08:00") -> str:
    """One practice with one specialist; more specialists are added by `fill`."""
    return f"""
[[practice]]
code = "p"
name = "Praktijk"
address = "Straat 1"
phone = "010-1"
huisartsenpost = "0900-1"
quiet_hours = "{quiet_hours}"

[[specialist]]
key = "s0"
name = "S"
practices = ["p"]
[specialist.hours]
p = ["mon 09:00-17:00", "tue 09:00-17:00"]
"""


async def fill(
    storage: Storage,
    count: int,
    first_start: datetime,
    *,
    per_specialist: int,
    spacing: timedelta,
    booked_at: datetime,
) -> list[int]:
    """`count` users with one appointment each, `spacing` apart per specialist, never overlapping;
    returns the users' ids (their chat ids)."""
    specialists = (count + per_specialist - 1) // per_specialist
    created = to_epoch(booked_at)
    async with storage.db.transaction() as conn:
        practice_id = (await (await conn.execute("SELECT id FROM practices")).fetchone())[0]
        await conn.executemany(
            "INSERT INTO specialists (key, name, title) VALUES (?, 'S', 'POH')",
            [(f"load{i}",) for i in range(specialists)],
        )
        rows = await (
            await conn.execute("SELECT id FROM specialists WHERE key LIKE 'load%' ORDER BY id")
        ).fetchall()
        ids = [r[0] for r in rows]
        await conn.executemany(
            "INSERT INTO specialist_practices (specialist_id, practice_id) VALUES (?, ?)",
            [(i, practice_id) for i in ids],
        )
        users = [FIRST_USER + i for i in range(count)]
        await conn.executemany(
            "INSERT INTO users (telegram_user_id, language, role, age, practice_id,"
            " privacy_read_at, created_at, updated_at) VALUES (?, 'nl', 'parent', 9, ?, ?, ?, ?)",
            [(u, practice_id, created, created, created) for u in users],
        )
        appointments = []
        for i, user in enumerate(users):
            begins = first_start + spacing * (i % per_specialist)
            appointments.append(
                (
                    f"load-{i}",
                    user,
                    practice_id,
                    ids[i // per_specialist],
                    to_epoch(begins),
                    to_epoch(begins + timedelta(minutes=30)),
                    to_epoch(begins + timedelta(minutes=45)),
                    created,
                )
            )
        await conn.executemany(
            "INSERT INTO appointments (uid, telegram_user_id, practice_id, specialist_id, kind,"
            " starts_at, ends_at, blocked_until, for_whom, first_name, birth_date, topic,"
            " created_at) VALUES (?, ?, ?, ?, 'followup', ?, ?, ?, 'child', 'X', '2016-01-01',"
            " 'sleep', ?)",
            appointments,
        )
    return users
