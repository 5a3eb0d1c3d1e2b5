"""Matching free text to the self-help topics: Dutch and English stemming plus fuzzy matching.

Keywords are written per topic in the content files. A typed question is normalised (case,
accents, apostrophes, stretched letters), stemmed with Snowball, and compared with every keyword:
a stem that matches counts fully; a keyword inside a Dutch compound ("woedebuien") or a form the
stemmer missed counts nearly; a typo of a keyword counts partly, unless the typed word is itself a
word the library uses. A keyword phrase whose words all occur counts more. Words that many topics
share weigh less. The words of a topic's answer add a little, so a topic also knows the words it
explains; without a keyword they need two telling words to count.

Chat spelling ("mn", "nie", "ff") and everyday words ("mama") are written out first. Beside the
keywords, each topic's example questions (written for matching, never shown) and its words are
compared with the question by TF-IDF cosine over stems and 4-letter pieces of words: this ranks
topics whose keywords tie, and lets a question without any keyword find a topic whose example
question, or whose examples together, share at least two words with it. The keyword score levels
off, so that a few words of other topics named in passing do not outweigh how closely the message
resembles the topic it is about. The best topics come back with a score; beside a clear best
topic, places left are filled with the topics the message most resembles, to offer as well.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

CATEGORIES = (
    "feelings",
    "behaviour",
    "school_friends",
    "home_family",
    "body_use",
    "safety",
    "about_help",
)
_STEMMER_LANGUAGE = {"nl": "dutch", "en": "english"}
_WORD = re.compile(r"[a-z0-9]+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_APOSTROPHE = re.compile(r"['\u2018\u2019`\u00b4]")
# Words too common to say anything about a topic, after normalising. Kept short on purpose.
_DUTCH_STOPWORDS = """
de het een en of in op aan van voor met bij is ben zijn was wat hoe ik je jij mijn mn me m zij
ze hij hem haar we wij ons onze die dat dit er niet geen wel al ook nog maar als dan om te tot
naar uit over kan kun kunnen moet wil heb hebt heeft had doen doe wordt word worden zo heel erg
veel vaak soms altijd nu echt gewoon beetje iets k
"""
_ENGLISH_STOPWORDS = """
the a an and or in on at of for with is am are was be been i you my me he she him her his we
our they them it its that this there not no do does did have has had can could should would
will just so very really too also what how when why to from about
"""
# Words that say who or when, not what about: left out when comparing with example questions.
_DUTCH_GENERIC = "zoon dochter kind waar wanneer waarom wie welke deze"
_ENGLISH_GENERIC = "son daughter child where which who whom these those"
_GENERIC = {"nl": frozenset(_DUTCH_GENERIC.split()), "en": frozenset(_ENGLISH_GENERIC.split())}
_STOPWORDS = {
    "nl": frozenset(_DUTCH_STOPWORDS.split()),
    "en": frozenset(_ENGLISH_STOPWORDS.split()),
}
FULL, COMPOUND, NEAR, PHRASE = 1.0, 0.8, 0.7, 1.6
# Telling words allowed between the words of a phrase (small words are not counted).
PHRASE_GAP = 3
COMPOUND_HEAD, COMPOUND_TAIL, COMPOUND_REST = 4, 5, 3
# The words of a topic's answer count too, a little: they widen what a topic knows.
BODY = 0.3
# Without a keyword, a topic needs two telling words of its answer (words found in at most a
# quarter of the topics): one shared word is too little to go on.
BODY_ALONE, BODY_TELLING = 2, math.log(4)
# Beside the keywords, a topic is a bag of features: the stems and the 4-letter pieces of the words
# of its title, keywords and example questions (and, weighing less, its answer). A typed question
# is compared with each topic by cosine over TF-IDF weights, and with each example question on its
# own; pieces of words catch compounds and typos the stems miss. These similarities add to the
# keyword score: without a keyword a topic needs a close example.
GRAM = 4
GRAM_SHARE = 0.5  # the pieces of a word together weigh half as much as its stem
ANSWER_SHARE = 0.2  # words of the answer weigh less than the topic's own words
TOPIC_WEIGHT, EXAMPLE_WEIGHT = 25, 5
# The keyword score levels off towards this ceiling (k * s / (s + k), as BM25 saturates a word's
# count): the first keywords count almost fully, each further one less. A long message about one
# worry often names a few words of other topics ("slaap", "stress", "school") in passing; summed,
# they outranked the worry itself. Levelled off, the similarity with the topic and its examples
# decides between topics that both have keywords.
KEYWORD_CEILING = 4.0
# Without a keyword, the closest example question must be this similar and share this many stems,
# or the topic as a whole (all its examples together) this similar and share as many: a new
# wording often takes one word from one example and another from the next.
EXAMPLE_ALONE, SHARED_ALONE = 0.25, 2
TOPIC_ALONE = 0.12
# Beside a clear best topic, places left are filled with the topics most like the message, if
# at least this like it (similarity score, as TOPIC_WEIGHT and EXAMPLE_WEIGHT add it up). On the
# development sets no right topic was lost below 3.0, and a filler that shares a word or two by
# chance ("wachtwoord vergeten" beside eating) is no longer shown.
FILL_LEAST = 2.5
# Everyday chat the library keeps as examples of what is no worry: a message at least this like
# one of them, and more like it than like any example of the best topic, opens no tip.
EVERYDAY_LEAST = 0.5
# Topics about danger (self-harm, suicide, violence, abuse) are offered only when the message
# itself points there: as a filler beside "she won't eat" they would frighten, not help. Crisis
# language is caught before matching anyway.
NEVER_FILLED = frozenset({"safety"})


@dataclass(frozen=True)
class Topic:
    id: str
    category: str
    title: str
    keywords: tuple[str, ...]
    parent: str
    youngster: str
    when_to_contact: str
    source_name: str
    source_url: str
    # Ways people ask about the topic, written for matching; never shown.
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    topic_id: str
    score: float
    # Added to fill the places offered beside a clear best topic: shown whatever its score.
    offered: bool = False


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHE.sub("", plain)
    return _STRETCHED.sub(r"\1\1", plain)


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMER_LANGUAGE[language])


@lru_cache(maxsize=50_000)
def _stem(word: str, language: str) -> str:
    """Snowball in pure Python is the slow part of matching: each word is stemmed once."""
    return _stemmer(language).stemWord(word)


def _stem_all(plain: Iterable[str], language: str) -> list[str]:
    return [_stem(w, language) for w in plain]


def _written_out(pairs: str) -> dict[str, str]:
    """Pairs like "mn=mijn kben=ik+ben": a word as typed, then as the library writes it."""
    return dict(p.replace("+", " ").split("=") for p in pairs.split())


# Chat spelling and everyday words, written out the way the library writes them. Applied to the
# library and to typed text alike, before small words are dropped and words are stemmed.
_DUTCH_CHAT = _written_out(
    """
