"""The admin command line, as the IT person types it."""

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.storage.database import bundled_migrations

CONFIG = """
[[practice]]
code = "linde"
name = "Huisartsenpraktijk De Linde"
phone = "010-123 45 67"
huisartsenpost = "0900-111 22 33"

[[specialist]]
key = "anna"
name = "Anna de Vries"
practices = ["linde"]
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "practice.toml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.db"))
    monkeypatch.setenv("PRACTICE_CONFIG", str(config))
    return tmp_path


def test_migrate_creates_the_schema(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["admin", "migrate"]) == 0
    latest = bundled_migrations()[-1].version
    assert f"schema version {latest}" in capsys.readouterr().out
    assert main(["admin", "migrate"]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_import_then_practices_lists_the_deep_link(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["admin", "import"]) == 0
    assert main(["admin", "practices"]) == 0
    out = capsys.readouterr().out
    assert "start=linde" in out
    assert "anna" in out
    assert "not linked" in out


def test_invite_prints_a_code_that_is_stored_hashed(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["admin", "import"])
    assert main(["admin", "invite", "anna"]) == 0
    out = capsys.readouterr().out
    code = out.split("invite code for anna: ")[1].split()[0]
    assert f"/specialist {code}" in out
    assert code.encode() not in (env / "bot.db").read_bytes()


def test_invite_for_an_unknown_specialist_is_one_clear_line(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["admin", "import"])
    assert main(["admin", "invite", "nobody"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "nobody" in err[0]


def test_revoke_unlinks(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["admin", "import"])
    assert main(["admin", "revoke", "anna"]) == 0
    assert "unlinked" in capsys.readouterr().out


def test_import_with_a_broken_config_names_the_setting(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (env / "practice.toml").write_text('[[practice]]\ncode = "bad code"\n', encoding="utf-8")
    assert main(["admin", "import"]) == 2
    assert capsys.readouterr().err.startswith("error: PRACTICE_CONFIG:")


def test_import_loads_the_weekly_hours(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = CONFIG + '\n[specialist.hours]\nlinde = ["ma 09:00-12:00", "do 13:00-17:00"]\n'
    (env / "practice.toml").write_text(config, encoding="utf-8")
    main(["admin", "import"])
    assert main(["admin", "hours", "show", "anna"]) == 0
    assert "anna at linde: mon 09:00-12:00, thu 13:00-17:00" in capsys.readouterr().out


def test_hours_set_replaces_the_hours(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["admin", "import"])
    assert main(["admin", "hours", "set", "anna", "linde", "tue 09:00-12:30"]) == 0
    assert main(["admin", "hours", "show"]) == 0
    assert "anna at linde: tue 09:00-12:30" in capsys.readouterr().out


def test_hours_set_refuses_a_wrong_block(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["admin", "import"])
    assert main(["admin", "hours", "set", "anna", "linde", "tue 12:00-09:00"]) == 2
    assert capsys.readouterr().err.startswith("error: hours:")


def test_hours_set_refuses_a_practice_the_specialist_does_not_serve(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["admin", "import"])
    assert main(["admin", "hours", "set", "anna", "elders", "tue 09:00-12:00"]) == 2
    assert "does not work at" in capsys.readouterr().err


def test_dayoff_add_for_a_specialist_and_for_a_practice(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["admin", "import"])
    assert main(["admin", "dayoff", "add", "2026-12-24", "--specialist", "anna"]) == 0
    assert main(["admin", "dayoff", "add", "2026-12-31", "--practice", "linde"]) == 0
    assert main(["admin", "dayoff", "add", "2026-12-31", "--practice", "linde"]) == 0
    out = capsys.readouterr().out
    assert "day off 2026-12-24 for anna added" in out
    assert "day off 2026-12-31 for practice linde was already there" in out
