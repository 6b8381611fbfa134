"""The installed questionnaire content: the shape `questionnaire --json` promises, the research
figures it must carry, and the limits that keep it answerable at a glance."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assessment_app.content.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = ROOT / "questionnaires"

# Word limits: an item is read in a few seconds, a level in one glance.
ITEM_WORDS = 20
LEVEL_WORDS = 18
ACTION_TITLE_WORDS = 9
FINDING_WORDS = 30
# About fifteen minutes: reading each statement and its five levels at 230 words a minute plus
# about 3 seconds for each of the two choices, the 45 statements take about 17 minutes read in
# full (15 when the levels are skimmed, as they are after the first few). The 41-statement
# edition read 2,870 words; splitting double-barrelled statements and adding six topics must
# not make it longer to read.
MAX_WORDS = 2_870
MAX_ITEMS = 45

FORBES = "Forrester / Forbes Insights survey"
RELATIONSHIP_SURVEY = "The current state of the CMO-CIO Relationship"
HUSSON = "Forrester 2021 (Husson)"
EARLIER = f"Earlier Forrester reports, cited in {HUSSON}"

# The research's paired survey figures that are benchmarks: (marketing %, IT %)
# and the level from which the survey statement is true of the organisation, per item. Why
# that level: the first level whose sentence makes the survey statement true as written.
BENCHMARKS = {
    "delivery-1": (45, 70, 3),  # L3: a fast route exists, so IT has adapted its processes
    "vision-1": (49, 68, 3),  # L3: managers can name them: understood and communicated
    "talent-1": (19, 49, 3),  # L3: some hiring asks for both skills
    "goals-3": (78, 81, 3),  # L3: funded in one function: a strategic priority there
    "roles-1": (51, 70, 3),  # L3: some projects truly shared
    "governance-1": (55, 68, 3),  # L3: a joint group approves projects
    "rhythm-1": (45, 61, 4),  # L4: they meet monthly to review objectives (L3 only swaps status)
    "strategy-1": (45, 61, 3),  # L3: a strategy exists, if one-sided
    "customer-data-2": (47, 61, 3),  # L3: key touchpoints designed to collect
    "customer-data-1": (38, 50, 4),  # L4: across touchpoints AND over time (L3 lacks history)
}
# Every other figure of the research, each as words that must appear together in exactly one
# finding (an item's context or the questionnaire's business case), where and with whose name.
FINDINGS = [
    (("43%", "50%", "improved"), "relationship-2", RELATIONSHIP_SURVEY),
    (("54%", "64%", "prepared"), "vision-2", RELATIONSHIP_SURVEY),
    (("23%", "45%", "right level"), "relationship-3", RELATIONSHIP_SURVEY),
    (("one in four", "channels"), "strategy-3", RELATIONSHIP_SURVEY),
    (("one third", "strategic partners"), "relationship-1", HUSSON),
    (("23%", "12%", "low priority"), "delivery-1", HUSSON),
    (("34%", "26%", "integrated"), "integration-3", HUSSON),
    # the article quotes these from Forrester's earlier reports ("In previous reports, ...")
    (("50%", "competitive position"), "business_case", EARLIER),
    (("1.3 times", "growth"), "business_case", EARLIER),
    (("72%", "5%", "margin"), "business_case", EARLIER),
    (("44%", "5%", "profitability"), "business_case", "Infosys"),
]
# Items that ask each function about itself: two different facts, so no perception gap.
SELF_RATED = {"vision-1", "talent-1", "language-2", "goals-2"}
# Words that ask about a change over time, which a maturity level cannot hold (a later pulse
# check measures change by asking the same state again).
TREND = re.compile(r"\b(improv\w*|better|worse|than (a|last) year|past (twelve|12) months|"
                   r"over the last|this year than)\b", re.I)
# Every source an action or finding may name: the research, or Tandem's own practice.
KNOWN_SOURCES = (FORBES, "CMO-CIO Collaboration: Resolving the Paradox", "reported by CIO.com",
                 HUSSON, RELATIONSHIP_SURVEY, "Tandem practice", "Infosys")
NEW_TOPICS = {"AI": "security-3", "return": "governance-4", "Agencies": "delivery-4",
              "Legacy": "strategy-4", "licences": "integration-4", "quality": "customer-data-4"}

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
    """And the installed wording is the edition that fixed the items issue 23 found."""
    assert catalog.get("core").version == "2.1"
    assert catalog.problems == []
    assert set(catalog.questionnaires) == {"core", "pulse"}
    assert catalog.default().id == "core"


def test_core_has_the_shape_the_brief_asks_for(core):
    assert 35 <= len(core.items) <= MAX_ITEMS
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


def test_each_benchmark_declares_the_level_from_which_its_statement_is_true(core):
    raw = yaml.safe_load((QUESTIONNAIRES / "core.yaml").read_text(encoding="utf-8"))
    declared = {item["id"]: item["benchmark"]["true_from"] for item in raw["items"]
                if item.get("benchmark")}  # written in the file, never a default
    benchmarked = {i.id: i.benchmark for i in core.items if i.benchmark is not None}
    assert set(benchmarked) == set(BENCHMARKS) == set(declared)
    for item_id, (marketing, it, true_from) in BENCHMARKS.items():
        b = benchmarked[item_id]
        assert (b.marketing, b.it, b.true_from, declared[item_id]) == (
            marketing, it, true_from, true_from), item_id
        assert b.source == FORBES and b.statement, item_id
    assert len({b.statement for b in benchmarked.values()}) == len(BENCHMARKS)


def findings(questionnaire):
    """(where, finding) for the business case and every item's context."""
    return [("business_case", f) for f in questionnaire.business_case] + [
        (item.id, f) for item in questionnaire.items for f in item.context]


