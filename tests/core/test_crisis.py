"""Crisis detection: every tuning line, the held-out recall, and the normalising it relies on."""

from __future__ import annotations

import csv
import dataclasses
import time
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
    """Measured, never tuned on: a miss here is counted, never shown, so it is not patched line
    by line; improve the family of phrasings in the tuning set instead."""
    misses = sum(c.crisis and detect_crisis(c.text) is None for c in HELDOUT)
    assert misses == 0, f"{misses} held-out crisis line(s) missed"


def test_case_files_are_big_enough_and_apart() -> None:
    assert sum(c.crisis for c in HELDOUT) >= 40
    assert sum(not c.crisis for c in HELDOUT) >= 25
    assert sum(c.crisis for c in TUNING) >= 45
    assert sum(not c.crisis for c in TUNING) >= 30
    for cases in (TUNING, HELDOUT):
        assert all(c.kinds for c in cases if c.crisis)
        assert not any(c.kinds for c in cases if not c.crisis)
    shared = len({c.text for c in TUNING} & {c.text for c in HELDOUT})
    assert shared == 0, f"{shared} line(s) in both sets"


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
        ("k wil nie mr", CrisisKind.SUICIDE),
        ("k zie t nie mr zitte", CrisisKind.SUICIDE),
        ("i dont feel safe at home", CrisisKind.VIOLENCE_AT_HOME),
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


def test_a_long_message_with_stretched_letters_in_one_clause() -> None:
    filler = "Mijn zoon gamet veel en slaapt slecht, we hebben ruzie over zijn telefoon. "
    text = f"{filler * 27}Neeee, ik willl dood. {filler * 27}"
    assert CrisisKind.SUICIDE in kinds_of(text)


def test_a_long_message_is_fast() -> None:
    """It runs on every message; Telegram allows 4096 characters."""
    filler = "Mijn zoon gamet veel en slaapt slecht, we hebben ruzie over zijn telefoon. "
    texts = [(filler * 60)[:4096], ("ik " * 1400)[:4096], ("neeee hoooi. " * 400)[:4096]]
    for text in texts:
        best = min(_seconds(text) for _ in range(3))
        assert best < 0.05, f"{best * 1000:.0f} ms for {len(text)} characters"


def _seconds(text: str) -> float:
    start = time.perf_counter()
    detect_crisis(text)
    return time.perf_counter() - start


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


# --- families the reviewer found: each a behaviour, not a string ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ik voel me niet veilig thuis",
        "ik voel me onveilig thuis",
        "ik voel me thuis niet veilig",
        "het is thuis niet veilig",
        "mijn zoon voelt zich niet veilig bij zijn vader",
        "ik durf niet meer naar huis",
        "i don't feel safe at home",
        "home isn't safe for me",
    ],
)
def test_not_safe_at_home(text: str) -> None:
    assert CrisisKind.VIOLENCE_AT_HOME in kinds_of(text)


@pytest.mark.parametrize("text", ["ik voel me niet veilig", "ik voel me nergens meer veilig"])
def test_not_safe_without_saying_where_is_acute(text: str) -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of(text)


def test_unsafe_somewhere_else_is_not_a_crisis() -> None:
    assert detect_crisis("mijn dochter voelt zich niet veilig in het verkeer") is None


@pytest.mark.parametrize(
    "text",
    [
        "ik zie geen uitweg meer",
        "er is geen uitweg",
        "de dood is de enige uitweg",
        "ik zie het leven niet meer zitten",
        "ik heb geen hoop meer",
        "i see no way out",
        "whats the point of living",
    ],
)
def test_no_way_out(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text", ["selfmoord", "zelmoord", "zelfmoort", "zelfmord", "zelvmoord", "selfdoding", "sucide"]
)
def test_misspellings_of_suicide(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


def test_a_word_that_only_looks_like_it_is_not() -> None:
    assert detect_crisis("ze smoorde het vlees") is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb ze allemaal ingenomen",
        "ik heb alle pillen geslikt",
        "een hele strip paracetamol geslikt",
        "ik heb 2 strips paracetamol geslikt",
        "i took them all",
        "took all my pills",
    ],
)
def test_an_overdose_with_or_without_naming_the_pills(text: str) -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter heeft haar antibiotica allemaal ingenomen zoals de dokter zei",
        "de juf heeft ze allemaal ingenomen",
        "i took them all to the park",
    ],
)
def test_all_of_them_taken_in_another_sense(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "mijn kind is bang om dood te gaan",
        "ik ben bang dat ik doodga",
        "ze heeft angst om te sterven sinds opa overleed",
        "my son is scared of dying",
    ],
)
def test_fear_of_dying_is_not_a_wish_to_die(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik ben niet bang om dood te gaan",
        "ik ben bang dat ik mezelf iets aandoe",
        "ik ben bang dat ik dood wil",
    ],
)
def test_fear_denied_or_of_oneself_is_still_a_signal(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik heb me gesneden aan papier",
        "ik heb me gesneden met een mes bij het koken",
        "ze heeft zich gesneden aan glas",
        "i cut myself on a piece of paper",
    ],
)
def test_an_accident_is_not_self_harm(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb me expres gesneden aan een glas",
        "ik heb me gesneden aan papier en snij mezelf ook expres",
    ],
)
def test_on_purpose_is_self_harm_whatever_the_blade(text: str) -> None:
    assert CrisisKind.SELF_HARM in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    ["zelfmoordactie op het voetbalveld", "wat een zelfmoordpass", "that was a suicide pass"],
)
def test_a_reckless_action_in_sports_slang_is_not_suicide(text: str) -> None:
    assert detect_crisis(text) is None


