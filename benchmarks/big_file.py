"""The big database the benchmarks open: 500 workshops x 30 participants who answered every
core statement (about 110 MB), made through the app's own store API as a season of workshops
would make it: ``create_workshop``, ``add_participant``, each person's answers checked by
``store.answers.checked_answer`` (the demo's realistic levels, don't-knows, comments and time
stamps) and saved in that person's own transaction, as the phone server's group commit saves
them; then each workshop's suggested plan saved through ``analysis.plan.save_plan``.

Building takes a few minutes, so the file is kept in ``benchmarks/.cache`` (named by the schema
version and the questionnaire's hash) and copied from there; delete it to build it again.

    python benchmarks/big_file.py      # build it now and print its size
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / "benchmarks" / ".cache"
WORKSHOPS, PEOPLE = 500, 30


def cached_big_file(questionnaire, actions, quiet: bool = False) -> Path:
    """The cached file, built first when missing."""
    from assessment_app.store.migrations import SCHEMA_VERSION

    path = CACHE / f"big-{WORKSHOPS}x{PEOPLE}-schema{SCHEMA_VERSION}-" \
                   f"{questionnaire.content_hash[:10]}.sqlite"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        for leftover in CACHE.glob(part.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        build(part, questionnaire, actions, quiet)
        part.rename(path)
        if not quiet:
            print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def copy_of_big_file(folder: Path, questionnaire, actions) -> Path:
    """A fresh copy in ``folder``, so a run never changes the cached file."""
    target = folder / "big.sqlite"
    shutil.copyfile(cached_big_file(questionnaire, actions), target)
    return target


def build(path: Path, questionnaire, actions, quiet: bool = False) -> None:
    import random

    from assessment_app.analysis.plan import load_plan, save_plan
    from assessment_app.exchange.demo import demo_answers
    from assessment_app.store.answers import checked_answer
    from assessment_app.store.database import Store

    store = Store.open(path)
    rng = random.Random(25)
    for w in range(WORKSHOPS):
        workshop = store.create_workshop(
            f"Alignment workshop {w + 1}", questionnaire, f"Organisation {w % 97 + 1} plc",
            on=f"20{rng.randint(22, 27)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        people = [store.add_participant(workshop.id, f"Participant {n + 1} of workshop {w + 1}",
                                        ("marketing", "it")[n % 2],
                                        rng.choice(["CMO", "CIO", "Head of CRM", "IT architect",
                                                    "Brand lead", "Data engineer"]))
                  for n in range(PEOPLE)]
        answers = demo_answers(questionnaire, [(p.id, p.role) for p in people]
                               + [("nobody", "it")], seed=w)
        by_person: dict[str, list] = {}
        for a in answers:
            if a.participant_id != "nobody":
                by_person.setdefault(a.participant_id, []).append(a)
        for person_answers in by_person.values():
            with store.transaction():
                for a in person_answers:
                    store.write_answer(checked_answer(a.participant_id, a.item_id, a.current,
                                                      a.target, a.comment, a.answered_at))
        save_plan(store, workshop.id, load_plan(store, workshop.id, actions))
        if not quiet and (w + 1) % 50 == 0:
            print(f"{w + 1} workshops", file=sys.stderr)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


if __name__ == "__main__":
    from assessment_app.content.catalog import load_catalog

    catalog = load_catalog()
    made = cached_big_file(catalog.questionnaires["core"], catalog.actions)
    print(f"{made}: {made.stat().st_size / 2**20:.0f} MB")
