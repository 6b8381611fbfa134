"""Questionnaire files: valid ones load; each malformation gets its own precise message naming
the file, the item and the field; a bad file is skipped while the good ones still load."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from assessment_app.content.catalog import load_catalog

from .conftest import MINI_DIR

GOOD = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")


def load_with(tmp_path, monkeypatch, text: str, name: str = "bad.yaml"):
    """Load a folder holding the mini files plus one extra file; return the catalog."""
    folder = tmp_path / "questionnaires"
    shutil.copytree(MINI_DIR, folder)
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return load_catalog(folder)


def variant(old: str, new: str, qid: str = "other") -> str:
    assert old in GOOD, old
    return GOOD.replace("id: mini\n", f"id: {qid}\n").replace(old, new, 1)


def test_valid_questionnaire_loads_with_its_structure(mini_catalog):
    q = mini_catalog.get("mini")
    assert q.version == "1"
    assert [t.id for t in q.themes] == ["trust", "meetings", "data"]
    assert q.item("trust-2").text == {"marketing": "The two leaders talk weekly.",
                                      "it": "The two leaders talk weekly."}
    assert q.item("meet-1").weight == 2 and q.item("meet-1").benchmark.it == 68
    assert q.item("meet-1").dimension == "process"
    assert len(q.content_hash) == 64


def test_extension_reuses_base_items_by_id(mini_catalog):
    pulse = mini_catalog.get("mini-pulse")
    assert pulse.item_ids == ["trust-1", "data-1"]
    assert pulse.item("trust-1") == mini_catalog.get("mini").item("trust-1")
    assert pulse.content_hash != mini_catalog.get("mini").content_hash


def test_hash_follows_content_not_formatting(tmp_path, monkeypatch, mini):
    reworded = load_with(tmp_path, monkeypatch, variant("IT delivers what", "IT always delivers"))
    original = load_with(tmp_path / "a", monkeypatch, variant("", ""))
    assert reworded.get("other").content_hash != original.get("other").content_hash
    reformatted = load_with(tmp_path / "b", monkeypatch,
                            "# a comment a consultant added\n" + variant("", "").replace(
                                "title: Mini questionnaire", "title:   'Mini questionnaire'"))
    assert reformatted.get("other").content_hash == original.get("other").content_hash


MALFORMED = [
    ("missing field",
     variant("    levels: [None, Informal, Ad hoc, Regular, Chartered]\n", ""),
     "bad.yaml: item 'meet-1': 'levels' is missing"),
    ("wrong type",
     variant("    weight: 2", "    weight: heavy"),
     "bad.yaml: item 'meet-1': 'weight' must be a positive number, found 'heavy'"),
    ("duplicate id",
     variant("  - id: trust-2\n", "  - id: trust-1\n"),
     "bad.yaml: item 'trust-1': duplicate id"),
    ("unknown theme",
     variant("    theme: data\n", "    theme: budget\n"),
     "bad.yaml: item 'data-1': 'theme' 'budget' is not one of the questionnaire's themes"),
    ("wrong level count",
     variant('["No", Partial, Some, Most, Full]', '["No", Partial, Some, Most]'),
     "bad.yaml: item 'data-1': 'levels' needs 5 entries, found 4"),
    ("empty text",
     variant("    text: The two leaders talk weekly.", "    text: '  '"),
     "bad.yaml: item 'trust-2': 'text' is empty"),
    ("bad benchmark percentage",
     variant("marketing: 55, it: 68", "marketing: 155, it: 68"),
     "bad.yaml: item 'meet-1': benchmark: 'marketing' must be a percentage from 0 to 100, "
     "found 155"),
    ("invalid YAML",
     variant("themes:\n", "themes: [\n"),
     "bad.yaml: invalid YAML at line"),
    ("empty file", "   \n", "bad.yaml: the file is empty"),
    ("unknown role",
     variant("it: We hold one view", "finance: We hold one view"),
     "bad.yaml: item 'data-1': 'text' has unknown role 'finance' (expected marketing, it)"),
    ("unknown dimension",
     variant("dimension: people", "dimension: culture"),
     "bad.yaml: theme 'trust': 'dimension' 'culture' is not one of people, process, technology"),
    ("empty level",
     variant("[Never, Yearly, Monthly, Weekly, Daily]", "[Never, Yearly, '', Weekly, Daily]"),
     "bad.yaml: item 'trust-2': 'levels' entry 3 must be non-empty text"),
    ("top level is a list", "- just\n- a list\n",
     "bad.yaml: expected a mapping of fields at the top level, found a list"),
    ("missing kind", GOOD.replace("kind: questionnaire\n", ""),
     "bad.yaml: 'kind' must be one of questionnaire, glossary, actions, translation, "
     "found nothing"),
    ("theme without items",
     variant("  - {id: data, dimension: technology, title: Customer data}\n",
             "  - {id: data, dimension: technology, title: Customer data}\n"
             "  - {id: spare, dimension: technology, title: Spare}\n"),
     "bad.yaml: theme 'spare': has no items"),
    ("misspelt field",
     variant("    weight: 2", "    wieght: 2"),
     "bad.yaml: item 'meet-1': unknown field 'wieght'"),
    ("extension naming a missing item",
     "kind: questionnaire\nid: p2\nversion: '1'\ntitle: P\nextends: mini\nitems: [trust-1, nope]\n",
     "bad.yaml: item 'nope': is not an item of questionnaire 'mini'"),
]


@pytest.mark.parametrize("label,text,message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_reported_precisely_and_skipped(tmp_path, monkeypatch, label, text,
                                                          message):
    catalog = load_with(tmp_path, monkeypatch, text)
    assert any(p.startswith("questionnaires/" + message) for p in catalog.problems), \
        catalog.problems
    # the bad file is skipped; the good ones still load
    assert "other" not in catalog.questionnaires and "p2" not in catalog.questionnaires
    assert set(catalog.questionnaires) == {"mini", "mini-pulse"}


def test_messages_are_distinct():
    assert len({m[2] for m in MALFORMED}) == len(MALFORMED) >= 10


def test_not_utf8_file_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    assert load_catalog(folder).problems == ["q/latin1.yaml: is not UTF-8 text"]


def test_unknown_glossary_term_is_reported(tmp_path, monkeypatch):
    catalog = load_with(tmp_path, monkeypatch, variant("terms: [agile]", "terms: [agile, roi]"))
    assert ("questionnaires/bad.yaml: item 'trust-1': 'terms' names 'roi', which the glossary "
            "does not define") in catalog.problems


def test_action_naming_unknown_item_is_reported(tmp_path, monkeypatch):
    text = textwrap.dedent("""\
        kind: actions
        actions:
          - {id: a1, title: T, description: D, owner: cmo, horizon: 90d, effort: S,
             items: [ghost], source: S}
          - {id: a2, title: T, description: D, lead: boss, horizon: 90d, effort: S,
             items: [trust-1], source: S}
        """)
    catalog = load_with(tmp_path, monkeypatch, text, "more-actions.yaml")
    assert ("questionnaires/more-actions.yaml: action 'a1': 'items' names 'ghost', which no "
            "questionnaire has") in catalog.problems[0]
    assert "action 'a2': 'lead' 'boss' is not one of cmo, cio" in catalog.problems[0]
    assert [a.id for a in catalog.actions] == ["weekly-meeting"]


def test_missing_folder_is_reported(tmp_path):
    catalog = load_catalog(tmp_path / "nowhere")
    assert catalog.questionnaires == {}
    assert "the questionnaires folder is missing" in catalog.problems[0]


def test_yaml_yes_no_trap_gets_a_hint(tmp_path, monkeypatch):
    catalog = load_with(tmp_path, monkeypatch, variant('["No", Partial', "[No, Partial"))
    assert any("item 'data-1': 'levels' entry 1 must be text, found False (YAML reads yes, no, "
               "on and off as true/false: put the text in quotes)" in p for p in catalog.problems)
