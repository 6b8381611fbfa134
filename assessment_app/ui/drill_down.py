"""The results page's drill-down for one statement: how the levels spread by function, what
published research found, and the comments (each with its function, or anonymous)."""

from __future__ import annotations

import html

from ..analysis.drilldown import Distribution, shown_distribution
from ..analysis.scoring import ItemScore
from ..analysis.voice import ANONYMOUS
from ..content.questionnaire import ROLE_LABELS, ROLES
from ..i18n import tr
from .results_texts import share_of


def distribution_html(score: ItemScore, dist: Distribution, minimum: int) -> str:
    """The spread as a small table, the withheld cells' notes, and the research benchmark."""
    shown, notes = shown_distribution(dist, score.roles, minimum)
    rows = []
    for label, cells in shown:
        tds = "".join(f"<td align='right'>&nbsp;{c}&nbsp;</td>" for c in cells)
        rows.append(f"<tr><td>{label}</td>{tds}</tr>")
    labels = [ROLE_LABELS[r] for r in ROLES]
    header = "".join(f"<th>&nbsp;{tr(label)}&nbsp;</th>" for label in labels)
    bench = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
    if score.item.benchmark:
        b = score.item.benchmark
        here = ", ".join(tr("{function} {share}", function=tr(label).lower(),
                            share=share_of(score.roles[r], minimum))
                         for r, label in zip(ROLES, labels, strict=True))
        bench += "<p>" + tr(
            "Research: {marketing}% of marketing and {it}% of IT leaders agreed with the survey "
            "statement ({source}). Here, at level {level} or above, where it holds: {here}.",
            marketing=f"{b.marketing:.0f}", it=f"{b.it:.0f}", source=html.escape(b.source),
            level=b.true_from, here=here) + "</p>"
    return f"<table><tr><th></th>{header}</tr>{''.join(rows)}</table>" + bench


def comment_lines(comments: list[tuple[str, str]], labelled: bool) -> list[str]:
    """Each comment with its function, or as anonymous where the room is too small."""
    lines = []
    for role, text in comments:
        label = ROLE_LABELS[role] if labelled else ANONYMOUS
        lines.append(tr("{who}: {comment}", who=tr(label), comment=text))
    return lines

