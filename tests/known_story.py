"""A workshop whose story is known before it is scored, built through the Store API: 4 marketing
and 4 IT executives on the core questionnaire.

- Process: IT rates it high (4-5), marketing low (1-2): a disagreement on the facts.
- Technology: 3 of the 4 marketers answer "don't know"; the fourth and IT put it at 3.
- People: both functions rate it low (1-2) and want 4: a weakness they agree on.
- One IT executive answers only the first half of the statements.

A sound method puts people actions in the plan and builds nothing on the disputed process."""

from __future__ import annotations

from assessment_app.content.questionnaire import Questionnaire

MARKETING = ("Mara", "Mads", "Mina", "Milo")
IT = ("Ivo", "Iris", "Ian", "Ines")  # Ines answers the first half only


def _answer(dimension: str, role: str, person: int, index: int) -> tuple[int | None, int | None]:
    """(current, target) of one person on one statement; (None, None) is don't know."""
    low = 1 + (person + index) % 2  # 1 or 2
    if dimension == "people":
        return low, 4
    if dimension == "process":
        return (low, 4) if role == "marketing" else (4 + (person + index) % 2, 5)
    if role == "marketing" and person < 3:
        return None, None
    return 3, 4


def known_story(store, questionnaire: Questionnaire) -> str:
    """Create the known-story workshop in ``store`` and return its id."""
    workshop = store.create_workshop("Known story", questionnaire, "Story Ltd")
    items = questionnaire.items
    for role, names in (("marketing", MARKETING), ("it", IT)):
        for person, name in enumerate(names):
            pid = store.add_participant(workshop.id, name, role).id
            answered = items[:len(items) // 2] if name == IT[-1] else items
            for index, item in enumerate(answered):
                current, target = _answer(item.dimension, role, person, index)
                store.save_answer(pid, item.id, current, target)
    return workshop.id
