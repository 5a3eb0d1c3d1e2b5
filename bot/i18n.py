"""Per-user gettext catalogs and Babel date formatting in the practice's time zone.

Babel's `Translations.load` silently falls back to the source text when a catalog is missing,
so catalogs are loaded here by hand and a missing one is an error, not English for a Dutch user.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.core.clock import PRACTICE_TZ
from bot.core.models import Language

DOMAIN = "messages"
SOURCE_LOCALES = Path(__file__).resolve().parent.parent / "locales"


class CatalogMissing(RuntimeError):
    pass


def N_(message: str) -> str:
    """Marks a text for extraction where it is defined; it is translated where it is shown."""
    return message


def _catalog_dirs() -> list[Path]:
    """The wheel ships compiled catalogs inside the package; a checkout has them in locales/."""
    dirs = []
    packaged = resources.files("bot") / "locales"
    if packaged.is_dir():
        dirs.append(Path(str(packaged)))
    dirs.append(SOURCE_LOCALES)
    return dirs


def _load_one(language: Language) -> Translations:
    for folder in _catalog_dirs():
        base = folder / language.value / "LC_MESSAGES"
        mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as fp:
                return Translations(fp, domain=DOMAIN)
        if po.is_file():
            # An edited catalog that was not compiled yet: compile it in memory, same result.
            with po.open("rb") as fp:
                catalog = read_po(fp, locale=language.value, domain=DOMAIN)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            buffer.seek(0)
            return Translations(buffer, domain=DOMAIN)
    raise CatalogMissing(f"no '{language.value}' catalog in {', '.join(map(str, _catalog_dirs()))}")


@dataclass(frozen=True)
class Texts:
    """Everything a handler needs to speak one language: gettext plus Babel formatting."""

    language: Language
    translations: Translations

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, moment: datetime, fmt: str = "long") -> str:
        return format_date(moment.astimezone(PRACTICE_TZ), fmt, locale=self.language.value)

    def time(self, moment: datetime) -> str:
        return format_time(moment, "HH:mm", tzinfo=PRACTICE_TZ, locale=self.language.value)

    def datetime(self, moment: datetime, fmt: str = "long") -> str:
        return format_datetime(moment, fmt, tzinfo=PRACTICE_TZ, locale=self.language.value)


class Catalogs:
    """All languages, loaded once at start-up."""

    def __init__(self) -> None:
        self._texts = {lang: Texts(lang, _load_one(lang)) for lang in Language}

    def __getitem__(self, language: Language) -> Texts:
        return self._texts[language]
