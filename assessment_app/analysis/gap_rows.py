"""The rows of the gap heat map (themes or statements with each function's mean, the gaps, the
don't-know share and the research benchmark), as plain data the screen and the PDF both show.

The perception gap a row shows is the difference of the two means as printed
(``numbers.printed_gap``), so the gap always equals the means beside it; none for a statement
each function rates about itself, and for a theme what ``GroupScore.shown_gap`` decides (none
for a theme holding a self-rated statement, ``self_rated``), the rule the radar reads too. A
figure withheld under the privacy threshold (``disclosure``) reads "fewer than 3"
(``GapRow.mean``), and no gap is shown beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.questionnaire import ROLES, dimension_label
from ..i18n import N_, tr
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from .disclosure import ranking_note
from .item_stats import GroupRoleStats, ItemScore, RoleStats, room_dont_know_share
from .numbers import DECIMALS, fmt, percent, printed_gap, shown
from .scoring import Scores

SELF_MARK = "†"  # beside a theme that shows no perception gap (``GroupScore.self_rated``)
# Shown under a gap table as tr(SELF_RATED_NOTE); it begins with ``SELF_MARK``.
SELF_RATED_NOTE = N_("† This theme holds a statement each function answers about itself, so its "
                     "two means do not measure the same thing and no perception gap is given; "
                     "the statements both functions rate alike each show theirs.")


@dataclass(frozen=True)
class GapRow:
    kind: str  # "theme" or "item"
    id: str
    dimension: str
    theme: str
    statement: str
    marketing: float | None
    it: float | None
    perception_gap: float | None  # as shown: the printed means' difference, or None
    ambition_gap: float | None
    dont_know_share: float | None  # the room's (``item_stats.room_dont_know_share``), as the need
    benchmark: str
    benchmark_sort: float | None
    self_rated: bool = False  # a self-rated statement, or a theme holding one: no gap shown
    withheld: frozenset[str] = frozenset()  # the functions whose means are withheld
    minimum: int = PRIVACY_THRESHOLD  # the privacy threshold they are withheld under
    dont_know_withheld: bool = False  # no function's don't-know share may be shown

    def mean(self, role: str, decimals: int = DECIMALS) -> str:
        """A function's mean as printed: 'fewer than 3' where it is withheld."""
        value = self.marketing if role == "marketing" else self.it
        return shown(value, role in self.withheld, self.minimum, decimals=decimals)

    def unknown(self) -> str:
        """The don't-know share as printed: 'fewer than 3' where it is withheld."""
        if self.dont_know_withheld:
            return withheld_label(self.minimum)
        return percent(self.dont_know_share)


def _withheld(roles: Mapping[str, RoleStats | GroupRoleStats]) -> frozenset[str]:
    return frozenset(role for role in ROLES if roles[role].withheld)


def _unknown_withheld(roles: Mapping[str, RoleStats | GroupRoleStats], share: float | None
                      ) -> bool:
    return share is None and any(roles[role].counts_withheld for role in ROLES)


def _benchmark(s: ItemScore, minimum: int) -> str:
    """'43/50% → here 20/75%': marketing/IT, research then this room, the room's share at or
    above the level from which the statement is true (as the PDF's benchmark page counts it);
    '' without a benchmark."""
    b = s.item.benchmark
    if b is None:
        return ""
    here = "/".join(shown(s.roles[r].share_statement_true, s.roles[r].withheld, minimum,
                          decimals=0) for r in ROLES)
    # Translators: a statement's benchmark: marketing/IT in the research, then in this room
    return tr("{marketing}/{it}% → here {room}%", marketing=fmt(b.marketing, decimals=0),
              it=fmt(b.it, decimals=0), room=here)


def gap_rows(scores: Scores) -> tuple[list[GapRow], list[GapRow]]:
    """(theme rows, item rows) from the scoring engine's results; withheld figures
    (``disclosure``) are None and named in ``withheld``."""
    self_rated = {s.item.id for s in scores.items if not s.item.compared}
    minimum = scores.minimum
    themes = []
    for t in scores.themes:
        share = room_dont_know_share(t.roles)
        themes.append(GapRow("theme", t.id, dimension_label(t.dimension),
                             t.title, "", t.roles["marketing"].mean_current,
                             t.roles["it"].mean_current, t.shown_gap, t.ambition_gap, share,
                             "", None, t.self_rated, _withheld(t.roles), minimum,
                             _unknown_withheld(t.roles, share)))
    titles = {t.id: t.title for t in scores.themes}
    items = []
    for s in scores.items:
        m, i = s.roles["marketing"], s.roles["it"]
        b = s.item.benchmark
        items.append(GapRow("item", s.item.id, dimension_label(s.item.dimension),
                            titles.get(s.item.theme, s.item.theme), s.item.text_for("marketing"),
                            m.mean_current, i.mean_current,
                            None if s.perception_gap is None
                            else printed_gap(m.mean_current, i.mean_current),
                            s.ambition_gap, s.visibility_gap, _benchmark(s, minimum),
                            b.marketing - b.it if b else None, s.item.id in self_rated,
                            _withheld(s.roles), minimum,
                            _unknown_withheld(s.roles, s.visibility_gap)))
    return themes, items



def withheld_sentence(rows: list[GapRow], minimum: int) -> str:
    """What "fewer than N" means, and what the ranking used instead, where one of ``rows``
    holds a withheld figure (``disclosure``); "" otherwise. The PDF's gap tables and the
    screen's heat map print the same sentence."""
    if not any(r.withheld or r.dont_know_withheld for r in rows):
        return ""
    said = tr("“{label}”: fewer than {n} people in that function gave a level (or answered), "
              "so the figure is withheld to protect them.",
              label=withheld_label(minimum).capitalize(), n=minimum)
    return f"{said} {ranking_note(minimum)}"
