"""Durability: a process killed (SIGKILL) while saving answers loses none it reported saved,
and the database stays intact. Plus the three-laptop merge."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assessment_app.errors import BundleError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.store.database import Store

from .conftest import MINI_DIR

ROOT = Path(__file__).resolve().parent.parent

WORKER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    store = Store.open(sys.argv[1])
    q = load_catalog(Path({mini!r})).get("mini")
    workshop = store.workshops()[0].id if store.workshops() else \\
        store.create_workshop("Kill test", q).id
    run = sys.argv[2]
    print("ready", flush=True)
    n = 0
    while True:
        p = store.add_participant(workshop, f"{{run}}-{{n}}", "it")
        for k, item in enumerate(q.items):
            level = 1 + (n + k) % 5
            store.save_answer(p.id, item.id, level, level)
            print(f"saved {{p.id}} {{item.id}} {{level}}", flush=True)
        n += 1
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_sigkill_at_twenty_random_moments_loses_no_reported_answer(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT), mini=str(MINI_DIR)))
    db = tmp_path / "kill.sqlite"
    rng = random.Random(7)
    reported: list[tuple[str, str, int]] = []
    for run in range(20):
        proc = subprocess.Popen([sys.executable, str(script), str(db), str(run)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().splitlines():
            if line.startswith("saved "):
                _, pid, item, level = line.split()
                reported.append((pid, item, int(level)))
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {(p, i): c for p, i, c in conn.execute(
            "SELECT participant_id, item_id, current FROM answers")}
        conn.close()
        missing = [r for r in reported if stored.get((r[0], r[1])) != r[2]]
        assert missing == [], f"run {run}: {len(missing)} reported answers lost"
    assert len(reported) > 20


def _laptop(tmp_path, name, mini, workshop_id, people, answers):
    """A database standing for one laptop: the shared workshop, some people, some answers."""
    s = Store.open(tmp_path / f"{name}.sqlite")
    s.create_workshop("Shared workshop", mini, on="2026-10-01", workshop_id=workshop_id)
    for pid, pname, role in people:
        s.add_participant(workshop_id, pname, role, participant_id=pid)
    for pid, item, current, target, when in answers:
        s.save_answer(pid, item, current, target, answered_at=when)
    return export_bundle(s, workshop_id)


def test_three_laptops_merge_into_exactly_the_expected_workshop(tmp_path, mini, mini_catalog):
    wid = "11111111-1111-4111-8111-111111111111"
    ann = ("a0000000-0000-4000-8000-000000000001", "Ann", "marketing")
    bob = ("b0000000-0000-4000-8000-000000000002", "Bob", "it")
    cai = ("c0000000-0000-4000-8000-000000000003", "Cai", "it")
    t = "2026-10-01T10:{:02d}:00+00:00".format
    laptop1 = _laptop(tmp_path, "l1", mini, wid, [ann, bob],
                      [(ann[0], "trust-1", 2, 3, t(1)), (bob[0], "trust-1", 4, 4, t(2))])
    # laptop 2 saw Bob too, and Bob changed his mind later there: the later answer wins
    laptop2 = _laptop(tmp_path, "l2", mini, wid, [bob],
                      [(bob[0], "trust-1", 3, 5, t(30)), (bob[0], "meet-1", 1, 2, t(31))])
    # laptop 3 has an older copy of Ann's answer (loses) and a new person
    laptop3 = _laptop(tmp_path, "l3", mini, wid, [ann, cai],
                      [(ann[0], "trust-1", 5, 5, t(0)), (cai[0], "data-1", None, None, t(5))])
    merged = Store.open(tmp_path / "facilitator.sqlite")
    for bundle in (laptop1, laptop2, laptop3):
        apply_import(merged, plan_import(merged, bundle, mini_catalog))
    assert sorted((p.name, p.role) for p in merged.participants(wid)) == [
        ("Ann", "marketing"), ("Bob", "it"), ("Cai", "it")]
    got = sorted((a.participant_id[0], a.item_id, a.current, a.target, a.answered_at)
                 for a in merged.answers_for_workshop(wid))
    assert got == [("a", "trust-1", 2, 3, t(1)), ("b", "meet-1", 1, 2, t(31)),
                   ("b", "trust-1", 3, 5, t(30)), ("c", "data-1", None, None, t(5))]
    # the order of import does not matter
    other = Store.open(tmp_path / "other-order.sqlite")
    for bundle in (laptop3, laptop2, laptop1):
        apply_import(other, plan_import(other, bundle, mini_catalog))
    assert sorted((a.participant_id[0], a.item_id, a.current, a.target, a.answered_at)
                  for a in other.answers_for_workshop(wid)) == got


def test_broken_bundle_leaves_the_database_byte_for_byte(tmp_path, mini, mini_catalog):
    db = tmp_path / "f.sqlite"
    s = Store.open(db)
    w = s.create_workshop("W", mini)
    s.save_answer(s.add_participant(w.id, "Ann", "it").id, "trust-1", 2, 3)
    bundle = export_bundle(s, w.id)
    bundle["participants"].append({"id": "new", "name": "Zed", "role": "it", "title": ""})
    bundle["answers"].append({"participant": "new", "item": "trust-1", "current": 6,
                              "target": 6, "comment": "", "answered_at": "2026-01-01T00:00Z"})
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    with pytest.raises(BundleError, match=r"answers\[1\]\.current"):
        apply_import(s, plan_import(s, bundle, mini_catalog))
    s.close()
    assert db.read_bytes() == before


def test_a_writer_that_read_first_waits_its_turn_instead_of_failing(tmp_path, mini):
    """Several connections write to one file (the window, the answer writer, the local-network
    server). A transaction that reads before it writes must not fail with "locked" because
    another connection committed in between: it holds the write lock from its start."""
    import threading

    path = tmp_path / "t.sqlite"
    first = Store.open(path)
    w = first.create_workshop("W", mini)
    a = first.add_participant(w.id, "A", "marketing")
    b = first.add_participant(w.id, "B", "it")
    second = Store.open(path)
    errors: list[Exception] = []

    def other_writer() -> None:
        try:
            second.save_answer(b.id, "meet-1", 2, 3)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever it was
            errors.append(exc)

    with first.transaction():
        assert first.participants(w.id)  # a read first
        thread = threading.Thread(target=other_writer)
        thread.start()
        time.sleep(0.3)  # the other connection tries to write meanwhile
        first.write_answer(first.answers_for_participant(a.id).get("meet-1")
                           or _answer(a.id))
    thread.join(10)
    assert errors == []
    assert set(first.answers_for_participant(b.id)) == {"meet-1"}
    assert set(first.answers_for_participant(a.id)) == {"meet-1"}
    second.close()
    first.close()


def _answer(participant_id: str):
    from assessment_app.rules.records import Answer
    from assessment_app.rules.stamps import now_iso

    return Answer(participant_id, "meet-1", 1, 2, "", now_iso())
