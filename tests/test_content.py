"""The installed questionnaire content: the shape PRODUCT.md promises, the research figures it
must carry, and the limits that keep it answerable at a glance."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assessment_app.content.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = ROOT / "assessment_app" / "questionnaires"

# Word limits: an item is read in a few seconds, a level in one glance.
ITEM_WORDS = 20
LEVEL_WORDS = 18
ACTION_TITLE_WORDS = 9

# The twelve paired figures (marketing %, IT %) of ../shared/research/README.md, each of which
# must be the benchmark of exactly one item.
RESEARCH_PAIRS = [(45, 70), (49, 68), (19, 49), (78, 81), (51, 70), (55, 68), (45, 61),
                  (45, 61), (47, 61), (38, 50), (43, 50), (54, 64)]
# A word that identifies the survey statement behind each pair, to check the item asks it.
PAIR_KEYWORDS = {(45, 70): "time-sensitive", (49, 68): "priorities", (19, 49): "hires",
                 (78, 81): "customer intelligence", (51, 70): "ownership",
                 (55, 68): "committee", (47, 61): "touchpoints", (38, 50): "single view",
                 (43, 50): "improved", (54, 64): "prepared"}
MEET_OR_STRATEGY = {"meet", "marketing technology strategy"}  # the two (45, 61) pairs

# The research README's theme list, each mapped to words an action title must contain.
RESEARCH_CHECKLIST = {
    "trust (marketers go around IT)": ["around IT"],
    "personal CMO-CIO relationship": ["relationship"],
    "hybrid talent / marketing technologist": ["marketing technologist", "both skills"],
    "data skills in every function": ["data skills"],
    "shared digital vision": ["digital vision"],
    "shared vocabulary": ["glossary"],
    "regular CMO-CIO meetings": ["CMO-CIO review"],
    "joint committee / governance": ["committee"],
    "clear roles": ["owner"],
    "shared customer KPIs": ["customer measures"],
    "shared bonus modifier": ["bonus"],
    "cross-functional teams": ["mixed team"],
    "delivery speed": ["fast lane"],
    "shifting goals": ["requests change"],
    "selective outsourcing": ["partners"],
    "budget for the marketing-services ecosystem": ["budget"],
    "marketing technology strategy": ["technology strategy"],
    "blueprint": ["blueprint"],
    "single customer view": ["single customer record"],
    "touchpoints that collect data": ["touchpoint"],
    "integration of tools bought around IT": ["integration layer"],
    "security and privacy": ["security", "consent"],
    "customer analytics": ["analytics"],
    "omni-channel / hybrid commerce": ["online-and-in-person"],
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(QUESTIONNAIRES)


@pytest.fixture(scope="module")
def core(catalog):
    return catalog.get("core")


def words(text: str) -> int:
    return len(text.split())


def test_installed_files_load_without_a_single_problem(catalog):
    assert catalog.problems == []
    assert set(catalog.questionnaires) == {"core", "pulse"}
    assert catalog.default().id == "core"


def test_core_has_the_shape_the_brief_asks_for(core):
    assert 35 <= len(core.items) <= 45
    assert 12 <= len(core.themes) <= 15
    per_dimension = Counter(t.dimension for t in core.themes)
    assert set(per_dimension) == {"people", "process", "technology"}
    assert all(4 <= n <= 5 for n in per_dimension.values()), per_dimension
    for theme in core.themes:
        assert 2 <= len(core.items_in_theme(theme.id)) <= 4, theme.id
        assert theme.description


def test_ids_are_unique_in_the_raw_files():
    """The loader rejects duplicates; this checks the shipped files never relied on that."""
    core_raw = yaml.safe_load((QUESTIONNAIRES / "core.yaml").read_text(encoding="utf-8"))
    actions_raw = yaml.safe_load((QUESTIONNAIRES / "actions.yaml").read_text(encoding="utf-8"))
    glossary_raw = yaml.safe_load((QUESTIONNAIRES / "glossary.yaml").read_text(encoding="utf-8"))
    for entries in (core_raw["items"], core_raw["themes"], actions_raw["actions"],
                    glossary_raw["terms"]):
        ids = [e["id"] for e in entries]
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_every_item_has_both_role_texts_and_five_distinct_short_levels(core):
    for item in core.items:
        assert set(item.text) == {"marketing", "it"}, item.id
        for role, text in item.text.items():
            assert text.strip() and words(text) <= ITEM_WORDS, (item.id, role, words(text))
        assert len(item.levels) == 5, item.id
        assert len({level.lower() for level in item.levels}) == 5, item.id
        for level in item.levels:
            assert words(level) <= LEVEL_WORDS, (item.id, level)
            assert level.endswith("."), (item.id, level)
        assert item.weight > 0


def test_items_that_name_the_other_side_are_worded_for_each_role(core):
    """An item where marketing speaks of 'IT' as the other party must not ask IT leaders the
    same sentence, or they would be answering about themselves in the third person."""
    role_specific = 0
    for item in core.items:
        if item.text["marketing"] != item.text["it"]:
            role_specific += 1
            continue
        text = item.text["marketing"]
        assert not re.search(r"\b(we|our|us)\b.*\bIT\b|\bIT\b.*\b(we|us)\b", text), item.id
    assert role_specific >= 15


def test_all_twelve_research_figures_are_benchmarks_exactly_once(core):
    benchmarked = [i for i in core.items if i.benchmark is not None]
    pairs = sorted((int(i.benchmark.marketing), int(i.benchmark.it)) for i in benchmarked)
    assert pairs == sorted(RESEARCH_PAIRS)
    for item in benchmarked:
        b = item.benchmark
        assert 0 <= b.marketing <= 100 and 0 <= b.it <= 100
        assert b.source and b.statement, item.id
        pair = (int(b.marketing), int(b.it))
        asked = (item.text["marketing"] + " " + b.statement).lower()
        if pair in PAIR_KEYWORDS:
            assert PAIR_KEYWORDS[pair] in asked, (item.id, pair)
        else:
            assert any(k in asked for k in MEET_OR_STRATEGY), (item.id, pair)
    statements = [i.benchmark.statement for i in benchmarked]
    assert len(set(statements)) == 12


def test_pulse_reuses_about_twelve_core_items(catalog, core):
    pulse = catalog.get("pulse")
    assert pulse.extends == "core"
    assert 10 <= len(pulse.items) <= 14
    assert set(pulse.item_ids) <= set(core.item_ids)
    assert {t.dimension for t in pulse.themes} == {"people", "process", "technology"}


def test_glossary_covers_the_words_the_two_sides_use_differently(catalog, core):
    terms = {t.id: t for t in catalog.glossary}
    assert len(terms) >= 15
    for required in ("dr", "agile", "customer", "conversion", "platform", "release", "pipeline"):
        assert required in terms, required
    for term in terms.values():
        assert term.marketing and term.it and term.marketing != term.it, term.id
    used = {t for item in core.items for t in item.terms}
    assert used <= set(terms)
    assert len(used) >= 10  # hover help shows up across the questionnaire, not in one corner


def test_acronyms_in_questions_are_known_to_both_sides_or_explained(catalog, core):
    explained = {t.term for t in catalog.glossary} | {"IT", "CMO", "CIO"}
    for item in core.items:
        for text in [*item.text.values(), *item.levels]:
            for acronym in re.findall(r"\b[A-Z]{2,}\b", text):
                assert acronym in explained, (item.id, acronym)


def test_action_library_answers_every_item_with_complete_actions(catalog, core):
    actions = catalog.actions
    assert len(actions) >= 25
    item_ids = set(core.item_ids)
    answered = set()
    for action in actions:
        assert action.items and set(action.items) <= item_ids, action.id
        answered |= set(action.items)
        assert words(action.title) <= ACTION_TITLE_WORDS, action.title
        sentences = re.findall(r"[.!?](?:\s|$)", action.description)
        assert 2 <= len(sentences) <= 4, (action.id, len(sentences))
        assert "worked when" in action.description, action.id  # how to tell it worked
        assert action.source, action.id
    assert answered == item_ids, item_ids - answered
    assert {a.owner for a in actions} == {"cmo", "cio", "both"}
    assert {a.horizon for a in actions} == {"90d", "3-6m", "6-12m"}
    assert {a.effort for a in actions} == {"S", "M", "L"}


@pytest.mark.parametrize("recommendation", sorted(RESEARCH_CHECKLIST))
def test_every_research_recommendation_has_an_action(catalog, recommendation):
    titles = [a.title.lower() for a in catalog.actions]
    for needle in RESEARCH_CHECKLIST[recommendation]:
        assert any(needle.lower() in t for t in titles), (recommendation, needle)


def test_cli_reports_the_installed_content_with_glossary(capsys):
    from assessment_app.cli import main

    assert main(["questionnaire", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["id"] == "core" and len(report["items"]) == 41
    item = next(i for i in report["items"] if i["id"] == "delivery-1")
    assert item["benchmark"]["marketing"] == 45 and item["benchmark"]["it"] == 70
    assert item["text"]["marketing"] != item["text"]["it"]
    assert len(report["actions"]) >= 25 and len(report["glossary"]) >= 15
    assert main(["questionnaire", "--json", "--id", "pulse"]) == 0
    pulse = json.loads(capsys.readouterr().out)
    assert len(pulse["items"]) == 12


def test_the_worked_example_in_the_authoring_guide_is_a_valid_questionnaire(tmp_path):
    """docs/questionnaires.md is what consultants copy from; its examples must load as written."""
    import shutil

    guide = (ROOT / "docs" / "questionnaires.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) == 4
    example, pulse, glossary, _actions = blocks
    (tmp_path / "retail.yaml").write_text(example, encoding="utf-8")
    shutil.copy(QUESTIONNAIRES / "glossary.yaml", tmp_path / "glossary.yaml")
    shutil.copy(QUESTIONNAIRES / "core.yaml", tmp_path / "core.yaml")
    (tmp_path / "pulse.yaml").write_text(pulse, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    assert catalog.get("retail").items[0].benchmark.it == 50
    assert catalog.get("pulse").item_ids == ["trust-1", "governance-1", "customer-data-1"]
    from assessment_app.content.actions import parse_actions
    from assessment_app.content.glossary import parse_glossary

    assert parse_glossary(yaml.safe_load(glossary), "guide")[0].term == "DR"
    action = yaml.safe_load(_actions)
    assert parse_actions(action, "guide", set(catalog.get("core").item_ids))[0].owner == "both"
