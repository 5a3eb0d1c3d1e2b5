"""Who decides, by age (WGBO), and who may use the bot for whom."""

from __future__ import annotations

from enum import StrEnum

from bot.core.models import Role

YOUNGEST_YOUNGSTER = 12
OLDEST_YOUNGSTER = 25
OLDEST_AGE_ACCEPTED = 120


class AgeBracket(StrEnum):
    """The brackets where the rules change; the exact age is kept only for the specialist."""

    UNDER_12 = "under_12"  # parents decide; the bot talks with the parent
    FROM_12_TO_15 = "12_15"  # youngster and parents both consent to treatment
    FROM_16_TO_17 = "16_17"  # the youngster decides alone
    FROM_18_TO_25 = "18_25"  # adult; JIP and adult options too
    OVER_25 = "over_25"  # outside youth care


def age_bracket(age: int) -> AgeBracket:
    if age < 12:
        return AgeBracket.UNDER_12
    if age < 16:
        return AgeBracket.FROM_12_TO_15
    if age < 18:
        return AgeBracket.FROM_16_TO_17
    if age <= OLDEST_YOUNGSTER:
        return AgeBracket.FROM_18_TO_25
    return AgeBracket.OVER_25


class AgeOutcome(StrEnum):
    """What onboarding does with an answered age."""

    WELCOME = "welcome"  # go on
    TOO_YOUNG_ALONE = "too_young_alone"  # a child under 12: help goes through the parent
    TOO_OLD = "too_old"  # over 25: the GP, not the youth specialist
    YOUNGSTER_DECIDES = "youngster_decides"  # a parent of a 16+: go on, but the youngster decides


def age_outcome(role: Role, age: int) -> AgeOutcome:
    bracket = age_bracket(age)
    if role is Role.YOUNGSTER:
        if bracket is AgeBracket.UNDER_12:
            return AgeOutcome.TOO_YOUNG_ALONE
        if bracket is AgeBracket.OVER_25:
            return AgeOutcome.TOO_OLD
        return AgeOutcome.WELCOME
    if bracket is AgeBracket.OVER_25:
        return AgeOutcome.TOO_OLD
    if bracket in (AgeBracket.FROM_16_TO_17, AgeBracket.FROM_18_TO_25):
        return AgeOutcome.YOUNGSTER_DECIDES
    return AgeOutcome.WELCOME


def is_valid_age(age: int) -> bool:
    return 0 <= age <= OLDEST_AGE_ACCEPTED
