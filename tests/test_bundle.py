"""Bundles: a workshop moves between databases intact; a bad bundle changes nothing and says
exactly what is wrong."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest

from assessment_app.errors import BundleError
from assessment_app.exchange.bundle_export import export_bundle, write_bundle
from assessment_app.exchange.bundle_import import apply_import, import_bundle_file
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.store.database import Store


@pytest.fixture
def filled(store, mini):
    w = store.create_workshop("Alignment day", mini, organization="Ωmega <R&D>", on="2026-05-04")
    a = store.add_participant(w.id, "Zoë Ñúñez", "marketing", "CMO")
    b = store.add_participant(w.id, "王伟", "it", "CIO")
    store.save_answer(a.id, "trust-1", 2, 4, "slow, \"often\" late")
    store.save_answer(a.id, "meet-1", None, None)
    store.save_answer(b.id, "trust-1", 4, 4)
    return store, w


def three_each(store: Store, workshop_id: str) -> None:
    """Two more respondents in each function: an anonymised export needs at least three (the
    privacy threshold; tests/test_anonymise.py)."""
    for n in range(2):
        for role in ("marketing", "it"):
            p = store.add_participant(workshop_id, f"Extra {role} {n}", role, "")
            store.save_answer(p.id, "trust-1", 3, 4)


def snapshot(store: Store, workshop_id: str):
    b = export_bundle(store, workshop_id)
    return b["workshop"], b["participants"], b["answers"]


def test_round_trip_into_an_empty_database_is_identical(filled, tmp_path, mini_catalog):
    store, w = filled
    path = tmp_path / "w.json"
    write_bundle(export_bundle(store, w.id), path)
    other = Store.open(tmp_path / "other.sqlite")
    plan = import_bundle_file(other, path, mini_catalog)
    assert plan.summary()["new_answers"] == 3
    assert snapshot(other, w.id) == snapshot(store, w.id)
    assert other.questionnaire_for(w.id).content_hash == w.questionnaire_hash


def test_importing_twice_changes_nothing(filled, tmp_path, mini_catalog):
    store, w = filled
    path = tmp_path / "w.json"
    write_bundle(export_bundle(store, w.id), path)
    other = Store.open(tmp_path / "other.sqlite")
    import_bundle_file(other, path, mini_catalog)
    other.close()
    before = (tmp_path / "other.sqlite").read_bytes()
    other = Store.open(tmp_path / "other.sqlite")
    plan = import_bundle_file(other, path, mini_catalog)
    assert not plan.changes_anything and plan.unchanged_answers == 3
    other.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.close()
    assert (tmp_path / "other.sqlite").read_bytes() == before


def test_bundle_without_snapshot_uses_installed_questionnaire(filled, tmp_path, mini_catalog):
    store, w = filled
    data = export_bundle(store, w.id)
    del data["questionnaire_content"]
    other = Store.open(tmp_path / "other.sqlite")
    apply_import(other, plan_import(other, data, mini_catalog))
    assert snapshot(other, w.id) == snapshot(store, w.id)


def test_later_answer_wins_when_merging(filled, tmp_path, mini_catalog):
    store, w = filled
    data = export_bundle(store, w.id)
    newer = copy.deepcopy(data)
    answer = next(a for a in newer["answers"] if a["current"] == 2)
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()  # within a day of the clock
    answer.update(current=3, target=5, answered_at=later)
    older = copy.deepcopy(data)
    answer = next(a for a in older["answers"] if a["current"] == 4)
    answer.update(current=1, answered_at="2000-01-01T00:00:00+00:00")
    plan = plan_import(store, newer, mini_catalog)
    assert len(plan.replaced_answers) == 1
    apply_import(store, plan)
    plan = plan_import(store, older, mini_catalog)
    # the older edit and the pre-merge copy of the newer one both lose to what is stored
    assert len(plan.kept_answers) == 2 and not plan.changes_anything
    currents = sorted(str(a["current"]) for a in export_bundle(store, w.id)["answers"])
    assert currents == ["3", "4", "None"]


def test_anonymised_bundle_hides_names_and_titles(filled):
    store, w = filled
    three_each(store, w.id)
    data = export_bundle(store, w.id, anonymise=True, keep_comments=False)
    assert sorted((p["name"], p["title"]) for p in data["participants"]) == [
        ("IT 1", ""), ("IT 2", ""), ("IT 3", ""), ("Marketing 1", ""), ("Marketing 2", ""),
        ("Marketing 3", "")]  # in a random order (tests/test_anonymise.py)
    assert all(a["comment"] == "" for a in data["answers"])
    text = json.dumps(data, ensure_ascii=False)
    assert "Zoë" not in text and "王伟" not in text


def _break(data, how):
    d = copy.deepcopy(data)
    how(d)
    return d


BROKEN = [
    ("wrong format", lambda d: d.update(format="something-else"),
     "bundle: format: must be 'tandem-workshop', found \"something-else\"; this is not a "
     "Tandem workshop bundle."),
    ("newer version", lambda d: d.update(version=7),
     "bundle: version: is 7, made by a newer Tandem (this one reads version 1); update Tandem "
     "to import it."),
    ("missing workshop name", lambda d: d["workshop"].pop("name"),
     "bundle: workshop.name: is missing."),
    ("bad date", lambda d: d["workshop"].update(date="04/05/2026"),
     "bundle: workshop.date: must be a date as YYYY-MM-DD, found '04/05/2026'."),
    ("unknown role", lambda d: d["participants"][1].update(role="finance"),
     "bundle: participants[1].role: must be \"marketing\" or \"it\", found 'finance'."),
    ("level out of range", lambda d: d["answers"][0].update(current=9),
     "bundle: answers[0].current: Today's level must be a whole number from 1 to 5, not 9."),
    ("target below current", lambda d: d["answers"][0].update(current=4, target=2),
     "bundle: answers[0].target: The target level (2) cannot be below today's level (4): "
     "choose 4 or higher (the same level means 'hold this level')."),
    ("unknown item", lambda d: d["answers"][2].update(item="ghost-7"),
     "bundle: answers[2].item: 'ghost-7' is not an item of questionnaire 'mini'."),
    ("unknown participant", lambda d: d["answers"][1].update(participant="nobody"),
     "bundle: answers[1].participant: 'nobody' is not a participant of this workshop."),
    ("bad timestamp", lambda d: d["answers"][0].update(answered_at="yesterday"),
     "bundle: answers[0].answered_at: must be an ISO-8601 time, found 'yesterday'."),
    ("answers not a list", lambda d: d.update(answers={"a": 1}),
     "bundle: answers: must be a list, found an object."),
    ("duplicate participant", lambda d: d["participants"].append(dict(d["participants"][0])),
     None),
]


@pytest.mark.parametrize("label,how,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_bundle_is_refused_with_its_path_and_nothing_is_written(
        filled, tmp_path, mini_catalog, label, how, message):
    store, w = filled
    data = _break(export_bundle(store, w.id), how)
    target_path = tmp_path / "target.sqlite"
    target = Store.open(target_path)
    target.close()
    before = target_path.read_bytes()
    target = Store.open(target_path)
    with pytest.raises(BundleError) as caught:
        apply_import(target, plan_import(target, data, mini_catalog))
    if message:
        assert str(caught.value) == message
    else:
        assert "participants[2].id" in str(caught.value) and "appears twice" in str(caught.value)
    target.close()
    assert target_path.read_bytes() == before


def test_unreadable_files_get_plain_messages(tmp_path, store, mini_catalog):
    path = tmp_path / "b.json"
    path.write_text('{"format": "tandem-workshop", ', encoding="utf-8")
    with pytest.raises(BundleError, match=r"is not a Tandem workshop file, or it was damaged "
                                          r"or changed by hand \(line 1, column 31"):
        import_bundle_file(store, path, mini_catalog)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BundleError, match="not UTF-8 text"):
        import_bundle_file(store, path, mini_catalog)
    path.write_text("", encoding="utf-8")
    with pytest.raises(BundleError, match="the file is empty"):
        import_bundle_file(store, path, mini_catalog)
    with pytest.raises(BundleError, match="cannot be read"):
        import_bundle_file(store, tmp_path / "missing.json", mini_catalog)


def test_failure_midway_through_writing_rolls_back(filled, tmp_path, mini_catalog, monkeypatch):
    store, w = filled
    data = export_bundle(store, w.id)
    target = Store.open(tmp_path / "t.sqlite")
    plan = plan_import(target, data, mini_catalog)
    calls = {"n": 0}
    real = target.write_answer

    def failing(answer):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        real(answer)

    monkeypatch.setattr(target, "write_answer", failing)
    with pytest.raises(OSError):
        apply_import(target, plan)
    assert target.workshops() == []
    assert target.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0


def test_the_edited_plan_travels_with_the_bundle(filled, tmp_path, mini_catalog):
    from assessment_app.analysis.plan import edited, load_plan, mark_agreed, plan_state

    store, w = filled
    someone = store.participants(w.id)[0]
    [entry] = load_plan(store, w.id, mini_catalog.actions)
    mark_agreed(store, w.id, [edited(entry, owner="cio", due="2027-02-01", notes="agreed",
                                     included=True, status="in progress",
                                     accountable=someone.id)])
    data = export_bundle(store, w.id)
    assert data["plan"] == [{"action": "weekly-meeting", "included": True, "owner": "cio",
                             "horizon": "90d", "due": "2027-02-01", "notes": "agreed",
                             "accountable": someone.id, "status": "in progress",
                             "edited_at": store.plan_rows(w.id)[0].edited_at}]
    assert data["plan_agreed_at"] == store.plan_agreed_at(w.id) != ""
    other = Store.open(tmp_path / "o.sqlite")
    plan = plan_import(other, data, mini_catalog)
    assert plan.summary()["plan_taken_from_bundle"]
    apply_import(other, plan)
    [copied] = load_plan(other, w.id, mini_catalog.actions)
    assert (copied.owner, copied.due, copied.notes, copied.status, copied.accountable) == (
        "cio", "2027-02-01", "agreed", "in progress", someone.id)
    assert plan_state(other, w.id) == "agreed"
    three_each(store, w.id)
    anonymous = export_bundle(store, w.id, anonymise=True)
    assert anonymous["plan"][0]["accountable"] in {p["id"] for p in anonymous["participants"]}
    assert anonymous["plan"][0]["accountable"] != someone.id
    stranger = copy.deepcopy(data)
    stranger["plan"][0]["accountable"] = "nobody-here"
    with pytest.raises(BundleError, match=r"plan\[0\]\.accountable.*not a participant"):
        plan_import(Store.open(tmp_path / "y.sqlite"), stranger, mini_catalog)
    broken = copy.deepcopy(data)
    broken["plan"][0]["owner"] = "ceo"
    with pytest.raises(BundleError, match=r"plan\[0\]\.owner"):
        plan_import(Store.open(tmp_path / "x.sqlite"), broken, mini_catalog)
