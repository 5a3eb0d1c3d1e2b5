import pytest

from bot.core.age import parse_age


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("14", 14),
        (" 14 jaar", 14),
        ("ze is 9", 9),
        ("veertien", 14),
        ("Vijftien!", 15),
        ("fourteen", 14),
        ("een dochter van 14", 14),
        ("0", 0),
    ],
)
def test_parse_age_reads_digits_and_number_words(text: str, age: int) -> None:
    assert parse_age(text) == age


@pytest.mark.parametrize("text", ["", "weet ik niet", "12 of 13", "999", "-", "🙂", "x" * 4000])
def test_parse_age_refuses_nonsense_and_ambiguity(text: str) -> None:
    assert parse_age(text) is None


@pytest.mark.parametrize(
    ("text", "age"), [("bijna 16", 15), ("ze is bijna twaalf", 11), ("almost 18", 17)]
)
def test_almost_an_age_is_the_year_before(text: str, age: int) -> None:
    assert parse_age(text) == age