def test_every_research_figure_is_used_exactly_once_with_its_source(core):
    """The twelve paired figures: ten benchmarks, two findings (their survey asked about a
    change, which no state item can be compared with); every other figure a finding."""
    pairs = sorted((int(i.benchmark.marketing), int(i.benchmark.it)) for i in core.items
                   if i.benchmark is not None)
    assert pairs == sorted((m, i) for m, i, _ in BENCHMARKS.values())
    found = findings(core)
    assert len(found) == len(FINDINGS)
    for words_, where, source in FINDINGS:
        matches = [(w, f) for w, f in found if all(x.lower() in f.text.lower() for x in words_)]
        assert len(matches) == 1, (words_, matches)
        [(at, finding)] = matches
        assert at == where and source in finding.source, (words_, at, finding.source)
    for where, finding in found:
        assert words(finding.text) <= FINDING_WORDS, (where, finding.text)
        assert any(k in finding.source for k in KNOWN_SOURCES), (where, finding.source)


def test_items_each_function_rates_about_itself_are_marked_so(core):
    """Both functions rate one fact, or the item says each rates itself: 'marketing hires
    technology experts' and 'IT hires people with marketing knowledge' never disagree."""
    assert {i.id for i in core.items if not i.compared} == SELF_RATED
    subject = re.compile(r"^(people in )?(marketing|it)\b", re.I)
    for item in core.items:
        m, i = (subject.match(item.text[r]) for r in ("marketing", "it"))
        each_about_itself = bool(m and i and m.group(2).lower() == "marketing"
                                 and i.group(2).lower() == "it")
        first_person = re.search(r"\b(my|I)\b", item.text["marketing"]) is not None
        if each_about_itself or first_person:
            assert item.perspective == "self", item.id
        if item.perspective == "self":
            assert each_about_itself or first_person, item.id


def test_no_statement_or_level_asks_about_a_change_over_time(core):
    for item in core.items:
        for text in [*item.text.values(), *item.levels]:
            assert not TREND.search(text), (item.id, text)


def test_the_missing_topics_each_have_a_statement_and_an_action(catalog, core):
    for word, item_id in NEW_TOPICS.items():
        item = core.item(item_id)
        assert word.lower() in (item.text["marketing"] + " " + " ".join(item.levels)).lower()
        assert any(item_id in a.items for a in catalog.actions), item_id


def test_questionnaire_reads_in_about_fifteen_minutes(core):
    total = sum(words(item.text["marketing"]) + sum(words(level) for level in item.levels)
                for item in core.items)
    assert total <= MAX_WORDS
    minutes = (total / 230 * 60 + 6 * len(core.items)) / 60
    assert minutes <= 17


def test_pulse_reuses_core_items_and_covers_every_success_test(catalog, core):
    pulse = catalog.get("pulse")
    assert pulse.extends == "core"
    assert 10 <= len(pulse.items) <= 16
    assert set(pulse.item_ids) <= set(core.item_ids)
    assert {t.dimension for t in pulse.themes} == {"people", "process", "technology"}
    measured = {c.statement for a in catalog.actions for c in a.success_test}
    assert set(pulse.item_ids) <= measured  # nothing in the five minutes that no test reads
    for action in catalog.actions:
        assert set(action.measured_by) <= set(action.items), action.id
    check_in = next(a for a in catalog.actions if a.id == "relationship-check-in")
    assert set(check_in.measured_by) == {"relationship-1", "relationship-2", "relationship-3"}
    assert pulse.business_case == core.business_case


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
        assert 1 <= len(sentences) <= 3, (action.id, len(sentences))
        assert action.success, action.id  # how to tell it worked, in its own field
        assert "worked when" not in action.description, action.id  # said once, not twice
        assert any(k in action.source for k in KNOWN_SOURCES), (action.id, action.source)
    assert answered == item_ids, item_ids - answered
    assert {a.lead for a in actions} == {"cmo", "cio"}
    assert {a.horizon for a in actions} == {"90d", "3-6m", "6-12m"}
    assert {a.effort for a in actions} == {"S", "M", "L"}


