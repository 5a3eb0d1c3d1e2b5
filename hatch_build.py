"""Compile the gettext catalogs while building, so every install has them.

A wheel gets them inside the package (bot/locales/...); an editable install gets them next to
the .po files in locales/, where bot.i18n looks in a checkout.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(source).with_suffix(".mo")
        mo = target / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=po.parts[-3])
        with mo.open("wb") as fp:
            write_mo(fp, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class CatalogBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        source = Path(self.root) / "locales"
        if version == "editable":
            compile_catalogs(source, source)
            return
        target = Path(tempfile.mkdtemp(prefix="jeugdbot-catalogs-"))
        for mo in compile_catalogs(source, target):
            build_data["force_include"][str(mo)] = f"bot/locales/{mo.relative_to(target)}"
