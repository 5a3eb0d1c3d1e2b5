"""Matching typed questions to topics, on a small library written for these tests."""

import pytest

from bot.content import load_indexes
from bot.core.faq import (
    Match,
    Topic,
    TopicIndex,
    best_and_alternatives,
    normalise,
    stems,
    words,
)
from bot.core.models import Language


def _topic(
    topic_id: str,
    title: str,
    keywords: tuple[str, ...],
    answer: str = "p",
    examples: tuple[str, ...] = (),
) -> Topic:
    return Topic(
        topic_id, "feelings", title, keywords, answer, "y", "w", "s", "https://x.nl", examples
    )


LIBRARY = [
    _topic("sleep", "Slecht slapen", ("slapen", "inslapen", "nacht wakker", "nachtmerrie", "moe")),
    _topic("bullying", "Pesten", ("gepest", "pesten", "uitgescholden", "buitengesloten")),
    _topic("screen_time", "Schermtijd en gamen", ("gamen", "telefoon", "schermtijd", "mobiel")),
]


@pytest.fixture(scope="module")
def index() -> TopicIndex:
    return TopicIndex(LIBRARY, "nl")


def test_normalise_strips_case_accents_and_stretched_letters() -> None:
    assert normalise("HEEEEL Moeë") == "heel moee"


def test_normalise_drops_apostrophes() -> None:
    assert normalise("can't z'n") == "cant zn"


def test_stems_drop_stopwords() -> None:
    assert stems("ik slaap slecht", "nl") == ["slaap", "slecht"]


def test_a_plain_question_finds_its_topic(index: TopicIndex) -> None:
    assert index.match("mijn zoon kan niet slapen")[0].topic_id == "sleep"


def test_word_forms_match_through_stemming(index: TopicIndex) -> None:
    assert index.match("hij wordt steeds gepest op school")[0].topic_id == "bullying"


def test_a_typo_still_matches(index: TopicIndex) -> None:
    assert index.match("ze word uitgescholdne")[0].topic_id == "bullying"


@pytest.mark.parametrize(
    ("text", "topic_id"),
    [("hij heeft slaapproblemen", "sleep"), ("last van cyberpesten", "bullying")],
)
def test_a_keyword_inside_a_compound_matches(index: TopicIndex, text: str, topic_id: str) -> None:
    assert index.match(text)[0].topic_id == topic_id


def test_one_changed_letter_in_a_short_word_is_no_typo() -> None:
    index = TopicIndex([_topic("bullying", "Pesten", ("pester",))], "nl")
    assert index.match("mijn peuter") == []


def test_a_word_under_five_letters_is_no_typo() -> None:
    index = TopicIndex([_topic("alcohol", "Alcohol", ("drank",))], "nl")
    assert index.match("dank je wel") == []


def test_a_word_the_library_uses_is_no_typo() -> None:
    library = [
        _topic("shy", "Verlegen", ("verlegen",)),
        _topic("grief", "Rouw", ("rouw",), answer="Praat samen over het verleden."),
    ]
    index = TopicIndex(library, "nl")
    assert index.match("hij is verlgen")[0].topic_id == "shy"
    assert all(m.topic_id != "shy" for m in index.match("over het verleden"))


def test_words_of_the_answer_break_a_tie() -> None:
    library = [
        _topic("a", "A", ("moe",), answer="Te laat naar bed."),
        _topic("b", "B", ("moe",), answer="Te veel sport."),
    ]
    assert TopicIndex(library, "nl").match("moe van sport")[0].topic_id == "b"


def test_without_a_keyword_two_telling_words_of_the_answer_are_needed() -> None:
    library = [
        _topic("a", "A", ("x",), answer="Een peuter kijkt graag tv."),
        *(_topic(f"o{n}", "O", ("y",), answer="Iets anders.") for n in range(4)),
    ]
    index = TopicIndex(library, "nl")
    assert index.match("mag een peuter tv kijken")[0].topic_id == "a"
    assert index.match("mijn peuter") == []


def test_a_phrase_of_small_words_must_be_typed_as_written() -> None:
    library = [
        _topic("suicide", "Zelfdoding", ("er niet meer zijn",)),
        _topic("school", "School", ("school",)),
    ]
    index = TopicIndex(library, "nl")
    assert index.match("ik wil er niet meer zijn")[0].topic_id == "suicide"
    ranked = index.match("ik wil niet meer naar school")
    assert [m.topic_id for m in ranked if not m.offered] == ["school"]