mn=mijn zn=zijn dr=haar ni=niet nie=niet nt=niet ff=even effe=even nx=niks nix=niks ng=nog
wrm=waarom wnr=wanneer iem=iemand kben=ik+ben kheb=ik+heb khb=ik+heb kwil=ik+wil kweet=ik+weet
kzit=ik+zit kvoel=ik+voel kga=ik+ga kmoet=ik+moet kdenk=ik+denk tog=toch egt=echt gwn=gewoon
mss=misschien miss=misschien idk=weet+niet weetnie=weet+niet tis=het+is tzijn=het+zijn
sws=sowieso smorgens=s+ochtends sochtends=s+ochtends snachts=s+nachts savonds=s+avonds
smiddags=s+middags nachts=nacht ochtends=ochtend mama=moeder mam=moeder mams=moeder ma=moeder
moeke=moeder papa=vader pap=vader paps=vader pa=vader kids=kinderen kinders=kinderen
bff=beste+vriendin app=appen appt=appen insta=instagram snap=snapchat
zelfmoordgedachtes=zelfmoordgedachten ben=zijn bent=zijn
"""
)
_ENGLISH_CHAT = _written_out(
    """
u=you ur=your im=i+am ive=i+have idk=i+dont+know dunno=dont+know bc=because cuz=because
coz=because pls=please plz=please mom=mother mum=mother mommy=mother mama=mother dad=father
daddy=father papa=father kids=children kid=child teen=teenager gf=girlfriend bf=boyfriend
ppl=people tho=though rn=right+now wanna=want+to gonna=going+to insta=instagram snap=snapchat
"""
)
_CHAT = {"nl": _DUTCH_CHAT, "en": _ENGLISH_CHAT}


def written(text: str, language: str) -> list[str]:
    """Every word as the library writes it: normalised, chat spelling and everyday words undone."""
    table = _CHAT[language]
    out: list[str] = []
    for word in _WORD.findall(normalise(text)):
        out.extend(table.get(word, word).split())
    return out


def words(text: str, language: str) -> list[str]:
    return [w for w in written(text, language) if w not in _STOPWORDS[language]]


def stems(text: str, language: str) -> list[str]:
    return _stem_all(words(text, language), language)


@dataclass(frozen=True)
class _Part:
    """One word of a keyword, as written and as stemmed: typos are judged on the written form."""

    word: str
    stem: str


@dataclass(frozen=True)
class _Keyword:
    """The telling words of a keyword. A phrase left with one telling word once its small words
    are dropped must be typed as written: "er niet meer zijn" is not any text with "meer"."""

    parts: tuple[_Part, ...]
    exact: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Text:
    words: frozenset[str]
    stems: frozenset[str]
    every: str  # all words, small ones too, between spaces
    # The telling words in order, with their stems: the words of a phrase must stand together.
    order: tuple[tuple[str, str], ...]


_Vector = dict[str, float]


def _grams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1)]


def _cosine(a: _Vector, b: _Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


class _Similarity:
    """TF-IDF vectors over stems and word pieces: one per topic, one per example question.

    How telling a feature is comes from how many of the library's texts use it: each example
    question, each topic's title and keywords together, and each answer count as one text."""

    def __init__(self, topics: Sequence[Topic], answers: dict[str, str], language: str) -> None:
        self.language = language
        own = {t.id: self.features(" ".join([t.title, *t.keywords, *t.examples])) for t in topics}
        units = [self.features(" ".join([t.title, *t.keywords])) for t in topics]
        units += [self.features(e) for t in topics for e in t.examples]
        units += [self.features(a) for a in answers.values()]
        spread: Counter[str] = Counter()
        for unit in units:
            spread.update(unit.keys())
        total = len(units) + 1
        self.idf = {f: math.log(total / n) for f, n in spread.items()}
        # A word the library never uses still counts: it makes the question about something else.
        self.unknown = math.log(total / 0.5)
        answer = {t: self.features(a) for t, a in answers.items()}
        self.topics = {
            t.id: self._vector(
                own[t.id] + Counter({f: c * ANSWER_SHARE for f, c in answer[t.id].items()})
            )
            for t in topics
        }
        self.examples = {t.id: [self.vector(e) for e in t.examples] for t in topics}

    def features(self, text: str) -> Counter[str]:
        plain = [w for w in words(text, self.language) if w not in _GENERIC[self.language]]
        found: Counter[str] = Counter(_stem_all(plain, self.language))
        for word in plain:
            pieces = _grams(word)
            for piece in pieces:
                found["#" + piece] += GRAM_SHARE / len(pieces)
        return found

    def _vector(self, counts: Counter[str]) -> _Vector:
        weighted = {
            f: (1 + math.log(c) if c >= 1 else c) * self.idf.get(f, self.unknown)
            for f, c in counts.items()
            if c > 0
        }
        norm = math.sqrt(sum(w * w for w in weighted.values()))
        return {f: w / norm for f, w in weighted.items()} if norm else {}

    def vector(self, text: str) -> _Vector:
        return self._vector(self.features(text))

    @staticmethod
    def shared(a: _Vector, b: _Vector) -> int:
        """How many stems two texts share (word pieces left out)."""
        return sum(not f.startswith("#") for f in a.keys() & b.keys())


