"""The local store: one SQLite file holding workshops, participants, answers and the plan.

``Store`` is the one door to it; each room behind the door has one job: the connection and its
transactions (``connection``), workshops and their questionnaires (``workshops``), deletions
(``deletions``), participants (``participants``), follow-ups (``series``), answers
(``answers``), the consensus round's state (``consensus_round``), decisions and votes
(``consensus``), the facilitator PIN (``pin_tries``) and the action plan (``plan_entries``).
"""

from __future__ import annotations

from .answers import Answers
from .pin_tries import PinTries
from .plan_entries import PlanEntries
from .series import Series


class Store(Series, Answers, PinTries, PlanEntries):
    """All reads and writes of the database; the UI and the CLI never write SQL themselves."""
