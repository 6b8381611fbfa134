"""Radar geometry: the level is the radius, axes go clockwise from the top, gaps break lines."""

import math

import pytest

from assessment_app.analysis.radar_geometry import label_anchor, point, ring, segments


def test_first_axis_points_up_and_radius_is_the_level():
    assert point(3, 0, 4) == pytest.approx((0, 3))
    assert point(2, 1, 4) == pytest.approx((2, 0))  # clockwise: the second axis is on the right
    x, y = point(4.5, 2, 7)
    assert math.hypot(x, y) == pytest.approx(4.5)


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
