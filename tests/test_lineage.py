"""Item lineage: a questionnaire file says what each statement was in earlier versions, checked
on load with the file, item and entry named; the installed core traces every statement to the
41-statement version 1.0, whose file is kept so its workshops stay readable."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assessment_app.content.catalog import load_catalog
from assessment_app.content.lineage import COMPARABLE, pair_items

from .conftest import MINI_DIR

MINI_V2 = """kind: questionnaire
id: mini
version: "2"
title: Mini questionnaire
themes:
  - {id: trust, dimension: people, title: Trust}
items:
  - id: trust-1
    theme: trust
    supersedes: {ENTRY}
    text: The two leaders talk every week.
    levels: [Never, Yearly, Monthly, Weekly, Daily]
"""


def _catalog_with(tmp_path, entry: str):
    shutil.copy(MINI_DIR / "mini.yaml", tmp_path / "mini-1.yaml")
    shutil.copy(MINI_DIR / "glossary.yaml", tmp_path / "glossary.yaml")
    (tmp_path / "mini.yaml").write_text(MINI_V2.replace("{ENTRY}", entry), encoding="utf-8")
    return load_catalog(tmp_path)


@pytest.mark.parametrize("version", ["1.0", "2.0"])
def test_the_installed_core_traces_every_statement_to_each_earlier_version(catalog, version):
    assert catalog.problems == []
    old, core = catalog.find("core", version), catalog.get("core")
    assert old is not None and old is not core
    assert len(catalog.find("core", "1.0").items) == 41  # the 41-statement core stays readable
    assert catalog.default() is core  # new workshops get the newest version
    pairings, dropped = pair_items(old, core, catalog.editions)
    declared = {i.id: s.change for i in core.items for s in i.supersedes if s.version == version}
    paired = {p.item: p.change for p in pairings if p.baseline}
    # what the file declares, and statements identical in both versions as the same
    assert {k: v for k, v in paired.items() if k in declared} == declared
    assert all(v == "same" for k, v in paired.items() if k not in declared)
    assert sum(p.comparable for p in pairings) == len(paired) - sum(
        v not in COMPARABLE for v in paired.values())
    named = {s.item for i in core.items for s in i.supersedes if s.version == version}
    assert set(dropped) == set(old.item_ids) - named - set(paired)
    # the pulse is core statements: against the core it is the same, word for word
    pulse, _ = pair_items(core, catalog.get("pulse"), catalog.editions)
    assert all(p.change == "same" for p in pulse)


def test_a_lineage_entry_that_holds_loads(tmp_path):
    catalog = _catalog_with(tmp_path, "{trust-2@1: reworded}")
    assert catalog.problems == []
    assert [q.version for q in (catalog.get("mini"), catalog.find("mini", "1"))] == ["2", "1"]
    pairings, dropped = pair_items(catalog.find("mini", "1"), catalog.get("mini"),
                                   catalog.editions)
    assert [(p.item, p.baseline, p.change) for p in pairings] == [("trust-1", "trust-2",
                                                                   "reworded")]
    assert dropped == ["trust-1", "meet-1", "data-1"]


@pytest.mark.parametrize("entry, message", [
    ("trust-2", "item 'trust-1': 'supersedes' must be a mapping of old-id@version"),
    ("{trust-2: reworded}", "'supersedes' entry 'trust-2' must be written old-id@version"),
    ("{trust-2@1: moved}", "'supersedes' says trust-2@1 is 'moved'; write same, reworded or "
                           "rescaled"),
    ("{trust-2@0.9: reworded}", "'supersedes' trust-2@0.9: version 0.9 of 'mini' is not "
                                "installed"),
    ("{trust-9@1: reworded}", "'supersedes' trust-9@1: 'mini' v1 has no item 'trust-9'"),
    ("{trust-2@1: same}", "'supersedes' trust-2@1 is called same, but its wording or levels "
                          "differ"),
    ("{trust-2@2: same}", "'supersedes' trust-2@2 names this file's own version"),
])
def test_a_wrong_lineage_is_named_and_the_file_skipped(tmp_path, entry, message):
    catalog = _catalog_with(tmp_path, entry)
    assert any(message in p and "mini.yaml" in p for p in catalog.problems), catalog.problems
    # the good edition still loads; a version merely missing here leaves the file usable
    assert catalog.get("mini").version == ("2" if "not installed" in message else "1")


def test_a_reworded_statement_keeps_its_levels_within_a_major_version(tmp_path):
    """1 to 1.1 promises the same scale: a changed level is a changed fact, never comparable;
    a new wording over the same five levels still is."""
    shutil.copy(MINI_DIR / "mini.yaml", tmp_path / "mini-1.yaml")
    shutil.copy(MINI_DIR / "glossary.yaml", tmp_path / "glossary.yaml")
    minor = MINI_V2.replace('version: "2"', 'version: "1.1"')
    (tmp_path / "mini.yaml").write_text(minor.replace("{ENTRY}", "{meet-1@1: reworded}"),
                                        encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert any("'supersedes' meet-1@1 is called reworded, but its levels differ from v1's: "
               "call it rescaled" in p for p in catalog.problems), catalog.problems
    assert catalog.get("mini").version == "1"
    (tmp_path / "mini.yaml").write_text(minor.replace("{ENTRY}", "{trust-2@1: reworded}"),
                                        encoding="utf-8")
    assert load_catalog(tmp_path).get("mini").version == "1.1"


def test_one_old_statement_is_continued_once(tmp_path):
    shutil.copy(MINI_DIR / "mini.yaml", tmp_path / "mini-1.yaml")
    shutil.copy(MINI_DIR / "glossary.yaml", tmp_path / "glossary.yaml")
    data = yaml.safe_load(MINI_V2.replace("{ENTRY}", "{trust-2@1: reworded}"))
    data["items"].append({**data["items"][0], "id": "trust-3"})
    (tmp_path / "mini.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert any("item 'trust-3': 'supersedes' trust-2@1 is already superseded by item "
               "'trust-1'" in p for p in catalog.problems)


def test_a_workshop_of_the_old_version_stays_readable(store, catalog):
    from assessment_app.analysis.workshop import load_scored_workshop

    old = catalog.find("core", "1.0")
    w = store.create_workshop("Last year", old)
    p = store.add_participant(w.id, "Ana", "marketing")
    store.save_answer(p.id, "vision-3", 2, 3)  # a statement version 2 dropped
    scored = load_scored_workshop(store, w.id, catalog.actions)
    assert len(scored.questionnaire.items) == 41
    assert scored.questionnaire.item("vision-3") is not None