def test_the_slang_exclusion_is_about_that_word_only() -> None:
    text = "wat een zelfmoordactie van de keeper, ik denk zelf ook aan zelfmoord"
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "mn moeder vermoordt me haha",
        "mijn vader vermoordt me als hij dit ziet",
        "ik ben te laat, mijn moeder vermoordt me",
        "ik moet naar huis anders vermoordt mijn moeder me",
        "my mom is going to kill me lol",
    ],
)
def test_a_parent_who_will_kill_me_is_a_figure_of_speech(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "mijn vader dreigt me te vermoorden",
        "hij zegt dat hij me vermoordt",
        "help mijn vader vermoordt me",
        "mijn vader vermoordt me als ik iets vertel",
        "mijn stiefvader vermoordt me",
        "my dad threatened to kill me",
    ],
)
def test_a_threat_to_kill_is_not(text: str) -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of(text)


@pytest.mark.parametrize("text", ["mn moeder vermoordt me", "my dad is going to kill me"])
def test_a_parent_who_will_kill_me_said_bare_gets_the_card(text: str) -> None:
    assert detect_crisis(text) is not None


# --- families from the end-to-end review: chat spelling, overdose now, sextortion, a child ----


@pytest.mark.parametrize(
    "text",
    [
        "ik wil zm plegen",
        "ik denk aan zm",
        "ik heb zm gedachtes",
        "zm-gedachten komen weer terug",
        "ik wil zm",
        "ik wil zlfmoord plegen",
        "ik wil suïcide plegen",
        "ik wil mijn leven beëindigen",
        "ik wil een eind aan alles maken",
        "ik wil stoppen met leven",
    ],
)
def test_zm_and_other_spellings_of_suicide(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize("text", ["tot zm", "ik ga zm", "ik bel je zm", "ik ga het zm doen"])
def test_zm_as_zo_meteen_is_not_suicide(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize("text", ["kys", "just kys", "kill urself", "i wanna kms"])
def test_kys_and_kms(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik neem al mijn pillen in",
        "ik slik alle pillen",
        "ik ga al mn medicijnen innemen",
        "ik wil alle pillen nemen",
        "ik slik een hele doos paracetamol",
        "i'm going to take all my pills",
        "i'm taking all my pills tonight",
    ],
)
def test_an_overdose_said_now_or_about_to_happen(text: str) -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik neem mijn pillen in",
        "ik heb pillen voor hooikoorts ingenomen",
        "mijn dochter neemt al haar pillen netjes in",
        "mijn dochter moet veel medicijnen slikken",
        "heeft hij al zijn pillen ingenomen vandaag?",
        "ik neem alle pillen mee op vakantie",
        "ik slik al jaren de pil",
        "i take all my meds in the morning",
    ],
)
def test_pills_taken_as_usual_are_not_an_overdose(text: str) -> None:
    assert detect_crisis(text) is None


def test_a_quantity_still_counts_when_the_pills_are_for_an_ailment() -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of("ik heb alle pillen voor hooikoorts ingenomen")