def test_actions_credit_the_research_only_for_what_it_says(catalog):
    """Steps the research does not recommend are Tandem's own practice, naming the finding they
    answer (the issue: consent records and security patterns credited to a report that does not
    propose them; the check-in credited to the research for using Tandem's pulse)."""
    by_id = {a.id: a for a in catalog.actions}
    for action_id in ("one-consent-record", "security-patterns", "relationship-check-in",
                      "ai-rules", "data-owners", "licence-clean-up", "retire-legacy",
                      "agency-standards", "technology-value-review"):
        assert by_id[action_id].source.startswith("Tandem practice"), action_id


@pytest.mark.parametrize("recommendation", sorted(RESEARCH_CHECKLIST))
def test_every_research_recommendation_has_an_action(catalog, recommendation):
    titles = [a.title.lower() for a in catalog.actions]
    for needle in RESEARCH_CHECKLIST[recommendation]:
        assert any(needle.lower() in t for t in titles), (recommendation, needle)


def test_cli_reports_the_installed_content_with_glossary(capsys):
    from assessment_app.cli import main

    assert main(["questionnaire", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["id"] == "core" and len(report["items"]) == 45
    item = next(i for i in report["items"] if i["id"] == "delivery-1")
    assert item["benchmark"]["marketing"] == 45 and item["benchmark"]["it"] == 70
    assert item["benchmark"]["true_from"] == 3 and item["perspective"] == "shared"
    assert item["context"][0]["source"] == HUSSON
    assert item["text"]["marketing"] != item["text"]["it"]
    assert len(report["business_case"]) == 4
    assert len(report["actions"]) >= 25 and len(report["glossary"]) >= 15
    assert main(["questionnaire", "--json", "--id", "pulse"]) == 0
    pulse = json.loads(capsys.readouterr().out)
    assert len(pulse["items"]) == 14


def test_the_worked_example_in_the_authoring_guide_is_a_valid_questionnaire(tmp_path):
    """docs/questionnaires.md is what consultants copy from; its examples must load as written."""
    import shutil

    guide = (ROOT / "docs" / "questionnaires.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) == 5
    example, pulse, glossary, _actions, german = blocks
    (tmp_path / "retail.yaml").write_text(example, encoding="utf-8")
    shutil.copy(QUESTIONNAIRES / "glossary.yaml", tmp_path / "glossary.yaml")
    for core in QUESTIONNAIRES.glob("core*.yaml"):  # with the earlier versions it traces
        shutil.copy(core, tmp_path / core.name)
    (tmp_path / "pulse.yaml").write_text(pulse, encoding="utf-8")
    (tmp_path / "retail.de.yaml").write_text(german, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    assert catalog.get("retail").items[0].benchmark.it == 50
    assert catalog.in_language(catalog.get("retail"), "de").theme("stores").title == "Filialsysteme"
    assert catalog.get("pulse").item_ids == ["trust-1", "governance-1", "customer-data-1"]
    from assessment_app.content.actions import parse_actions
    from assessment_app.content.glossary import parse_glossary

    assert parse_glossary(yaml.safe_load(glossary), "guide")[0].term == "DR"
    action = yaml.safe_load(_actions)
    [parsed] = parse_actions(action, "guide", set(catalog.get("core").item_ids))
    assert (parsed.lead, parsed.partner) == ("cio", "cmo")
    assert parsed.success_test[0].statement == "governance-1"


def test_the_statements_fixed_after_version_2_0_say_how_they_changed(catalog):
    """Issue 23's item fixes: a 2.0 workshop compares with a 2.1 follow-up on every statement
    but the four whose levels now mean something else (roles-2 asks a narrower fact); the
    reworded one still compares."""
    from assessment_app.content.lineage import pair_items

    old, core = catalog.find("core", "2.0"), catalog.get("core")
    assert old is not None and core.version == "2.1"
    pairings, dropped = pair_items(old, core, catalog.editions)
    assert dropped == []
    changed = {p.item: p.change for p in pairings if p.change != "same"}
    assert changed == {"language-3": "reworded", "roles-2": "rescaled",
                       "relationship-3": "rescaled", "experience-2": "rescaled",
                       "security-3": "rescaled"}
    assert old.item("rhythm-1").benchmark.true_from == 3
    assert core.item("rhythm-1").benchmark.true_from == 4  # same wording, honest benchmark
