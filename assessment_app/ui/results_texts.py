"""What the results screen shows of a scored workshop besides its charts: the headlines, who
has finished, the heat map's rows and the drill-down's shares. Plain functions of the scores,
so ``ResultsFeed`` can make them in its thread while a room answers (about 13 ms a refresh
that the UI thread no longer spends)."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.findings import findings, situation
from ..analysis.gap_rows import GapRow, gap_rows
from ..analysis.item_stats import RoleStats
from ..analysis.summary import completion_lines, headlines
from ..analysis.workshop import ScoredWorkshop
from ..i18n import tr
from ..rules.privacy import withheld_label


@dataclass(frozen=True)
class ShownTexts:
    """What the screen shows of a scored workshop besides the charts."""

    headlines: str
    completion: str
    gap_rows: tuple[list[GapRow], list[GapRow]]  # themes, statements


def shown_texts(scored: ScoredWorkshop) -> ShownTexts:
    # one per line (a Unicode line separator: plain text), as the PDF's summary
    lines = [x for x in (situation(scored),) if x] + findings(scored) + headlines(scored)
    return ShownTexts("\u2028".join(f"• {line}" for line in lines),
                      "   ".join(completion_lines(scored)), gap_rows(scored.scores))


def share_of(stats: RoleStats, minimum: int) -> str:
    """'43% of 5', or 'fewer than 3' where the share is withheld (``disclosure``)."""
    if stats.withheld or stats.counts_withheld:
        return withheld_label(minimum)
    share = "–" if stats.share_statement_true is None else f"{stats.share_statement_true:.0f}%"
    return tr("{share} of {count}", share=share, count=stats.n)


