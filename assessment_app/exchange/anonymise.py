"""Anonymous names for exports that leave the room without people's names (bundles, CSV)."""

from __future__ import annotations

from ..content.questionnaire import ROLE_LABELS, ROLES
from ..store.records import Participant


def anonymous_names(participants: list[Participant]) -> dict[str, str]:
    """"Marketing 1", "IT 2"...: numbered per role in the order participants were added."""
    counters = dict.fromkeys(ROLES, 0)
    names = {}
    for p in participants:
        counters[p.role] += 1
        names[p.id] = f"{ROLE_LABELS[p.role]} {counters[p.role]}"
    return names
