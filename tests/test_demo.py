"""The terminal demo, driven with piped input the way the README shows."""

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.demo import run_demo

SCRIPT = "\n".join(["/start", "1", "1", "'9", "1", "3", ":specialist", "/menu", ":ouder", ":quit"])


def _transcript(script: str) -> str:
    out = io.StringIO()
    assert run_demo(stdin=io.StringIO(script + "\n"), out=out) == 0
    return out.getvalue()


def test_demo_walks_through_onboarding_to_the_menu() -> None:
    transcript = _transcript(SCRIPT)
    assert "> /start" in transcript
    assert "Hoi! Ik ben de chatbot" in transcript
    assert "[1] Nederlands   [2] English" in transcript
    assert "Ik snap het" in transcript
    assert "[3] Afspraak maken" in transcript


def test_demo_typed_number_after_a_quote_is_sent_as_text() -> None:
    transcript = _transcript(SCRIPT)
    assert "Je kind is jonger dan 12" in transcript


def test_demo_switches_to_the_linked_specialist_chat() -> None:
    transcript = _transcript(SCRIPT)
    assert "bot (specialist): Menu voor de specialist – Anna de Vries" in transcript


def test_demo_says_which_numbers_exist() -> None:
    transcript = _transcript("/start\n7\n:quit")
    assert "(no button 7; choose 1 to 2)" in transcript


def test_demo_runs_as_a_command_with_piped_input_and_never_touches_database_path(
    tmp_path: Path,
) -> None:
    database = tmp_path / "production.db"
    env = {**os.environ, "DATABASE_PATH": str(database)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        input=SCRIPT,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Wat wil je doen?" in result.stdout
    assert not database.exists()


def test_demo_lets_hours_pass_and_says_the_new_time() -> None:
    transcript = _transcript("/start\n:wacht\n:wacht 2\n:quit")
    assert "(say how many hours, for example  :wacht 20)" in transcript
    assert "(it is now " in transcript


def test_demo_a_tips_own_buttons_can_be_tapped_under_the_suggestions() -> None:
    script = "\n".join(["/start", "1", "1", "'9", "1", "mn dochter slaapt nie goed"])
    transcript = _transcript(script + "\n1\n:quit")
    assert "[1] Vraag stellen" in transcript
    assert "[ ]" not in transcript
    assert "als vraag sturen" in transcript
