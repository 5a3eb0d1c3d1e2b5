"""A non-editable install (`pip install .`, as the Docker image does) carries compiled catalogs."""

import io
import zipfile
from pathlib import Path

import pytest
from babel.support import Translations

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    builder = WheelBuilder(str(ROOT))
    (path,) = list(builder.build(directory=str(out), versions=["standard"]))
    return zipfile.ZipFile(path)


def test_the_wheel_holds_the_compiled_dutch_catalog(wheel: zipfile.ZipFile) -> None:
    data = wheel.read("bot/locales/nl/LC_MESSAGES/messages.mo")
    assert Translations(io.BytesIO(data)).gettext("Help now") == "Hulp nu"


def test_the_wheel_holds_the_english_catalog_and_the_migrations(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "bot/locales/en/LC_MESSAGES/messages.mo" in names
    assert "bot/storage/migrations/0001_initial.sql" in names
    assert "bot/demo_practice.toml" in names
