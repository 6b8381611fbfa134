"""A series: a follow-up of a workshop starts with its participants (the same people, known as
such), names the workshop it follows, and both travel in bundles."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from assessment_app.cli import main
from assessment_app.errors import StorageError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.store.database import Store
from assessment_app.store.series import follow_up_name
from assessment_app.ui import dialogs

from .conftest import undo_later_migrations


def _baseline(store, mini):
    w = store.create_workshop("Spring offsite", mini, organization="Ωmega GmbH",
                              on="2026-03-01")
    ana = store.add_participant(w.id, "Ana", "marketing", "CMO")
    ian = store.add_participant(w.id, "Ian", "it", "CIO")
    return w, ana, ian


def test_a_follow_up_copies_the_people_and_knows_who_returns(store, mini):
    w, ana, ian = _baseline(store, mini)
    f = store.create_follow_up(w.id, mini, on="2026-11-01")
    assert (f.follows, f.organization, f.date) == (w.id, "Ωmega GmbH", "2026-11-01")
    assert f.name == "Spring offsite (follow-up)"
    copied = store.participants(f.id)
    assert [(p.name, p.role, p.title) for p in copied] == [("Ana", "marketing", "CMO"),
                                                           ("Ian", "it", "CIO")]
    assert {p.id for p in copied}.isdisjoint({ana.id, ian.id})  # their own records
    newcomer = store.add_participant(f.id, "Noor", "it", "CTO")
    assert [p.name for p in store.returning(w.id, f.id)] == ["Ana", "Ian"]
    assert newcomer.identity == newcomer.id
    assert [x.id for x in store.follow_ups(w.id)] == [f.id]
    # a follow-up of the follow-up still knows Ana as the person of the first workshop
    again = store.create_follow_up(f.id, mini)
    assert [p.name for p in store.returning(w.id, again.id)] == ["Ana", "Ian"]
    with pytest.raises(StorageError, match="YYYY-MM-DD"):
        store.create_follow_up(w.id, mini, on="1 May")


def test_the_series_travels_in_bundles_and_anonymised_ones_leave_it_out(store, mini, tmp_path):
    w, _, _ = _baseline(store, mini)
    f = store.create_follow_up(w.id, mini)
    bundle = export_bundle(store, f.id)
    assert bundle["workshop"]["follows"] == w.id
    assert all(p["person"] for p in bundle["participants"])
    other = Store.open(tmp_path / "other.sqlite")
    apply_import(other, plan_import(other, json.loads(json.dumps(bundle)), "f.json"))
    assert other.workshop(f.id).follows == w.id
    assert [p.person for p in other.participants(f.id)] == [
        p.person for p in store.participants(f.id)]
    anonymised = export_bundle(store, f.id, anonymise=True)
    assert "follows" not in anonymised["workshop"]
    assert not any("person" in p for p in anonymised["participants"])
    bundle["workshop"]["follows"] = 7
    with pytest.raises(Exception, match="workshop.follows"):
        plan_import(Store.open(tmp_path / "third.sqlite"), bundle, "f.json")


def test_follow_up_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "t.sqlite")
    assert main(["--db", db, "demo"]) == 0
    demo = capsys.readouterr().out.strip()
    assert main(["--db", db, "follow-up", "--baseline", demo, "--questionnaire", "pulse",
                 "--date", "2027-06-01"]) == 0
    follow = capsys.readouterr().out.strip()
    store = Store.open(db)
    f = store.workshop(follow)
    assert (f.follows, f.questionnaire_id, f.date) == (demo, "pulse", "2027-06-01")
    assert len(store.participants(follow)) == len(store.participants(demo))
    assert f.name == store.workshop(demo).name.removesuffix(")") + ", follow-up)"
    assert follow_up_name(f.name) == f.name  # a follow-up of a follow-up keeps the name
    assert follow_up_name("Spring") == "Spring (follow-up)"
    assert main(["--db", db, "follow-up", "--baseline", "nope"]) == 1
    assert "no workshop with id nope" in capsys.readouterr().err


def test_start_a_follow_up_from_the_workshop_page(main_window, qtbot, monkeypatch, store, mini):
    w, _, _ = _baseline(store, mini)
    main_window.open_workshop(w.id)
    asked = {}

    def ask(parent, questionnaires, fields=None, follow_up_of=""):
        asked.update(fields=fields, of=follow_up_of)
        return dialogs.WorkshopFields("Autumn check", fields.organization, "2026-10-01", "mini")

    monkeypatch.setattr(dialogs, "ask_workshop", ask)
    qtbot.mouseClick(main_window.workshop.follow_up_button, Qt.LeftButton)
    assert asked["of"] == "Spring offsite" and asked["fields"].name.endswith("(follow-up)")
    [f] = store.follow_ups(w.id)
    assert main_window.workshop.workshop_id == f.id
    assert f.name == "Autumn check" and main_window.workshop.model.rowCount() == 2
    assert "follow-up of “Spring offsite” of 1 March 2026" in main_window.workshop.details.text()


def test_migration_13_gives_older_workshops_no_series(tmp_path, mini):
    import sqlite3

    store = Store.open(tmp_path / "t.sqlite")
    w, ana, _ = _baseline(store, mini)
    store.close()
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    undo_later_migrations(conn, 12)
    conn.execute("PRAGMA user_version = 12")
    conn.commit()
    conn.close()
    again = Store.open(tmp_path / "t.sqlite")
    assert again.workshop(w.id).follows == ""
    assert again.participant(ana.id).identity == ana.id
