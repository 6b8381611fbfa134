"""Radar geometry: level 1 is the centre and level 5 the outer ring (the questionnaire's
scale), axes go clockwise from the top, each dimension's spokes stay together, gaps break
lines."""

import math
from types import SimpleNamespace

import pytest

from assessment_app.analysis.item_stats import GroupRoleStats, GroupScore
from assessment_app.analysis.radar_geometry import (
    Axis,
    label_anchor,
    point,
    radius,
    ring,
    segments,
    spokes,
)
from assessment_app.analysis.radar_series import radar_axes, theme_values


def test_the_centre_is_level_1_and_the_outer_ring_level_5():
    assert point(1, 3, 7) == pytest.approx((0, 0))
    assert point(5, 0, 4) == pytest.approx((0, 1))  # the first axis points up
    assert point(3, 1, 4, scale=100) == pytest.approx((50, 0))  # clockwise: then the right
    x, y = point(4, 2, 7, scale=8)
    assert math.hypot(x, y) == pytest.approx(6)  # three quarters of the way out
    assert [radius(level) for level in (1, 2, 3, 4, 5)] == [0, 0.25, 0.5, 0.75, 1]


def test_spokes_of_a_dimension_stay_together_with_a_gap_before_each():
    axes = [Axis("a", "People"), Axis("b", "People"), Axis("c", "Process"),
            Axis("d", "Technology"), Axis("e", "Technology")]
    layout = spokes(axes)
    assert layout.slots == 8 and layout.axis_slots == (1, 2, 4, 6, 7)
    assert [(b.name, b.start, b.end) for b in layout.bands] == [
        ("People", 0.5, 2.5), ("Process", 3.5, 4.5), ("Technology", 5.5, 7.5)]
    assert layout.scale_slot == 0  # the ring numbers sit in the empty slot at the top
    plain = spokes(["a", "b", "c"])  # not grouped: one spoke per slot, no gaps
    assert plain.slots == 3 and plain.axis_slots == (0, 1, 2) and not plain.bands


def _theme(ident: str, dimension: str, mean: float) -> GroupScore:
    stats = GroupRoleStats(1, 0, 0.0, mean, None, None)
    return GroupScore(ident, ident.title(), dimension, (), {"marketing": stats, "it": stats},
                      None, None)


def test_radar_axes_order_the_themes_by_dimension_and_the_values_follow():
    scores = SimpleNamespace(themes=(
        _theme("tools", "technology", 1.0), _theme("trust", "people", 2.0),
        _theme("budget", "process", 3.0), _theme("talent", "people", 4.0)))
    axes = radar_axes(scores)
    assert [(a.title, a.group) for a in axes] == [
        ("Trust", "People"), ("Talent", "People"), ("Budget", "Process"),
        ("Tools", "Technology")]
    assert theme_values(scores, "marketing", "mean_current") == [2.0, 4.0, 3.0, 1.0]


def test_ring_is_closed():
    pts = ring(5, 6)
    assert len(pts) == 7 and pts[0] == pts[-1]


def test_complete_series_is_one_closed_polygon():
    paths, closed = segments([1, 2, 3, 4])
    assert closed and len(paths) == 1 and paths[0][0] == paths[0][-1]


def test_missing_value_breaks_the_line_instead_of_inventing_a_point():
    paths, closed = segments([2, None, 3, 4])
    assert not closed
    assert paths == [[point(3, 2, 4), point(4, 3, 4), point(2, 0, 4)]]
    layout = spokes([Axis("a", "P"), Axis("b", "P"), Axis("c", "Q"), Axis("d", "Q")])
    paths, closed = segments([2, None, 3, 4], layout=layout)  # placed on their slots
    assert paths == [[point(3, 4, 6), point(4, 5, 6), point(2, 1, 6)]]


def test_labels_hang_outside():
    assert label_anchor(0, 4) == (0.5, 1.0)  # top: centred, above the point
    assert label_anchor(1, 4) == (0.0, 0.5)  # right: starts at the point
    assert label_anchor(3, 4) == (1.0, 0.5)  # left: ends at the point


def test_labels_next_to_the_bottom_spoke_hang_away_from_each_other():
    """With 15 themes the two spokes beside the bottom are 24° apart; centred labels there
    overlapped on screen, so they must extend outwards, one to each side."""
    left = label_anchor(7, 15)
    right = label_anchor(8, 15)
    assert {left[0], right[0]} == {0.0, 1.0}