@pytest.mark.parametrize(
    "text",
    [
        "ik word gechanteerd met een naaktfoto",
        "ik word afgeperst met een filmpje van mij",
        "hij dreigt mijn naaktfoto's te verspreiden",
        "hij zet mijn fotos online als ik niet betaal",
        "ik word gechanteerd",
        "someone is blackmailing me with nudes",
        "i'm being sextorted",
    ],
)
def test_sextortion_and_image_abuse(text: str) -> None:
    assert CrisisKind.SEXUAL_ABUSE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "hij dreigt het filmpje van de verjaardag te verspreiden",
        "mijn moeder dreigt mijn telefoon af te pakken als ik mijn fotos online zet",
        "mijn zoon gebruikt emotionele chantage om zijn zin te krijgen",
        "ik heb een filmpje van mij gemaakt voor tiktok",
    ],
)
def test_pictures_without_blackmail_are_not_sextortion(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter praat over doodgaan",
        "mijn zoon heeft het steeds over doodgaan",
        "mijn kind zegt dat het dood wil",
        "mijn dochter zegt dat ze wou dat ze dood was",
        "mijn zoon zegt dat iedereen beter af is zonder hem",
        "my son keeps talking about dying",
        "my kid says she wishes she was dead",
    ],
)
def test_a_child_who_talks_about_dying(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter is bang om dood te gaan",
        "we praten over de dood van opa",
        "mijn zoon heeft het steeds over de dood van opa",
        "hoe praat ik met mijn kind over de dood?",
        "mijn dochter praat veel over zichzelf",
        "my son keeps talking about his grandpa dying",
    ],
)
def test_grief_fear_or_a_talk_about_death_is_not(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik doe mezelf iets aan",
        "soms doe ik mezelf iets aan",
        "mijn dochter doet zichzelf iets aan",
        "kdoe mezelf wat aan",
        "ik wil mezelf iets aandoen",
        "i hurt myself",
        "i want to hurt myself",
    ],
)
def test_doing_oneself_something_is_self_harm_with_the_verb_first_too(text: str) -> None:
    assert CrisisKind.SELF_HARM in kinds_of(text)


def test_putting_on_something_nice_is_not_self_harm() -> None:
    assert detect_crisis("ik doe vanavond iets leuks aan") is None


@pytest.mark.parametrize(
    "text", ["ik pleeg zm", "ik overweeg zm", "ik ga zm plegen", "hij overweegt echt zm"]
)
def test_zm_with_committing_or_considering_is_suicide(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text", ["zm", "ik pleeg zm even een telefoontje", "ik overweeg zm te gaan"]
)
def test_zm_as_zo_meteen_with_a_verb_is_still_not_suicide(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb 30 pillen op",
        "ik heb al mijn pillen op",
        "ik heb een hele strip op",
        "ze heeft een heel doosje paracetamol op",
        "i took 20 pills",
    ],
)
def test_an_overdose_said_with_op_is_taken(text: str) -> None:
    assert CrisisKind.ACUTE_DANGER in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn pillen zijn op",
        "ik heb al mijn pillen op, ik moet naar de apotheek",
        "ik heb een hele zak chips op",
    ],
)
def test_pills_run_out_or_food_eaten_up_is_not_an_overdose(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "my son talks about death since grandpa died",
        "mijn dochter praat veel over de dood sinds opa overleed",
        "sinds oma is overleden heeft mijn zoon het vaak over de dood",
    ],
)
def test_talk_about_death_after_a_death_in_the_family_is_grief(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter praat over doodgaan sinds opa overleed",
        "my son talks about dying since grandpa died",
        "mijn zoon praat steeds over de dood",
    ],
)
def test_talk_about_dying_oneself_fires_even_when_grieving(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "hij is afgeperst door oplichters via marktplaats",
        "ik word afgeperst om geld voor een gameaccount",
        "scammers are blackmailing my son over a game account",
    ],
)
def test_blackmail_by_scammers_without_pictures_is_not_sextortion(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik word afgeperst om geld, hij heeft naaktfotos van me",
        "mijn zoon wordt afgeperst voor geld. het gaat om een video die hij stuurde",
        "i'm being blackmailed for money, he has pics of me",
        "ik word afgeperst om geld, hij zegt dat het over seks gaat",
    ],
)
def test_blackmail_over_money_with_a_picture_or_sex_anywhere_is_sextortion(text: str) -> None:
    assert CrisisKind.SEXUAL_ABUSE in kinds_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter praat over de dood sinds opa overleed, ze wil bij opa zijn",
        "hij wil naar oma in de hemel",
        "since grandpa died she talks about death and wants to be with him",
    ],
)
def test_grief_that_wants_to_follow_the_dead_fires(text: str) -> None:
    assert CrisisKind.SUICIDE in kinds_of(text)


def test_wanting_to_be_with_a_living_grandmother_is_not() -> None:
    assert detect_crisis("ik wil dit weekend bij oma zijn") is None


@pytest.mark.parametrize(
    "text",
    ["mijn zoon wordt afgeperst, ze willen 500 euro", "someone is blackmailing my son for money"],
)
def test_blackmail_for_money_alone_gets_the_card(text: str) -> None:
    assert detect_crisis(text) is not None
