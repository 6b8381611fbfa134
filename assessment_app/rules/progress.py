"""Progress: when an answer is complete and when a participant has finished, in Python and
in SQL (the same rule twice, side by side, so they cannot drift apart)."""

from __future__ import annotations

# An answer is complete with today's level and a target, or with "don't know" (no level today):
# ``Answer.is_complete`` in Python, this condition in SQL over the answers row named ``{row}``.
# The database keeps each participant's count of complete answers with it (migration 4's
# triggers); a change here needs a new migration that rebuilds those triggers and counts.
COMPLETE_SQL = "({row}.current IS NULL OR {row}.target IS NOT NULL)"

# A participant has finished when every item of the questionnaire has a complete answer.
FINISHED_SQL = "({total} > 0 AND {done} >= {total})"  # the same rule in SQL


def has_finished(done: int, total: int) -> bool:
    """``done`` complete answers of ``total`` items: finished ("don't know" counts as done)."""
    return total > 0 and done >= total
