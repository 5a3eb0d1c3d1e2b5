"""Kinds of talk per practice: lengths, places, groups, and which kind a person gets."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.booking import (
    DEFAULT_TALKS,
    BookingOptions,
    Kind,
    Mode,
    TalkType,
    TalkTypes,
    kind_of_talk,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_the_defaults_are_todays_talks_at_the_practice() -> None:
    assert DEFAULT_TALKS.of(Kind.INTAKE) == TalkType(timedelta(minutes=45), (Mode.PRACTICE,))
    assert DEFAULT_TALKS.of(Kind.FOLLOWUP).minutes == 30


def test_one_place_is_not_asked_about() -> None:
    assert not TalkType(timedelta(minutes=30), (Mode.PHONE,)).asks_mode
    assert TalkType(timedelta(minutes=30), (Mode.PRACTICE, Mode.PHONE)).asks_mode


@pytest.mark.parametrize(
    ("length", "modes"),
    [
        (timedelta(0), (Mode.PRACTICE,)),
        (timedelta(minutes=30), ()),
        (timedelta(minutes=30), (Mode.PHONE, Mode.PHONE)),
    ],
)
def test_a_talk_needs_a_length_and_distinct_places(
    length: timedelta, modes: tuple[Mode, ...]
) -> None:
    with pytest.raises(ValueError, match="place"):
        TalkType(length, modes)


def test_a_practice_not_in_the_options_gets_the_default_talks() -> None:
    options = BookingOptions(talks={"linde": TalkTypes(intake=TalkType(timedelta(minutes=60)))})
    assert options.talks_at("linde").intake.minutes == 60
    assert options.talks_at("elders") == DEFAULT_TALKS


def test_a_group_lists_the_own_practice_first_then_the_others_in_file_order() -> None:
    options = BookingOptions(
        groups={"eik": "noord", "linde": "noord", "beuk": "zuid", "es": "noord"}
    )
    assert options.group_of("linde") == ("linde", "eik", "es")
    assert options.group_of("beuk") == ("beuk",)
    assert options.group_of("nergens") == ("nergens",)


def test_the_first_talk_is_a_kennismakingsgesprek() -> None:
    assert kind_of_talk([], NOW) is Kind.INTAKE
    assert kind_of_talk([NOW + timedelta(days=2)], NOW) is Kind.INTAKE


def test_a_talk_after_one_that_took_place_is_a_vervolggesprek() -> None:
    assert kind_of_talk([NOW - timedelta(days=7)], NOW) is Kind.FOLLOWUP