TYPO_SHORTEST = 5
SPELLED_KEPT = 10_000


@lru_cache(maxsize=2)
def real_words(language: str) -> frozenset[str]:
    """The words of the language long enough to be read as a typo (loaded once, about 0.7 s).

    "moet ik mijn webcam aanzetten" once opened the tip on sexual violence: "aanzetten" is one
    letter from the keyword "aanzitten". A word the dictionary knows was meant as typed."""
    words = SpellChecker(language=language, distance=1).word_frequency.keys()
    return frozenset(w for w in words if len(w) >= TYPO_SHORTEST)


class TopicIndex:
    """Built once per language at start-up; matching is then pure and fast."""

    def __init__(
        self, topics: Sequence[Topic], language: str, everyday: Sequence[str] = ()
    ) -> None:
        self.language = language
        self.topics = {t.id: t for t in topics}
        self._keywords: dict[str, list[_Keyword]] = {}
        for topic in topics:
            found = []
            for phrase in [*topic.keywords, topic.title]:
                plain = words(phrase, language)
                parts = tuple(
                    _Part(w, s) for w, s in zip(plain, _stem_all(plain, language), strict=True)
                )
                every = tuple(written(phrase, language))
                if len(parts) == 1 and len(every) > 1:
                    found.append(_Keyword(parts, every))
                elif parts:
                    found.append(_Keyword(parts))
            self._keywords[topic.id] = found
        frequency: Counter[str] = Counter()
        for keywords in self._keywords.values():
            frequency.update({p.stem for k in keywords for p in k.parts})
        count = max(len(topics), 1)
        self._weight = {s: math.log(1 + count / n) for s, n in frequency.items()}
        answers = {t.id: " ".join((t.parent, t.youngster, t.when_to_contact)) for t in topics}
        self._body = {t: frozenset(stems(text, language)) for t, text in answers.items()}
        # Words the library itself uses are real words, not typos of a keyword.
        self._known = frozenset(
            {p.word for keywords in self._keywords.values() for k in keywords for p in k.parts}
            | {w for text in answers.values() for w in words(text, language)}
        )
        self._real = real_words(language)
        spread: Counter[str] = Counter()
        for body in self._body.values():
            spread.update(body)
        self._body_weight = {s: math.log(count / n) for s, n in spread.items()}
        self._similarity = _Similarity(topics, answers, language)
        self._everyday = [self._similarity.vector(e) for e in everyday]
        # Every word the library writes, examples too: what a mistyped word is read back to.
        self._vocabulary = sorted(
            self._known
            | {
                w
                for t in topics
                for e in (t.title, *t.keywords, *t.examples)
                for w in words(e, language)
            }
        )
        self._spelled: dict[str, str] = {}

    def _part_score(self, part: _Part, text: _Text) -> float:
        if part.stem in text.stems or part.word in text.words:
            return FULL
        return max((self._word_score(part, w, s) for w, s in text.order), default=0.0)

    def _word_score(self, part: _Part, word: str, stem: str) -> float:
        if part.stem == stem or part.word == word:
            return FULL
        if _in_compound(part, word):
            return COMPOUND
        if word not in self._known and word not in self._real and _is_typo(part.word, word):
            return NEAR
        return 0.0

    def _together(self, parts: tuple[_Part, ...], text: _Text) -> bool:
        """The words of a phrase within a few telling words of each other, in any order ("met
        spullen gooien", "gooit met spullen"). Scattered over a long message they say something
        else: "alleen" in one sentence and "langskomen" in the next is not "alleen komen"."""
        places = [
            [i for i, (w, s) in enumerate(text.order) if self._word_score(part, w, s)]
            for part in parts
        ]
        reach = len(parts) - 1 + PHRASE_GAP
        return any(
            all(any(abs(i - start) <= reach for i in found) for found in places[1:])
            for start in places[0]
        )

    def _keyword_score(self, topic_id: str, text: _Text) -> float:
        score = 0.0
        seen: set[str] = set()
        for keyword in self._keywords[topic_id]:
            if keyword.exact and f" {' '.join(keyword.exact)} " not in text.every:
                continue
            parts = [self._part_score(p, text) for p in keyword.parts]
            if not all(parts):
                continue
            if len(keyword.parts) > 1 and not self._together(keyword.parts, text):
                continue
            fresh = [p.stem for p in keyword.parts if p.stem not in seen]
            if not fresh:
                continue
            seen.update(p.stem for p in keyword.parts)
            weight = sum(self._weight.get(s, 1.0) for s in fresh) * min(parts)
            phrase = len(keyword.parts) > 1 or keyword.exact
            score += weight * (PHRASE if phrase else 1.0)
        shared = text.stems & self._body[topic_id]
        telling = [s for s in shared if self._body_weight[s] >= BODY_TELLING]
        if not score and len(telling) < BODY_ALONE:
            return 0.0
        return score + BODY * sum(self._body_weight[s] for s in shared)

    def _topic_score(self, topic_id: str, text: _Text, vector: _Vector) -> tuple[float, float]:
        """The score, nought when the topic does not pass the gate; and its similarity alone."""
        keyword = self._keyword_score(topic_id, text)
        similarity = self._similarity
        closest = max(similarity.examples[topic_id], key=lambda e: _cosine(vector, e), default={})
        example = _cosine(vector, closest)
        topic = _cosine(vector, similarity.topics[topic_id])
        alike = TOPIC_WEIGHT * topic + EXAMPLE_WEIGHT * example
        if not keyword and not (
            _close(vector, closest, example, EXAMPLE_ALONE)
            or _close(vector, similarity.topics[topic_id], topic, TOPIC_ALONE)
        ):
            return 0.0, alike
        levelled = KEYWORD_CEILING * keyword / (keyword + KEYWORD_CEILING)
        return levelled + alike, alike

    def _is_everyday(self, vector: _Vector, topic_id: str) -> bool:
        """More like everyday chat ("bedankt voor je reactie", "mijn telefoonnummer is veranderd")
        than like any way of asking about the best topic: no tip, whatever keyword it shares."""
        chat = max((_cosine(vector, e) for e in self._everyday), default=0.0)
        if chat < EVERYDAY_LEAST:
            return False
        asked = max((_cosine(vector, e) for e in self._similarity.examples[topic_id]), default=0.0)
        return chat > asked

    def spelled(self, word: str) -> str:
        """A slip of the thumb read back to the library's own word ("afgevalen" to "afgevallen",
        "wiselen" to "wisselen"), so that both the keywords and the example questions see it. A
        word the language or the library knows is taken as typed."""
        if len(word) < TYPO_SHORTEST or word in self._known or word in self._real:
            return word
        if word not in self._spelled:
            if len(self._spelled) >= SPELLED_KEPT:  # typos are endless; the cache is not
                self._spelled.clear()
            found = [
                (OSA.distance(word, known), known)
                for known, _, _ in process.extract(
                    word, self._vocabulary, scorer=OSA.distance, score_cutoff=2, limit=5
                )
                if _is_typo(known, word)
            ]
            self._spelled[word] = min(found)[1] if found else word
        return self._spelled[word]

    def match(self, text: str, *, limit: int = 3) -> list[Match]:
        text = " ".join(self.spelled(w) for w in written(text, self.language))
        plain = words(text, self.language)
        if not plain:
            return []
        stemmed = _stem_all(plain, self.language)
        typed = _Text(
            frozenset(plain),
            frozenset(stemmed),
            f" {' '.join(written(text, self.language))} ",
            tuple(zip(plain, stemmed, strict=True)),
        )
        vector = self._similarity.vector(text)
        scores = {t: self._topic_score(t, typed, vector) for t in self._keywords}
        scored = [Match(t, round(score, 3)) for t, (score, _) in scores.items() if score > 0]
        scored.sort(key=lambda m: (-m.score, m.topic_id))
        if scored and self._is_everyday(vector, scored[0].topic_id):
            return []
        if not scored or scored[0].score < MIN_SCORE or len(scored) >= limit:
            return scored[:limit]
        # The best topic is clear: the places left go to the topics the message most resembles,
        # though they have no keyword, so that the right one is more often among those offered.
        rest = [
            (a, t)
            for t, (score, a) in scores.items()
            if not score and a > FILL_LEAST and self.topics[t].category not in NEVER_FILLED
        ]
        rest.sort(key=lambda pair: (-pair[0], pair[1]))
        for alike, t in rest[: limit - len(scored)]:
            scored.append(Match(t, round(alike, 3), offered=True))
        return scored