def test_a_phrase_outweighs_a_single_word(index: TopicIndex) -> None:
    ranked = index.match("ligt de hele nacht wakker met zijn telefoon")
    assert ranked[0].topic_id == "sleep"
    assert ranked[1].topic_id == "screen_time"


def test_nothing_matches_unrelated_text(index: TopicIndex) -> None:
    assert index.match("wanneer is de praktijk open") == []


def test_best_and_alternatives_need_a_minimum_score() -> None:
    assert best_and_alternatives([Match("a", 0.5)]) == (None, [])


def test_alternatives_are_at_most_two_and_close_enough() -> None:
    ranked = [Match("a", 4.0), Match("b", 2.0), Match("c", 1.7), Match("d", 1.6)]
    best, others = best_and_alternatives(ranked)
    assert best == Match("a", 4.0)
    assert others == [Match("b", 2.0), Match("c", 1.7)]


def test_an_offered_alternative_is_shown_whatever_its_score() -> None:
    ranked = [Match("a", 9.0), Match("b", 1.0, offered=True)]
    assert best_and_alternatives(ranked) == (Match("a", 9.0), [Match("b", 1.0, offered=True)])


def test_places_beside_a_clear_best_are_filled_with_the_most_similar_topics() -> None:
    ranked = load_indexes()[Language.NL].match("mijn kind slaapt slecht")
    assert [m.topic_id for m in ranked[:1]] == ["sleep"]
    assert len(ranked) == 3
    assert ranked[-1].offered


def test_a_topic_sharing_a_word_piece_by_chance_is_not_offered_as_a_filler() -> None:
    ranked = load_indexes()[Language.NL].match("ik ben mijn wachtwoord vergeten")
    assert "eating_body" not in [m.topic_id for m in ranked]


def test_nothing_is_filled_in_beside_an_unclear_best() -> None:
    assert load_indexes()[Language.NL].match("wanneer is de praktijk open") == []


def test_chat_spelling_is_written_out() -> None:
    assert words("mn zoon slaapt nie ff", "nl") == ["zoon", "slaapt", "even"]


def test_everyday_words_are_written_as_the_library_writes_them() -> None:
    assert words("mama en papa", "nl") == ["moeder", "vader"]
    assert words("my mom and dad", "en") == ["mother", "father"]


def test_chat_spelling_reaches_a_keyword() -> None:
    index = TopicIndex([_topic("divorce", "Scheiding", ("moeder", "scheiding"))], "nl")
    assert index.match("mn mama")[0].topic_id == "divorce"


EXAMPLES = [
    _topic("grief", "Rouw", ("rouw",), examples=("mijn opa is gestorven en ik mis hem",)),
    _topic("school", "School", ("school",), examples=("ik heb veel huiswerk",)),
]


def test_a_question_without_a_keyword_finds_a_close_example() -> None:
    index = TopicIndex(EXAMPLES, "nl")
    assert index.match("ik mis mijn opa zo erg")[0].topic_id == "grief"


def test_one_shared_word_with_an_example_is_too_little() -> None:
    index = TopicIndex(EXAMPLES, "nl")
    assert index.match("mijn opa komt morgen") == []


def test_an_example_breaks_a_tie_between_keywords() -> None:
    library = [
        _topic("a", "A", ("moe",), examples=("de hele dag moe van het sporten",)),
        _topic("b", "B", ("moe",), examples=("moe omdat ik laat naar bed ga",)),
    ]
    assert TopicIndex(library, "nl").match("moe want ik ga laat naar bed")[0].topic_id == "b"


@pytest.mark.parametrize(
    "text",
    ["hoi", "dank je wel", "wanneer is de praktijk open", "mijn zoon heeft oorpijn", "test"],
)
def test_everyday_text_opens_no_tip_in_the_real_library(text: str) -> None:
    best, _ = best_and_alternatives(load_indexes()[Language.NL].match(text))
    assert best is None


@pytest.mark.parametrize(
    "text", ["thanks", "my son has a fever", "can you call me back", "my knee is fat and sore"]
)
def test_everyday_english_text_opens_no_tip_in_the_real_library(text: str) -> None:
    best, _ = best_and_alternatives(load_indexes()[Language.EN].match(text))
    assert best is None


