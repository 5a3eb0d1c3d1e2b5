"""Crisis detection: every tuning line, the held-out recall, and the normalising it relies on."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from bot.core.crisis import CrisisKind, CrisisSignal, detect_crisis

CASES = Path(__file__).parent / "crisis_cases"


@dataclasses.dataclass(frozen=True)
class Case:
    crisis: bool
    kinds: frozenset[CrisisKind]
    text: str


def load(name: str) -> list[Case]:
    """Rows of expected (crisis|none), kind (comma list or -), text."""
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Case(
                crisis=row["expected"] == "crisis",
                kinds=frozenset(CrisisKind(k) for k in row["kind"].split(",") if k != "-"),
                text=row["text"],
            )
            for row in rows
        ]


TUNING = load("tuning.tsv")
HELDOUT = load("heldout.tsv")


def kinds_of(text: str) -> frozenset[CrisisKind]:
    signal = detect_crisis(text)
    return frozenset() if signal is None else signal.kinds


# --- the case files ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", TUNING, ids=[c.text[:60] for c in TUNING])
def test_tuning_case(case: Case) -> None:
    signal = detect_crisis(case.text)
    if case.crisis:
        assert signal is not None, "missed a cry for help"
        assert case.kinds <= signal.kinds
    else:
        assert signal is None, f"false alarm: {sorted(signal.kinds)}"


def test_heldout_recall_is_complete() -> None:
    """Measured, never tuned on: a miss here is reported, not patched line by line."""
    misses = [c.text for c in HELDOUT if c.crisis and detect_crisis(c.text) is None]
    assert misses == []


def test_case_files_are_big_enough_and_apart() -> None:
    assert sum(c.crisis for c in HELDOUT) >= 40
    assert sum(not c.crisis for c in HELDOUT) >= 25
    assert sum(c.crisis for c in TUNING) >= 45
    assert sum(not c.crisis for c in TUNING) >= 30
    for cases in (TUNING, HELDOUT):
        assert all(c.kinds for c in cases if c.crisis)
        assert not any(c.kinds for c in cases if not c.crisis)
    assert not {c.text for c in TUNING} & {c.text for c in HELDOUT}


def test_tuning_texts_are_unique() -> None:
    texts = [c.text for c in TUNING]
    assert len(texts) == len(set(texts))


# --- normalising ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["suïcide", "zelfmóórd", "ik wíl dóód", "SUÏCIDAAL", "ik wil er niet meer zijn"],
)
def test_accents_and_case_do_not_matter(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize("text", ["ik wil dooooood", "ik willlll dood", "zelfmooooord", "kmsss"])
def test_stretched_letters_are_read_as_the_word(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("k wil nie meer", CrisisKind.SUICIDE),
        ("m’n stiefvader zit aan me", CrisisKind.SEXUAL_ABUSE),
        ("mn pa slaat me", CrisisKind.VIOLENCE_AT_HOME),
        ("ik wil d00d", CrisisKind.SUICIDE),
        ("ik wil... dood", CrisisKind.SUICIDE),
        ("i’m gonna kill myself", CrisisKind.SUICIDE),
    ],
)
def test_chat_spelling(text: str, kind: CrisisKind) -> None:
    assert kind in kinds_of(text)


def test_a_distance_in_kms_is_not_a_crisis() -> None:
    assert detect_crisis("we hebben 10 kms gefietst") is None


# --- kinds ---------------------------------------------------------------------------------------


def test_every_kind_found_in_one_message_is_reported() -> None:
    kinds = kinds_of("mijn vader slaat me en ik wil dood. gisteren heb ik pillen geslikt")
    assert {CrisisKind.VIOLENCE_AT_HOME, CrisisKind.SUICIDE, CrisisKind.ACUTE_DANGER} <= kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mijn dochter van 14 zegt dat ze dood wil", CrisisKind.SUICIDE),
        ("mijn zoon snijdt zich", CrisisKind.SELF_HARM),
        ("hij slaat ons", CrisisKind.VIOLENCE_AT_HOME),
        ("mijn kind wordt misbruikt", CrisisKind.SEXUAL_ABUSE),
        ("hij staat met een mes voor de deur", CrisisKind.ACUTE_DANGER),
        ("ze heeft een overdosis genomen", CrisisKind.ACUTE_DANGER),
    ],
)
def test_each_kind(text: str, kind: CrisisKind) -> None:
    assert kind in kinds_of(text)


def test_a_signal_is_frozen_and_never_empty() -> None:
    signal = detect_crisis("ik wil dood")
    assert isinstance(signal, CrisisSignal)
    assert signal.kinds
    with pytest.raises(dataclasses.FrozenInstanceError):
        signal.kinds = frozenset()  # type: ignore[misc]


# --- edges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\t", "😀", "...", "?"])
def test_nothing_to_read_is_no_crisis(text: str) -> None:
    assert detect_crisis(text) is None


def test_a_long_message_with_a_crisis_phrase_in_the_middle() -> None:
    filler = "Mijn zoon gamet veel en slaapt slecht, we hebben ruzie over zijn telefoon. "
    half = filler * 27
    text = f"{half}Soms zegt hij dat hij niet meer wil leven. {half}"
    assert 3_900 <= len(text) <= 4_100
    assert CrisisKind.SUICIDE in kinds_of(text)
    assert detect_crisis(half + half) is None


def test_a_figure_of_speech_elsewhere_does_not_hide_a_real_signal() -> None:
    text = "ik ga dood van het lachen om die serie. maar eerlijk: ik wil gewoon dood"
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik ga dood van het lachen",
        "die toets was moordend",
        "ik schrok me dood",
        "doodmoe",
        "m'n telefoon is dood",
        "killing it",
        "dying to see it",
        "ik word gek van mijn puber",
        "mijn zoon slaat dicht als ik iets vraag",
        "hij sloeg de deur dicht",
        "slaapt slecht",
        "gamet de hele nacht",
        "de kat is dood",
        "kan ik volgende week een afspraak maken?",
    ],
)
def test_figures_of_speech_and_ordinary_worries(text: str) -> None:
    assert detect_crisis(text) is None