def _close(vector: _Vector, other: _Vector, cosine: float, least: float) -> bool:
    return cosine >= least and _Similarity.shared(vector, other) >= SHARED_ALONE


def _in_compound(part: _Part, word: str) -> bool:
    """Dutch glues words together and the stemmer misses some forms: a keyword's stem may start
    the typed word ("woedebuien", "naaktfotos"), or the whole keyword may end it ("faalangst")."""
    if len(part.stem) >= COMPOUND_HEAD and word.startswith(part.stem):
        return True
    long_enough = len(word) >= len(part.word) + COMPOUND_REST
    return len(part.word) >= COMPOUND_TAIL and long_enough and word.endswith(part.word)


def _is_typo(written: str, typed: str) -> bool:
    """A slip of the thumb: one in a word of 7 letters or more, two from 10; in a word of 5 or
    6 letters only a missing, extra or swapped letter, since one changed letter there often makes
    another word ("pester", "peuter"). Shorter words and first letters are taken as typed: "dank"
    is no typo of "drank"."""
    longest = max(len(written), len(typed))
    if min(len(written), len(typed)) < TYPO_SHORTEST or written[0] != typed[0]:
        return False
    allowed = 2 if longest >= 10 else 1
    if abs(len(written) - len(typed)) > allowed:
        return False
    if OSA.distance(written, typed, score_cutoff=allowed) > allowed:
        return False
    return longest >= 7 or len(written) != len(typed) or sorted(written) == sorted(typed)


MIN_SCORE = 1.0
ALTERNATIVE_SHARE = 0.4


def best_and_alternatives(matches: Iterable[Match]) -> tuple[Match | None, list[Match]]:
    """The answer to show, and up to two "Did you mean ...?" topics close enough to offer."""
    ranked = list(matches)
    if not ranked or ranked[0].score < MIN_SCORE:
        return None, []
    best = ranked[0]
    others = [m for m in ranked[1:3] if m.offered or m.score >= best.score * ALTERNATIVE_SHARE]
    return best, others
