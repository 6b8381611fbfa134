"""Comparing two 60-person workshops (issue 28): a baseline answered with the 41-statement core
1.0 and a follow-up with today's core, both made through the store, compared as ``tandem
compare`` does (``analysis.series.load_comparison``: both workshops read, statements paired
by lineage, figures per function and dimension, the baseline's plan scored and every action's
test judged). Goal: under 100 ms.

    python benchmarks/compare.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import big_workshop  # noqa: E402

GOAL_MS = 100.0
PEOPLE = 60
RUNS = 20


def main() -> int:
    from assessment_app.analysis.compare import compare
    from assessment_app.analysis.series import load_comparison, load_side
    from assessment_app.content.catalog import load_catalog
    from assessment_app.exchange.demo import demo_answers
    from assessment_app.store.database import Store

    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite")
        baseline = big_workshop(store, catalog.find("core", "1.0"), PEOPLE)
        current = catalog.get("core")
        follow = store.create_follow_up(baseline, current, on="2027-11-01")
        people = store.participants(follow.id)
        with store.transaction():
            for a in demo_answers(current, [(p.id, p.role) for p in people] + [("x", "it")],
                                  seed=7):
                if a.participant_id != "x":
                    store.write_answer(a)
        whole, core = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            c = load_comparison(store, baseline, follow.id, catalog.actions, catalog.editions)
            whole.append((time.perf_counter() - start) * 1000)
            sides = load_side(store, baseline), load_side(store, follow.id)
            start = time.perf_counter()
            compare(*sides, catalog.editions)
            core.append((time.perf_counter() - start) * 1000)
        store.close()
    answers = sum(len(s.answers) for s in (c.baseline, c.followup))
    print(f"Two {PEOPLE}-person workshops ({answers:,} answers), {c.comparable_sentence}, "
          f"{len(c.verdicts)} plan actions judged; {RUNS} runs")
    print("| comparison | median | max | goal |")
    print("|---|---|---|---|")
    for name, got in (("load_comparison (read, compare, plan, verdicts)", whole),
                      ("compare alone (pairing and figures)", core)):
        print(f"| {name} | {statistics.median(got):.1f} ms | {max(got):.1f} ms | "
              f"{GOAL_MS:.0f} ms |")
    return 0 if statistics.median(whole) < GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
