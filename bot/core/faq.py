"""Matching free text to the self-help topics: Dutch and English stemming plus fuzzy matching.

Keywords are written per topic in the content files. A typed question is normalised (case,
accents, stretched letters), stemmed with Snowball, and compared with every keyword: a stem that
matches counts fully, a near miss (a typo) counts partly, a keyword phrase whose words all occur
counts more. Words that many topics share weigh less. The best topics come back with a score.
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
from rapidfuzz import fuzz

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
_STOPWORDS = {
    "nl": frozenset(_DUTCH_STOPWORDS.split()),
    "en": frozenset(_ENGLISH_STOPWORDS.split()),
}
FULL, NEAR, PHRASE = 1.0, 0.7, 1.6
NEAR_RATIO = 86


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


@dataclass(frozen=True)
class Match:
    topic_id: str
    score: float


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _STRETCHED.sub(r"\1\1", plain)


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMER_LANGUAGE[language])


def words(text: str, language: str) -> list[str]:
    return [w for w in _WORD.findall(normalise(text)) if w not in _STOPWORDS[language]]


def stems(text: str, language: str) -> list[str]:
    return _stemmer(language).stemWords(words(text, language))


@dataclass(frozen=True)
class _Part:
    """One word of a keyword, as written and as stemmed: typos are judged on the written form."""

    word: str
    stem: str


@dataclass(frozen=True)
class _Text:
    words: frozenset[str]
    stems: frozenset[str]


class TopicIndex:
    """Built once per language at start-up; matching is then pure and fast."""

    def __init__(self, topics: Sequence[Topic], language: str) -> None:
        self.language = language
        self.topics = {t.id: t for t in topics}
        self._keywords: dict[str, list[tuple[_Part, ...]]] = {}
        for topic in topics:
            found = []
            for phrase in [*topic.keywords, topic.title]:
                plain = words(phrase, language)
                parts = tuple(
                    _Part(w, s)
                    for w, s in zip(plain, _stemmer(language).stemWords(plain), strict=True)
                )
                if parts:
                    found.append(parts)
            self._keywords[topic.id] = found
        frequency: Counter[str] = Counter()
        for keywords in self._keywords.values():
            frequency.update({p.stem for k in keywords for p in k})
        count = max(len(topics), 1)
        self._weight = {s: math.log(1 + count / n) for s, n in frequency.items()}

    def _part_score(self, part: _Part, text: _Text) -> float:
        if part.stem in text.stems or part.word in text.words:
            return FULL
        if len(part.word) < 5:
            return 0.0
        near = any(
            fuzz.ratio(part.word, w) >= NEAR_RATIO
            for w in text.words
            if abs(len(w) - len(part.word)) <= 2
        )
        return NEAR if near else 0.0

    def _topic_score(self, topic_id: str, text: _Text) -> float:
        score = 0.0
        seen: set[str] = set()
        for keyword in self._keywords[topic_id]:
            parts = [self._part_score(p, text) for p in keyword]
            if not all(parts):
                continue
            fresh = [p.stem for p in keyword if p.stem not in seen]
            if not fresh:
                continue
            seen.update(p.stem for p in keyword)
            weight = sum(self._weight.get(s, 1.0) for s in fresh) * min(parts)
            score += weight * (PHRASE if len(keyword) > 1 else 1.0)
        return score

    def match(self, text: str, *, limit: int = 3) -> list[Match]:
        plain = words(text, self.language)
        if not plain:
            return []
        typed = _Text(frozenset(plain), frozenset(_stemmer(self.language).stemWords(plain)))
        scored = [Match(t, round(self._topic_score(t, typed), 3)) for t in self._keywords]
        scored = [m for m in scored if m.score > 0]
        scored.sort(key=lambda m: (-m.score, m.topic_id))
        return scored[:limit]


MIN_SCORE = 1.0
ALTERNATIVE_SHARE = 0.4


def best_and_alternatives(matches: Iterable[Match]) -> tuple[Match | None, list[Match]]:
    """The answer to show, and up to two "Did you mean ...?" topics close enough to offer."""
    ranked = list(matches)
    if not ranked or ranked[0].score < MIN_SCORE:
        return None, []
    best = ranked[0]
    others = [m for m in ranked[1:3] if m.score >= best.score * ALTERNATIVE_SHARE]
    return best, others
