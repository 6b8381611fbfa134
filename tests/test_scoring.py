"""The scoring engine: hand-computed examples, then invariants over generated workshops."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_app.analysis import scoring
from assessment_app.analysis.item_stats import RoleStats
from assessment_app.analysis.numbers import printed_gap, rounded
from assessment_app.analysis.ranking import SUGGESTED_SIZE
from assessment_app.analysis.reasons import item_reason
from assessment_app.content.actions import Action
from assessment_app.content.catalog import load_catalog
from assessment_app.content.questionnaire import ROLES
from assessment_app.content.questionnaire_file import parse_questionnaire
from assessment_app.rules.records import Answer, Participant

from .conftest import MINI_DIR

DK = (None, None)

# 2 marketing and 3 IT executives; (current, target), DK = "don't know", absent = not answered.
ROLE_OF = {"m1": "marketing", "m2": "marketing", "i1": "it", "i2": "it", "i3": "it"}
HAND = {
    "trust-1": {"m1": (2, 3), "m2": (3, 4), "i1": (4, 4), "i2": (3, 5), "i3": (4, 5)},
    "trust-2": {"m1": DK, "m2": (1, 3), "i1": (2, 2), "i2": DK, "i3": (5, 5)},
    "meet-1": {"m1": (2, None), "m2": (3, 4), "i1": (4, 5), "i2": (4, 4)},
    "data-1": {"m1": DK, "m2": DK, "i1": (1, 3), "i2": (2, 3), "i3": (2, 4)},
}


def score_workshop(*args, minimum: int = 1):
    """The arithmetic on hand-sized rooms (two marketers), nothing withheld; the privacy
    threshold's part is tested in test_privacy_everywhere and by the invariants below."""
    return scoring.score_workshop(*args, minimum=minimum)


@cache
def mini_catalog():
    return load_catalog(MINI_DIR)


def participants(role_of: dict[str, str]) -> list[Participant]:
    return [Participant(pid, "w", pid, role, "") for pid, role in role_of.items()]


def answers(table: dict[str, dict[str, tuple]]) -> list[Answer]:
    return [Answer(pid, item_id, current, target, "", "2026-01-01T00:00:00")
            for item_id, row in table.items() for pid, (current, target) in row.items()]


def hand_scores(questionnaire=None, actions=None):
    catalog = mini_catalog()
    return score_workshop(questionnaire or catalog.get("mini"), participants(ROLE_OF),
                          answers(HAND), catalog.actions if actions is None else actions)


def action(action_id: str, *items: str, effort: str = "S", title: str | None = None,
           fixes: str = "build") -> Action:
    return Action(action_id, title or action_id.title(), "", "both", "90d", effort, items, "test",
                  fixes=fixes)


# -- hand-computed ------------------------------------------------------------------------------


def test_item_statistics_per_role():
    s = hand_scores()
    assert s.item("trust-1").roles["marketing"] == RoleStats(
        n=2, dont_know=0, mean_current=2.5, mean_target=3.5, share_at_least_4=0.0, min=2, max=3,
        spread=1, ambition_gap=1.0, dont_know_share=0.0)
    it = s.item("trust-1").roles["it"]
    assert (it.n, it.mean_current, it.mean_target, it.share_at_least_4) == (
        3, pytest.approx(11 / 3), pytest.approx(14 / 3), pytest.approx(200 / 3))
    # a don't-know in each role: counted, never averaged
    assert s.item("trust-2").roles["marketing"] == RoleStats(1, 1, 1.0, 3.0, 0.0, 1, 1, 0, 2.0,
                                                             50.0)
    assert s.item("trust-2").roles["it"] == RoleStats(2, 1, 3.5, 3.5, 50.0, 2, 5, 3, 0.0,
                                                      pytest.approx(100 / 3))
    # m1 gave a level without a target; i3 did not answer at all. meet-1 has a benchmark true
    # from level 4, so the share the research is compared with is the share at 4 or 5
    assert s.item("meet-1").roles["marketing"] == RoleStats(2, 0, 2.5, 4.0, 0.0, 2, 3, 1, 1.0,
                                                            0.0, 0.0)
    assert s.item("meet-1").roles["it"] == RoleStats(2, 0, 4.0, 4.5, 100.0, 4, 4, 0, 0.5, 0.0,
                                                     100.0)
    # marketing only said "don't know"
    assert s.item("data-1").roles["marketing"] == RoleStats(0, 2, None, None, None, None, None,
                                                            None, None, 100.0)


