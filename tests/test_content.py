"""The self-help library: complete in both languages, short titles, a source for every topic."""

import tomllib
from importlib import resources

import pytest

from bot.content import FIELDS, load_everyday, load_library
from bot.core.models import Language


def _raw(language: str) -> list[dict]:
    path = resources.files("bot.content") / "faq" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["topic"]


def test_dutch_and_english_have_the_same_topics_and_fields() -> None:
    nl, en = _raw("nl"), _raw("en")
    assert [t["id"] for t in nl] == [t["id"] for t in en]
    assert [list(t) for t in nl] == [list(t) for t in en]
    assert all(list(t) == list(FIELDS) for t in nl)


def test_the_library_has_at_least_25_topics() -> None:
    assert len(load_library(Language.NL)) >= 25


@pytest.mark.parametrize("language", list(Language))
def test_titles_fit_on_a_button(language: Language) -> None:
    assert all(len(t.title) <= 24 for t in load_library(language))


@pytest.mark.parametrize("language", list(Language))
def test_every_topic_has_a_secure_source_link(language: Language) -> None:
    assert all(t.source_url.startswith("https://") for t in load_library(language))


@pytest.mark.parametrize("language", list(Language))
def test_every_answer_fits_one_message(language: Language) -> None:
    for topic in load_library(language):
        longest = max(len(topic.parent), len(topic.youngster)) + len(topic.when_to_contact)
        assert longest < 3000, topic.id


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("topic_id", ["self_harm", "suicidal_thoughts"])
def test_self_harm_and_suicide_answers_give_the_helplines(
    language: Language, topic_id: str
) -> None:
    topic = next(t for t in load_library(language) if t.id == topic_id)
    for answer in (topic.parent, topic.youngster):
        assert "113" in answer
        assert "0800-0113" in answer


@pytest.mark.parametrize("language", list(Language))
def test_each_language_keeps_examples_of_everyday_chat(language: Language) -> None:
    assert len(load_everyday(language)) >= 20
