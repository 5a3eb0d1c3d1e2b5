"""`python -m bot` as the IT person runs it: one clear line and a non-zero exit on bad settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_bot(
    args: list[str], env: dict[str, str], cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    clean.pop("DATABASE_PATH", None)
    clean.pop("PRACTICE_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean, **env},
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_run_without_a_token_is_one_clear_line(tmp_path: Path) -> None:
    result = run_bot(["run"], {}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: TELEGRAM_BOT_TOKEN")
    assert "Traceback" not in result.stderr + result.stdout


def test_a_bad_deep_link_code_stops_start_up(tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text(
        '[[practice]]\ncode = "a b"\nname = "X"\nphone = "1"\nhuisartsenpost = "2"\n',
        encoding="utf-8",
    )
    env = {"TELEGRAM_BOT_TOKEN": "123:abc", "PRACTICE_CONFIG": str(config)}
    result = run_bot(["run"], env, tmp_path)
    assert result.returncode == 2
    assert "deep-link code 'a b'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_webhook_secret_stops_start_up(tmp_path: Path) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "WEBHOOK_URL": "https://bot.example.org/hook",
        "WEBHOOK_SECRET": "no spaces allowed",
    }
    result = run_bot(["run"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: WEBHOOK_SECRET")


def test_settings_come_from_a_dotenv_file_in_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WEBHOOK_URL=https://x.example/h\nWEBHOOK_SECRET=bad secret\n")
    result = run_bot(["run"], {"TELEGRAM_BOT_TOKEN": "123:abc"}, tmp_path)
    assert result.stderr.startswith("error: WEBHOOK_SECRET")


@pytest.mark.parametrize("args", [["admin", "practices"], ["admin", "migrate"]])
def test_admin_needs_no_token(tmp_path: Path, args: list[str]) -> None:
    result = run_bot(args, {"DATABASE_PATH": str(tmp_path / "bot.db")}, tmp_path)
    assert result.returncode == 0, result.stderr