def test_item_gaps_priorities_and_ranking():
    """priority = weight × (ambition + |perception| + 2 × mean don't-know share + shortfall),
    shortfall = max(0, 3.5 - the mean of the functions' means)."""
    s = hand_scores()
    gaps = {i.item.id: (i.perception_gap, i.ambition_gap, i.visibility_gap, i.shortfall,
                        i.priority) for i in s.items}
    # 3.5 - (2.50 + 3.67) / 2 = 0.42: 1 × (1 + 1.17 + 0.42)
    assert gaps["trust-1"] == (pytest.approx(2.5 - 11 / 3), 1.0, 0.0, 0.42, 2.59)
    # ambition (2 + 0) / 2, each role counts once; don't know (50% + 33.3%) / 2, printed 42%
    # → 2 × 0.42; shortfall 3.5 - (1 + 3.5) / 2
    assert gaps["trust-2"] == (-2.5, 1.0, pytest.approx(125 / 3), 1.25, 5.59)
    assert gaps["meet-1"] == (-1.5, 0.75, 0.0, 0.25, 5.0)  # weight 2 × (0.75 + 1.5 + 0.25)
    # IT only gave levels: no perception gap; all of marketing said don't know: 2 × 50% = 1.00;
    # the shortfall is IT's alone: 3.5 - 1.67
    assert gaps["data-1"] == (None, pytest.approx(5 / 3), 50.0, 1.83, 4.5)  # 1.67 + 1 + 1.83
    assert [i.item.id for i in s.ranked_items] == ["trust-2", "meet-1", "data-1", "trust-1"]
    # what each calls for: the largest part of its need (levels, disagreement, don't know)
    assert {i.item.id: i.reason for i in s.items} == {
        "trust-1": "build", "trust-2": "reconcile", "meet-1": "reconcile", "data-1": "build"}
    # two marketing people: one person moving one level moves their mean 0.5
    assert s.tie_margin == 0.5
    ranks = {i.item.id: (i.rank, i.shared_rank, i.tied) for i in s.items}
    assert ranks == {"trust-2": (1, 1, False), "meet-1": (2, 2, False),  # 0.59 apart: no tie
                     "data-1": (3, 3, False), "trust-1": (4, 4, False)}  # 0.50 apart: no tie


def test_theme_and_dimension_means_per_role():
    s = hand_scores()
    trust = s.themes[0]
    assert (trust.id, trust.dimension) == ("trust", "people")
    assert trust.item_ids == ("trust-1", "trust-2")
    m, it = trust.roles["marketing"], trust.roles["it"]
    assert (m.n, m.dont_know, m.dont_know_share) == (3, 1, 25.0)
    assert (m.mean_current, m.mean_target, m.ambition_gap) == (1.75, 3.25, 1.5)
    assert (it.n, it.dont_know, it.dont_know_share) == (5, 1, pytest.approx(100 / 6))
    assert (it.mean_current, it.mean_target) == (pytest.approx(43 / 12), pytest.approx(49 / 12))
    assert trust.perception_gap == pytest.approx(-11 / 6) and trust.ambition_gap == 1.0
    data = s.themes[2]
    assert data.roles["marketing"].mean_current is None
    assert data.roles["marketing"].dont_know_share == 100.0
    assert data.perception_gap is None
    assert [(d.id, d.title) for d in s.dimensions] == [
        ("people", "People"), ("process", "Process"), ("technology", "Technology")]
    assert s.dimensions[0].roles == trust.roles


def test_weighted_means_skip_unanswered_items_and_renormalise():
    data = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    data["themes"] = [t for t in data["themes"] if t["id"] != "data"]
    items = {item["id"]: item for item in data["items"]}
    items["trust-2"]["weight"] = 3
    items["data-1"]["theme"] = "trust"
    s = hand_scores(parse_questionnaire(data, "weighted"))
    trust = s.themes[0]
    # marketing has no level on data-1: (2.5 × 1 + 1 × 3) / (1 + 3)
    assert trust.roles["marketing"].mean_current == 1.375
    # IT: (11/3 × 1 + 3.5 × 3 + 5/3 × 1) / 5
    assert trust.roles["it"].mean_current == pytest.approx(19 / 6)
    assert [d.id for d in s.dimensions] == ["people", "process"]
    assert s.item("trust-2").priority == 16.77  # 3 × (1 + 2.5 + 0.84 + 1.25)


