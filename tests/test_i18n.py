"""The catalogs: Dutch really loads, and nl and en cover every text in the code."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.core.models import Language
from bot.i18n import Catalogs

ROOT = Path(__file__).resolve().parent.parent


def _code_messages() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "bot"),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    )
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


def test_dutch_catalog_really_loads() -> None:
    assert Catalogs()[Language.NL]._("Help now") == "Hulp nu"


def test_english_catalog_loads() -> None:
    assert Catalogs()[Language.EN]._("Help now") == "Help now"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalog_translates_every_text_in_the_code(language: str) -> None:
    path = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=language)
    translated = set()
    for m in catalog:
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.id and all(strings) and "fuzzy" not in m.flags:
            translated.add(m.id[0] if isinstance(m.id, tuple) else m.id)
    assert _code_messages() - translated == set()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_translations_keep_every_placeholder(language: str) -> None:
    import re

    path = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=language)
    for message in catalog:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            placeholders = set(re.findall(r"\{\w+\}", ids[0]))
            for string in strings:
                assert placeholders == set(re.findall(r"\{\w+\}", string)), ids[0]


def test_dates_are_formatted_in_dutch_in_amsterdam_time() -> None:
    texts = Catalogs()[Language.NL]
    # 23:30 UTC on 30 November is already 1 December in Amsterdam (winter time, UTC+1).
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert texts.date(moment, "EEEE d MMMM") == "dinsdag 1 december"
    assert texts.time(moment) == "00:30"


def test_no_text_is_marked_inside_an_f_string() -> None:
    """pybabel on Python 3.11 does not look inside f-strings: a text marked there stays English."""
    found = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
                if name in {"_", "N_", "ngettext"} and isinstance(call.args[0], ast.Constant):
                    found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == []
