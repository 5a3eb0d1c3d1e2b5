"""The self-help library: one TOML file per language, loaded once, shipped inside the package."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from bot.core.faq import CATEGORIES, Topic, TopicIndex
from bot.core.models import Language

FIELDS = (
    "id",
    "category",
    "title",
    "keywords",
    "parent",
    "youngster",
    "when_to_contact",
    "source_name",
    "source_url",
    "examples",
)
# Ways people ask about a topic help the matcher, but a topic without them is complete.
OPTIONAL = frozenset({"examples"})


class LibraryError(ValueError):
    pass


def parse_library(text: str, origin: str) -> list[Topic]:
    data = tomllib.loads(text)
    topics = []
    for index, table in enumerate(data.get("topic", []), start=1):
        missing = [f for f in FIELDS if f not in OPTIONAL and not table.get(f)]
        if missing:
            raise LibraryError(f"{origin}: topic {index} misses {', '.join(missing)}")
        if table["category"] not in CATEGORIES:
            raise LibraryError(f"{origin}: topic {table['id']} has unknown category")
        topics.append(
            Topic(
                id=table["id"],
                category=table["category"],
                title=table["title"],
                keywords=tuple(table["keywords"]),
                parent=table["parent"].strip(),
                youngster=table["youngster"].strip(),
                when_to_contact=table["when_to_contact"].strip(),
                source_name=table["source_name"],
                source_url=table["source_url"],
                examples=tuple(table.get("examples", ())),
            )
        )
    if not topics:
        raise LibraryError(f"{origin}: no topics")
    return topics


def _library_text(language: Language) -> str:
    path = resources.files("bot.content") / "faq" / f"{language.value}.toml"
    return path.read_text(encoding="utf-8")


def load_library(language: Language) -> list[Topic]:
    return parse_library(_library_text(language), f"faq/{language.value}.toml")


def parse_everyday(text: str) -> tuple[str, ...]:
    """Messages that are no worry ("bedankt!", "ik ben er om 3 uur"): matched, they open no tip."""
    return tuple(tomllib.loads(text).get("everyday", ()))


def load_everyday(language: Language) -> tuple[str, ...]:
    return parse_everyday(_library_text(language))


@lru_cache(maxsize=1)
def load_indexes() -> dict[Language, TopicIndex]:
    """Built once per process: the library ships with the code and does not change at run time."""
    return {
        lang: TopicIndex(load_library(lang), lang.value, load_everyday(lang)) for lang in Language
    }