def self_rated(*item_ids: str):
    """The mini questionnaire with the given items asked of each function about itself."""
    data = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    for item in data["items"]:
        if item["id"] in item_ids:
            item["perspective"] = "self"
    return parse_questionnaire(data, "self-rated")


def test_an_item_each_function_rates_about_itself_has_no_perception_gap():
    s = hand_scores(self_rated("trust-1"))
    trust_1 = s.item("trust-1")
    assert trust_1.perception_gap is None
    assert trust_1.roles == hand_scores().item("trust-1").roles  # the levels are all still there
    assert trust_1.priority == 1.42  # weight 1 × (ambition 1.00 + shortfall 0.42)
    assert "no perception gap: each function rates itself" in item_reason(trust_1, "Trust")
    # the theme's gap compares only what both functions rate alike: trust-2, 1.00 - 3.50
    trust = s.themes[0]
    assert trust.perception_gap == -2.5
    assert trust.roles == hand_scores().themes[0].roles  # its means keep every statement
    assert s.dimensions[0].perception_gap == -2.5
    only_self = hand_scores(self_rated("trust-1", "trust-2"))
    assert only_self.themes[0].perception_gap is None


def test_an_action_draws_on_all_its_statements_with_diminishing_returns():
    [weekly] = hand_scores().actions
    assert (weekly.action.id, weekly.item_ids, weekly.main_item) == (
        "weekly-meeting", ("trust-2", "meet-1"), "trust-2")
    # 5.59 + 5.00 / 2, a small effort; it builds (a meeting) where the main statement's largest
    # part is the disagreement, so it counts half
    assert (weekly.value, weekly.own_priority, weekly.priority) == (8.09, 4.04, 4.04)
    assert (weekly.rank, weekly.suggested, weekly.kind) == (1, True, "quick win")
    assert weekly.reasons == (
        "Ranked here mainly by trust-2 (Trust), where IT rates it 2.50 levels higher than "
        "marketing and the room puts it 1.25 levels below 3.50; meet-1 adds to it.",
        "priority 4.04 = value 8.09 ÷ 1 for a small effort × 0.5, as it does building where "
        "trust-2 calls for establishing the facts; value = 5.59 + 0.5 × 5.00",
        "trust-2 (Trust): priority 5.59 = weight 1 × (ambition gap 1.00 + perception gap 2.50 "
        "+ visibility 0.84 + shortfall 1.25); Marketing at 1.00 wants +2.00, 1 don't know, IT "
        "at 3.50 wants +0.00, 1 don't know",
        "meet-1 (Meetings): priority 5.00 = weight 2 × (ambition gap 0.75 + perception gap "
        "1.50 + visibility 0.00 + shortfall 0.25); Marketing at 2.50 wants +1.00, IT at 4.00 "
        "wants +0.50",
    )


def test_effort_divides_the_value_and_the_plan_counts_a_shared_statement_less():
    meet = "reconcile"  # what meet-1 calls for, so no action here is discounted as a misfit
    library = [action("z-small", "meet-1", fixes=meet),
               action("a-large", "meet-1", effort="L", fixes=meet),
               action("low", "data-1"), action("ghost", "nowhere-9"),
               action("b-medium", "meet-1", "data-1", "nowhere-9", effort="M", fixes=meet)]
    ranked = hand_scores(actions=library).actions
    assert [(a.action.id, a.value, a.own_priority) for a in ranked] == [
        ("b-medium", 7.25, 5.8),  # (5.00 + 4.50 / 2) ÷ 1.25
        ("z-small", 5.0, 5.0),  # 5.00 ÷ 1
        ("low", 4.5, 4.5),
        ("a-large", 5.0, 3.33)]  # 5.00 ÷ 1.5
    # in the plan, a statement already answered above counts half, then a quarter
    assert [(a.priority, a.plan_value) for a in ranked] == [
        (5.8, 7.25), (2.5, 2.5), (2.25, 2.25), (0.83, 1.25)]
    assert ranked[0].item_ids == ("meet-1", "data-1")
    assert ranked[1].reasons[2] == (
        "In the plan: priority 2.50 = value 2.50 ÷ 1; value = 0.5 × 5.00, as meet-1 counts 0.5 "
        "because 'B-Medium' above already answers it.")
    assert ranked[3].reasons[2] == (
        "In the plan: priority 0.83 = value 1.25 ÷ 1.5; value = 0.25 × 5.00, as meet-1 counts "
        "0.25 because 'B-Medium' and 'Z-Small' above already answer it.")
    assert ranked[2].reasons[0] == ("Ranked here by one statement, data-1 (Customer data), where "
                                    "the room puts it 1.83 levels below 3.50 and the room wants "
                                    "to climb 1.67 levels.")
    # the value median is 5.00: a large action at or above it is a big bet
    assert [a.kind for a in ranked] == ["quick win", "quick win", "fill-in", "big bet"]
    # a third action resting mainly on meet-1 is held back although places are free
    assert [(a.suggested, a.held_back) for a in ranked] == [
        (True, False), (True, False), (True, False), (False, True)]


