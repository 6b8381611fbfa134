"""The voice of the room: what participants wrote beside their answers, grouped by theme and
statement, labelled by function only and never by name.

Where a function has fewer respondents than the privacy threshold, a function label would all
but name them, so then no comment carries a label at all (labelling only the other function
would name them by elimination): each is "a participant" (``disclosure.functions_shown``).
Within a statement comments are in alphabetical order, so their order tells nothing about who
wrote them. ``reports.voice_pages`` lays this out."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.questionnaire import ROLE_LABELS, ROLES, Item
from .disclosure import functions_shown
from .summary import answering
from .workshop import ScoredWorkshop

ANONYMOUS = "A participant"


@dataclass(frozen=True)
class Comment:
    label: str  # "Marketing", "IT" or "A participant": never a name
    text: str


@dataclass(frozen=True)
class Voice:
    labelled: bool  # comments carry their function (no function has too few respondents)
    # (theme title, [(statement, comments)]) in questionnaire order; only what has comments
    themes: tuple[tuple[str, tuple[tuple[Item, tuple[Comment, ...]], ...]], ...]


def labelled(report: ScoredWorkshop) -> bool:
    """Comments may carry their function: every function that answered has at least the
    privacy threshold's number of people who did."""
    return functions_shown((answering(report, role) for role in ROLES), report.minimum)


def voice(report: ScoredWorkshop) -> Voice:
    """The room's comments by theme and statement, labelled as above."""
    role_of = {p.id: p.role for p in report.participants}
    show_role = labelled(report)
    by_item: dict[str, list[Comment]] = {}
    for a in report.answers:
        role = role_of.get(a.participant_id)
        if a.comment.strip() and role in ROLES:
            label = ROLE_LABELS[role] if show_role else ANONYMOUS
            by_item.setdefault(a.item_id, []).append(Comment(label, a.comment))
    themes = []
    for theme in report.questionnaire.themes:
        items = tuple((item, tuple(sorted(by_item[item.id],
                                          key=lambda c: (c.label, c.text.casefold(), c.text))))
                      for item in report.questionnaire.items_in_theme(theme.id)
                      if item.id in by_item)
        if items:
            themes.append((theme.title, items))
    return Voice(show_role, tuple(themes))
