"""Recall and false alarms of the crisis detector on the tuning and the held-out set.

Run from the repository root: `python bench/crisis_eval.py`. The tuning set is the development
set: patterns are tuned on it, and every miss, false alarm and wrong kind is printed by text. The
held-out set is for measuring only: it prints its figures and nothing else, so that no one tunes
a pattern to one of its lines (a held-out miss is fixed by improving a family of phrasings in the
tuning set, then measured again here). Always exits 0: this reports, it does not gate.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.crisis import detect_crisis  # noqa: E402

CASES = ROOT / "tests" / "core" / "crisis_cases"


@dataclass(frozen=True)
class Case:
    """One line of a case file: should it fire, which kinds, on what text."""

    crisis: bool
    kinds: frozenset[str]
    text: str


def load_cases(path: Path) -> list[Case]:
    """Read a TSV with the columns expected (crisis|none), kind (comma list or -), text."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Case(
                crisis=row["expected"] == "crisis",
                kinds=frozenset(k for k in row["kind"].split(",") if k and k != "-"),
                text=row["text"],
            )
            for row in rows
        ]


def report(name: str, cases: list[Case], *, show_cases: bool) -> None:
    """Print the two figures that matter and, when `show_cases`, every case that went wrong."""
    crises = [c for c in cases if c.crisis]
    calm = [c for c in cases if not c.crisis]
    misses = [c for c in crises if detect_crisis(c.text) is None]
    alarms = [c for c in calm if detect_crisis(c.text) is not None]
    wrong_kind = []
    for case in crises:
        signal = detect_crisis(case.text)
        if signal is not None and not case.kinds <= {k.value for k in signal.kinds}:
            wrong_kind.append((case, sorted(k.value for k in signal.kinds)))
    hits = len(crises) - len(misses)
    print(f"== {name}: {len(crises)} crisis, {len(calm)} none")
    print(f"   recall       {hits}/{len(crises)} = {hits / max(len(crises), 1):.1%}")
    print(f"   false alarms {len(alarms)}/{len(calm)} = {len(alarms) / max(len(calm), 1):.1%}")
    print(f"   wrong kind   {len(wrong_kind)}")
    if not show_cases:
        return
    for case in misses:
        print(f"   MISS   [{','.join(sorted(case.kinds))}] {case.text}")
    for case in alarms:
        kinds = sorted(k.value for k in detect_crisis(case.text).kinds)  # type: ignore[union-attr]
        print(f"   ALARM  [{','.join(kinds)}] {case.text}")
    for case, kinds in wrong_kind:
        expected = ",".join(sorted(case.kinds))
        print(f"   KIND   expected {expected}, got {','.join(kinds)}: {case.text}")


def main() -> int:
    """Evaluate both sets separately, tuning first."""
    report("tuning", load_cases(CASES / "tuning.tsv"), show_cases=True)
    report("held-out", load_cases(CASES / "heldout.tsv"), show_cases=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