def test_at_most_two_suggested_actions_rest_mainly_on_one_statement():
    library = [action(f"meet-{n}", "meet-1", fixes="reconcile") for n in range(4)] + [
        action("data", "data-1")]
    ranked = hand_scores(actions=library).actions
    # after meet-0, meet-1 counts half for the next action on it, so data comes second
    assert [(a.action.id, a.suggested, a.held_back) for a in ranked] == [
        ("meet-0", True, False), ("data", True, False), ("meet-1", True, False),
        ("meet-2", False, True), ("meet-3", False, True)]
    assert ("Held back from the first 8 places: 2 actions there already rest mainly on "
            "meet-1.") in ranked[3].reasons


def test_near_ties_are_reported_as_ties():
    library = [action("first", "data-1", "trust-1"), action("second", "trust-2", fixes="reconcile"),
               action("far", "meet-1", fixes="reconcile")]
    ranked = hand_scores(actions=library).actions
    # 4.50 + 2.59 / 2 = 5.79 and 5.59 are within one marketing person moving one level (0.50)
    assert [(a.action.id, a.priority, a.shared_rank, a.tied) for a in ranked] == [
        ("first", 5.79, 1, True), ("second", 5.59, 1, True), ("far", 5.0, 3, False)]
    assert ranked[1].reasons[2] == ("Tied with 'First': the priorities differ by less than one "
                                    "person moving one level.")


def test_reasons_add_up_to_the_priority_they_state():
    # ambition (1 + 1.25) / 2 = 1.125 shows as 1.12, perception 3.8 - 3 as 0.80 and shortfall
    # 3.5 - 3.4 as 0.10: the priority is 2 × (1.12 + 0.80 + 0.10) = 4.04, not 2 × 2.025 = 4.05
    roles = {f"m{n}": "marketing" for n in range(5)} | {f"i{n}": "it" for n in range(4)}
    levels = [(3, 4)] + [(4, 5)] * 4 + [(3, 4), (3, 5), (3, 4), (3, 4)]
    table = {"meet-1": dict(zip(roles, levels, strict=True))}
    catalog = mini_catalog()
    s = score_workshop(catalog.get("mini"), participants(roles), answers(table), catalog.actions)
    meet = s.item("meet-1")
    assert rounded(meet.ambition_gap) == 1.12 and rounded(abs(meet.perception_gap)) == 0.8
    assert meet.priority == 4.04
    assert s.actions[0].reasons[2].startswith(
        "meet-1 (Meetings): priority 4.04 = weight 2 × (ambition gap 1.12 + perception gap 0.80 "
        "+ visibility 0.00 + shortfall 0.10)")


def test_nobody_answered_means_no_numbers_and_no_priority():
    catalog = mini_catalog()
    s = score_workshop(catalog.get("mini"), participants(ROLE_OF), [], catalog.actions)
    for score in (*s.items, *s.themes, *s.dimensions):
        assert score.perception_gap is None and score.ambition_gap is None
    assert all(i.priority is None and i.visibility_gap is None for i in s.items)
    [weekly] = s.actions
    assert weekly.priority is None and not weekly.suggested
    assert weekly.reasons == (
        "No statement it answers has been answered yet, so it has no priority.",
        "meet-1 (Meetings): no answer yet, so no priority",
        "trust-2 (Trust): no answer yet, so no priority")


def test_a_statement_one_function_cannot_see_is_not_ranked_last():
    """The issue's case: every IT respondent said don't know. It still ranks, by what marketing
    wants and by the blindness itself."""
    table = {"data-1": {"m1": (1, 3), "m2": (2, 4), "i1": DK, "i2": DK, "i3": DK},
             "trust-1": {pid: (3, 3) for pid in ROLE_OF}}
    catalog = mini_catalog()
    s = score_workshop(catalog.get("mini"), participants(ROLE_OF), answers(table),
                       catalog.actions)
    data = s.item("data-1")
    assert (data.perception_gap, data.ambition_gap, data.visibility_gap) == (None, 2.0, 50.0)
    # ambition 2.00 + visibility 2 × 50% = 1.00 + shortfall 3.5 - 1.5 = 2.00
    assert data.priority == 5.0
    assert s.ranked_items[0].item.id == "data-1"


