"""Top-1 and top-3 accuracy of the self-help matcher on the question sets.

    python bench/faq_eval.py            # all sets
    python bench/faq_eval.py --tuning   # only the tuning set, while working on the matcher

The tuning set is for improving the matcher: its misses are printed.

The held-out sets were each written before the tuning they check: only their figures are printed,
never their misses, so that nobody tunes on them by accident. Do not add a switch that prints
them. Sets 1 and 2 (heldout, heldout2) have since been looked at and used while improving the
matcher, so their figures are no longer honest; set 3 (heldout3), when present, is the blind one
and is skipped silently when its file is absent. Run the held-out sets once, at the end, and
report their figures whatever they are.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import load_library  # noqa: E402
from bot.core.faq import _STOPWORDS, TopicIndex, best_and_alternatives  # noqa: E402
from bot.core.models import Language  # noqa: E402

CASES = ROOT / "tests" / "core" / "faq_cases"
TUNING = "tuning"
HELD_OUT = ("heldout", "heldout2", "heldout3")  # figures only, never misses


def _is_english(text: str) -> bool:
    """The sets have no language column: judge by which language's small words it uses more."""
    words = text.lower().split()
    english = sum(w in _STOPWORDS["en"] and w not in _STOPWORDS["nl"] for w in words)
    dutch = sum(w in _STOPWORDS["nl"] and w not in _STOPWORDS["en"] for w in words)
    return english > dutch


def evaluate(name: str, indexes: dict[Language, TopicIndex]) -> tuple[int, int, int, list[str]]:
    rows = list(csv.DictReader((CASES / f"{name}.tsv").open(encoding="utf-8"), delimiter="\t"))
    top1 = top3 = 0
    misses = []
    for row in rows:
        language = Language.EN if _is_english(row["question"]) else Language.NL
        ranked = indexes[language].match(row["question"])
        best, _ = best_and_alternatives(ranked)
        ids = [m.topic_id for m in ranked[:3]]
        if best is not None and best.topic_id == row["topic"]:
            top1 += 1
        if best is not None and row["topic"] in ids:
            top3 += 1
        else:
            misses.append(f"  {row['topic']:<20} got {ids or '-'}  {row['question']}")
        if best is not None and best.topic_id != row["topic"] and row["topic"] in ids:
            misses.append(f"  (top-3 only) {row['topic']:<11} got {ids}  {row['question']}")
    return len(rows), top1, top3, misses


def main() -> int:
    indexes = {lang: TopicIndex(load_library(lang), lang.value) for lang in Language}
    names = (TUNING,) if "--tuning" in sys.argv[1:] else (TUNING, *HELD_OUT)
    for name in names:
        if name != TUNING and not (CASES / f"{name}.tsv").exists():
            continue
        total, top1, top3, misses = evaluate(name, indexes)
        print(f"== {name}: {total} questions")
        print(f"   top-1 {top1}/{total} = {100 * top1 / total:.1f}%")
        print(f"   top-3 {top3}/{total} = {100 * top3 / total:.1f}%")
        if name == TUNING:
            for line in misses:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
