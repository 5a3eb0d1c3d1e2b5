import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.text import cap, first_name, split_for_telegram


def test_short_text_stays_whole() -> None:
    assert split_for_telegram("hallo", 10) == ["hallo"]


def test_split_prefers_paragraphs() -> None:
    assert split_for_telegram("aaaa bbbb\n\ncccc dddd", 12) == ["aaaa bbbb", "cccc dddd"]


def test_a_word_longer_than_the_limit_is_cut() -> None:
    assert split_for_telegram("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=20, max_value=500))
def test_every_piece_fits_and_no_letter_is_lost(text: str, limit: int) -> None:
    pieces = split_for_telegram(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


def test_cap_marks_the_cut() -> None:
    assert cap("abcdef", 4) == "abc…"
    assert cap(" ab ", 4) == "ab"


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        split_for_telegram("x", 0)


@pytest.mark.parametrize("text", ["Sam", "Anne-Marie", "Jan Willem", "Zoë", "  sam  "])
def test_a_first_name_is_taken_as_typed(text: str) -> None:
    assert first_name(text) == " ".join(text.split())


@pytest.mark.parametrize(
    "text", ["mijn dochter praat over doodgaan", "Sam123", "", "sam :)", "x" * 41]
)
def test_a_sentence_or_symbols_are_no_first_name(text: str) -> None:
    assert first_name(text) is None


@pytest.mark.parametrize(
    ("text", "name"), [("Dan", "Dan"), ("ik ben Dan", "Dan"), ("Hi Sam", "Sam")]
)
def test_a_name_that_is_also_a_small_word_is_a_name(text: str, name: str) -> None:
    assert first_name(text) == name