def test_answers_of_strangers_and_unknown_items_are_ignored():
    extra = answers({"trust-1": {"stranger": (5, 5)}, "gone-1": {"m1": (5, 5)}})
    catalog = mini_catalog()
    s = score_workshop(catalog.get("mini"), participants(ROLE_OF), answers(HAND) + extra,
                       catalog.actions)
    assert s == hand_scores()


def test_scoring_and_report_stay_free_of_qt():
    code = ("import sys, assessment_app.analysis.scoring, assessment_app.reports.results_report; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'numpy', 'sqlite_utils')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent).stdout
    assert out.strip() == "[]"


# -- invariants over generated workshops ---------------------------------------------------------

NOT_ANSWERED = "not answered"
ANY_ROLE = st.sampled_from(ROLES)
TARGETS = {"any": lambda c: st.none() | st.integers(c, 5), "none": lambda c: st.none(),
           "all": lambda c: st.integers(c, 5)}


def answer_specs(targets="any"):
    level = st.integers(1, 5).flatmap(lambda c: st.tuples(st.just(c), TARGETS[targets](c)))
    return st.sampled_from([NOT_ANSWERED, DK]) | level


def workshops(roles=ANY_ROLE, targets="any"):
    """(participants, answers) on the mini questionnaire: uneven roles, mixed don't-knows."""
    item_ids = mini_catalog().get("mini").item_ids
    person = st.tuples(roles, st.lists(answer_specs(targets), min_size=len(item_ids),
                                       max_size=len(item_ids)))

    def build(people):
        role_of = {f"p{n}": role for n, (role, _) in enumerate(people)}
        table = {item_id: {f"p{n}": specs[k] for n, (_, specs) in enumerate(people)
                           if specs[k] != NOT_ANSWERED}
                 for k, item_id in enumerate(item_ids)}
        return participants(role_of), answers(table)

    return st.lists(person, max_size=7).map(build)


def score(workshop, minimum: int = scoring.PRIVACY_THRESHOLD):
    catalog = mini_catalog()
    return scoring.score_workshop(catalog.get("mini"), *workshop, catalog.actions,
                                  minimum=minimum)


def assert_plan_rules(s):
    """The suggested plan: at most eight, each with a real gap, at most two resting mainly on
    one statement, first in the ranking, its priorities falling; ranks and ties consistent."""
    suggested = [a for a in s.actions if a.suggested]
    assert len(suggested) <= SUGGESTED_SIZE
    assert s.actions[:len(suggested)] == tuple(suggested)
    assert all(a.priority > 0 for a in suggested)
    assert max(Counter(a.main_item for a in suggested).values(), default=0) <= 2
    priorities = [a.priority for a in suggested]
    assert priorities == sorted(priorities, reverse=True)
    assert [a.rank for a in s.actions] == list(range(1, len(s.actions) + 1))
    for a in s.actions:
        first = s.actions[a.shared_rank - 1]
        assert first.shared_rank == a.shared_rank <= a.rank
        if a.priority is not None and first.priority is not None:
            assert abs(first.priority - a.priority) < s.tie_margin + 1e-9
        assert a.own_priority is None or a.priority <= a.own_priority


def within(value, low, high):
    return value is None or low <= value <= high


@settings(max_examples=150, deadline=None)
@given(workshops())
def test_numbers_stay_in_their_ranges(workshop):
    people, given_answers = workshop
    role_of = {p.id: p.role for p in people}
    s = score(workshop)
    for item in s.items:
        for role, r in item.roles.items():
            asked = [a for a in given_answers
                     if a.item_id == item.item.id and role_of[a.participant_id] == role]
            assert r.n + r.dont_know == len(asked)
            assert r.dont_know == sum(a.current is None for a in asked)
            # withheld: a few gave levels, or none did and the few who answered all said
            # "don't know" (a dash would say so)
            assert r.withheld == (0 < r.n < s.minimum or (r.n == 0 and 0 < r.dont_know < s.minimum))
            if r.n == 0 or r.withheld:
                assert (r.mean_current, r.share_at_least_4, r.min, r.max, r.spread) == (None,) * 5
                continue
            assert 1 <= r.min <= r.mean_current <= r.max <= 5 and r.spread == r.max - r.min
            assert within(r.mean_target, 1, 5) and within(r.share_at_least_4, 0, 100)
            assert within(r.ambition_gap, 0, 4)
        # ambition up to 4, perception up to 4, visibility up to 2 (nobody can say)
        assert within(item.perception_gap, -4, 4) and within(item.priority, 0,
                                                              10 * item.item.weight)
        assert within(item.visibility_gap, 0, 100)
    for group in (*s.themes, *s.dimensions):
        for r in group.roles.values():
            assert within(r.mean_current, 1, 5) and within(r.mean_target, 1, 5)
            assert within(r.dont_know_share, 0, 100)
    assert_plan_rules(s)


@settings(max_examples=100, deadline=None)
@given(workshops(targets="all"))
def test_with_every_target_set_ambition_is_target_minus_current(workshop):
    for item in score(workshop, minimum=1).items:
        for r in item.roles.values():
            if r.n:
                assert r.ambition_gap == pytest.approx(r.mean_target - r.mean_current)


@settings(max_examples=100, deadline=None)
@given(workshops(), st.randoms(use_true_random=False))
def test_participant_and_answer_order_change_nothing(workshop, rnd):
    people, given_answers = (list(x) for x in workshop)
    expected = score(workshop)
    rnd.shuffle(people)
    rnd.shuffle(given_answers)
    assert score((people, given_answers)) == expected


@settings(max_examples=100, deadline=None)
@given(workshops(), st.sampled_from(ROLES), st.integers(0, 3))
def test_a_dont_know_changes_no_level_and_never_lowers_a_priority(workshop, role, item_index):
    """A don't-know is counted (the visibility gap), never averaged: every number made of levels
    stays as it was, and the statement's priority can only rise."""
    people, given_answers = workshop
    item_id = mini_catalog().get("mini").item_ids[item_index]
    before = score(workshop, minimum=1)  # the arithmetic; withholding is tested elsewhere
    newcomer = Participant("newcomer", "w", "New", role, "")
    after = score((people + [newcomer],
                   given_answers + [Answer("newcomer", item_id, None, None, "", "t")]),
                  minimum=1)
    level_fields = ("n", "mean_current", "mean_target", "share_at_least_4", "min", "max",
                    "spread", "ambition_gap", "share_statement_true")
    for old, new in zip(before.items, after.items, strict=True):
        for r in ROLES:
            assert [getattr(new.roles[r], f) for f in level_fields] == [
                getattr(old.roles[r], f) for f in level_fields]
        assert (new.perception_gap, new.ambition_gap) == (old.perception_gap, old.ambition_gap)
        if old.item.id != item_id:
            assert (new.visibility_gap, new.priority) == (old.visibility_gap, old.priority)
        else:
            assert new.roles[role].dont_know == old.roles[role].dont_know + 1
            assert new.priority is not None and new.priority >= (old.priority or 0)
    for old, new in zip((*before.themes, *before.dimensions), (*after.themes, *after.dimensions),
                        strict=True):
        assert (new.perception_gap, new.ambition_gap) == (old.perception_gap, old.ambition_gap)
        added = int(item_id in old.item_ids)
        assert new.roles[role].dont_know == old.roles[role].dont_know + added


def visibility(item) -> float:
    """2 × the don't-know share as printed (whole percent)."""
    return rounded(2 * round(item.visibility_gap or 0) / 100)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ROLES).flatmap(lambda role: workshops(roles=st.just(role))))
def test_a_workshop_with_one_role_has_no_perception_gap(workshop):
    s = score(workshop)
    assert all(x.perception_gap is None for x in (*s.items, *s.themes, *s.dimensions))
    for item in s.items:
        assert item.priority is None or item.priority == rounded(
            item.item.weight * (rounded(item.ambition_gap or 0) + visibility(item)
                                + (item.shortfall or 0)))


@settings(max_examples=100, deadline=None)
@given(workshops(targets="none"))
def test_answers_without_targets_give_no_ambition(workshop):
    s = score(workshop)
    for item in s.items:
        assert all(r.mean_target is None and r.ambition_gap is None for r in item.roles.values())
        assert item.ambition_gap is None
        expected = None if item.visibility_gap is None else rounded(
            item.item.weight * (abs(printed_gap(item.roles["marketing"].mean_current,
                                                item.roles["it"].mean_current) or 0)
                                + visibility(item)
                                + (item.shortfall or 0)))
        assert item.priority == expected
