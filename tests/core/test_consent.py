import pytest

from bot.core.consent import AgeBracket, AgeOutcome, age_bracket, age_outcome
from bot.core.models import Language, Role, language_from_telegram


@pytest.mark.parametrize(
    ("age", "bracket"),
    [
        (0, AgeBracket.UNDER_12),
        (11, AgeBracket.UNDER_12),
        (12, AgeBracket.FROM_12_TO_15),
        (15, AgeBracket.FROM_12_TO_15),
        (16, AgeBracket.FROM_16_TO_17),
        (17, AgeBracket.FROM_16_TO_17),
        (18, AgeBracket.FROM_18_TO_25),
        (25, AgeBracket.FROM_18_TO_25),
        (26, AgeBracket.OVER_25),
    ],
)
def test_age_bracket_follows_the_wgbo_ages(age: int, bracket: AgeBracket) -> None:
    assert age_bracket(age) is bracket


@pytest.mark.parametrize(
    ("role", "age", "outcome"),
    [
        (Role.YOUNGSTER, 11, AgeOutcome.TOO_YOUNG_ALONE),
        (Role.YOUNGSTER, 12, AgeOutcome.WELCOME),
        (Role.YOUNGSTER, 25, AgeOutcome.WELCOME),
        (Role.YOUNGSTER, 26, AgeOutcome.TOO_OLD),
        (Role.PARENT, 3, AgeOutcome.WELCOME),
        (Role.PARENT, 15, AgeOutcome.WELCOME),
        (Role.PARENT, 16, AgeOutcome.YOUNGSTER_DECIDES),
        (Role.PARENT, 18, AgeOutcome.YOUNGSTER_DECIDES),
        (Role.PARENT, 30, AgeOutcome.TOO_OLD),
    ],
)
def test_age_outcome_routes_by_role_and_age(role: Role, age: int, outcome: AgeOutcome) -> None:
    assert age_outcome(role, age) is outcome


@pytest.mark.parametrize(
    ("code", "language"),
    [("en", Language.EN), ("en-GB", Language.EN), ("nl", Language.NL), ("de", Language.NL),
     (None, Language.NL), ("", Language.NL)],
)  # fmt: skip
def test_telegram_language_is_dutch_unless_it_starts_with_en(
    code: str | None, language: Language
) -> None:
    assert language_from_telegram(code) is language
