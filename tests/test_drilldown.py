from assessment_app.analysis.drilldown import DONT_KNOW, item_comments, item_distribution
from assessment_app.rules.records import Answer, Participant


def test_distribution_counts_levels_and_dont_knows_per_role():
    people = [Participant("m1", "w", "Ann", "marketing", ""),
              Participant("m2", "w", "Bo", "marketing", ""),
              Participant("i1", "w", "Cy", "it", "")]
    answers = [Answer("m1", "x", 2, 3, "slow", "2026-01-01T10:00"),
               Answer("m2", "x", None, None, "", "2026-01-01T10:01"),
               Answer("i1", "x", 4, 4, "fine", "2026-01-01T09:00"),
               Answer("i1", "y", 1, 1, "other item", "2026-01-01T09:00")]
    d = item_distribution("x", people, answers)
    assert d.counts["marketing"][2] == 1 and d.counts["marketing"][DONT_KNOW] == 1
    assert d.counts["it"][4] == 1 and d.total("it") == 1
    assert item_comments("x", people, answers) == [("marketing", "slow"), ("it", "fine")]
