"""What the store accepts as typed text: cleaned as ``rules.text.clean_text`` says, present
where it must be, within the limits of ``rules.text``; anything else is refused with one
sentence (a ``StorageError``) before a write begins."""

from __future__ import annotations

from ..content.questionnaire import ROLES
from ..errors import StorageError
from ..i18n import tr
from ..rules.text import clean_text, too_long


def within_limit(field: str, value: str | None) -> None:
    """Refuse text longer than ``rules.text`` allows, with its one sentence."""
    problem = too_long(field, value)
    if problem:
        raise StorageError(problem)


def workshop_fields(values: dict[str, str]) -> dict[str, str]:
    """A workshop's typed fields (any of name, organization, date) as stored."""
    values = {key: clean_text(value) for key, value in values.items()}
    if "name" in values and not values["name"]:
        raise StorageError(tr("A workshop needs a name."))
    within_limit("workshop name", values.get("name"))  # not translated: a field key
    within_limit("organisation", values.get("organization"))
    return values


def participant_fields(name: str, role: str, title: str) -> tuple[str, str]:
    """A participant's name and title as stored, or one sentence saying what is wrong."""
    name = clean_text(name)
    if not name:
        raise StorageError(tr("A participant needs a name."))
    if role not in ROLES:
        raise StorageError(tr("A participant's role must be marketing or it, not {role}.",
                              role=repr(role)))
    title = clean_text(title)
    within_limit("name", name)
    within_limit("title", title)
    return name, title