def test_words_spread_over_two_examples_of_a_topic_find_it() -> None:
    library = [
        _topic(
            "grief",
            "Rouw",
            ("rouw",),
            examples=("mijn opa is gestorven", "ik mis mijn oma", "de begrafenis was zwaar"),
        ),
        _topic("school", "School", ("school",), examples=("ik heb veel huiswerk",)),
    ]
    assert TopicIndex(library, "nl").match("opa begrafenis")[0].topic_id == "grief"


def test_a_phrase_matches_whatever_form_of_zijn_is_typed() -> None:
    library = [
        _topic("suicide", "Zelfdoding", ("er niet meer zijn",)),
        _topic("school", "School", ("school",)),
    ]
    assert TopicIndex(library, "nl").match("als ik er niet meer ben")[0].topic_id == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "goedemorgen, ik wil graag een herhaalrecept",
        "mijn dochter heeft koorts en hoest al drie dagen",
        "waar kan ik parkeren bij de praktijk",
        "de bus was weer te laat vanochtend",
        "mijn knie is dik",
    ],
)
def test_more_everyday_text_opens_no_tip_in_the_real_library(text: str) -> None:
    best, _ = best_and_alternatives(load_indexes()[Language.NL].match(text))
    assert best is None


def test_words_named_in_passing_do_not_outrank_the_worry_itself() -> None:
    library = [
        _topic(
            "bullying",
            "Pesten",
            ("gepest",),
            examples=("jongens wachten hem op na school en slaan hem",),
        ),
        _topic("sleep", "Slecht slapen", ("slapen", "moe", "wakker", "nachtmerrie")),
    ]
    text = "jongens wachten hem na school op en slaan hem, hij is moe, ligt wakker, slaapt slecht"
    assert TopicIndex(library, "nl").match(text)[0].topic_id == "bullying"


@pytest.mark.parametrize("text", ["mijn dochter wil niet meer eten", "hij is heel boos"])
def test_danger_topics_are_never_offered_as_a_filler(text: str) -> None:
    index = load_indexes()[Language.NL]
    best, others = best_and_alternatives(index.match(text))
    safety = {t.id for t in index.topics.values() if t.category == "safety"}
    assert best is not None and best.topic_id not in safety
    assert not {m.topic_id for m in others} & safety


def test_a_real_word_is_not_read_as_a_typo_of_a_keyword() -> None:
    library = [_topic("abuse", "Misbruik", ("aanzitten",)), _topic("school", "School", ("school",))]
    index = TopicIndex(library, "nl")
    assert index.match("moet ik mijn webcam aanzetten") == []
    assert index.match("hij blijft me aanziten")[0].topic_id == "abuse"


def test_a_message_more_like_everyday_chat_than_like_the_topic_opens_no_tip() -> None:
    library = [
        _topic(
            "screens", "Schermen", ("telefoon",), examples=("hij zit de hele dag op zijn telefoon",)
        ),
        _topic("school", "School", ("school",)),
    ]
    index = TopicIndex(library, "nl", everyday=("ik heb een nieuwe telefoon gekocht",))
    assert index.match("ik heb een nieuwe telefoon") == []
    assert index.match("hij zit de hele avond op zijn telefoon")[0].topic_id == "screens"


@pytest.mark.parametrize(
    "text",
    ["bedankt voor je reactie", "mijn telefoonnummer is veranderd", "wachtwoord vergeten"],
)
def test_everyday_chat_sharing_a_keyword_opens_no_tip_in_the_real_library(text: str) -> None:
    best, _ = best_and_alternatives(load_indexes()[Language.NL].match(text))
    assert best is None


def test_a_mistyped_word_is_read_back_to_a_word_of_the_example_questions() -> None:
    library = [
        _topic("eating", "Eten", ("eten",), examples=("ze is veel afgevallen en zwak",)),
        _topic("school", "School", ("school",)),
    ]
    index = TopicIndex(library, "nl")
    assert index.spelled("afgevalen") == "afgevallen"
    assert index.match("ze is echt afgevalen en zwak")[0].topic_id == "eating"


def test_a_real_word_is_not_read_back_to_a_library_word() -> None:
    library = [_topic("eating", "Eten", ("eten",), examples=("ze is veel afgevallen",))]
    assert TopicIndex(library, "nl").spelled("afgevuld") == "afgevuld"
