"""The core stays pure: no Telegram, no SQL, no reading the clock (only clock.py may)."""

from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "bot" / "core"
FORBIDDEN = ("import telegram", "from telegram", "aiosqlite", "sqlite3", ".now(", "time.time(")


@pytest.mark.parametrize(
    "module", sorted(p.name for p in CORE.glob("*.py") if p.name != "clock.py")
)
def test_core_module_does_no_io(module: str) -> None:
    source = (CORE / module).read_text(encoding="utf-8")
    assert [word for word in FORBIDDEN if word in source] == []
