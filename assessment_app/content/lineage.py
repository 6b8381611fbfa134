"""Item lineage: what a statement was in an earlier version of its questionnaire, so a later
workshop is compared with an earlier one only where the two asked the same thing.

An item says ``supersedes: {old-id@version: change}``, one entry per earlier version it traces
(``change``: ``same`` wording and levels, ``reworded`` (the same fact and the same five levels
in other words), or ``rescaled`` (the levels mean something else, so the numbers do not
compare)). An item with no entry for a version it is compared with is ``new``; an old item no
entry names was dropped. Only ``same`` and ``reworded`` statements are compared: rewording must
never show up as progress, nor a new scale as a change of level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import tr

if TYPE_CHECKING:
    from .questionnaire import Item, Questionnaire
    from .questionnaire_file import Problems

CHANGES = ("same", "reworded", "rescaled")
COMPARABLE = frozenset({"same", "reworded"})  # the level's number means the same thing
NEW, DROPPED = "new", "dropped"  # no predecessor in the earlier version | no successor


@dataclass(frozen=True)
class Supersedes:
    """This item was ``item`` in version ``version`` of the questionnaire, changed so."""

    item: str
    version: str
    change: str  # one of CHANGES

    @property
    def ref(self) -> str:
        return f"{self.item}@{self.version}"


def parse_supersedes(problems: Problems, where: str, value: Any) -> tuple[Supersedes, ...]:
    """An item's ``supersedes`` mapping, every mistake named (the entry and what is wrong)."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        problems.add(where, tr("'supersedes' must be a mapping of old-id@version to same, "
                               "reworded or rescaled"))
        return ()
    found: list[Supersedes] = []
    for ref, change in value.items():
        old, at, version = str(ref).rpartition("@")
        if not at or not old or not version:
            problems.add(where, tr("'supersedes' entry {entry} must be written old-id@version, "
                                   "for example trust-1@1.0", entry=repr(str(ref))))
            continue
        if change not in CHANGES:
            problems.add(where, tr("'supersedes' says {entry} is {change}; write same, reworded "
                                   "or rescaled (a statement with no predecessor names none)",
                                   entry=ref, change=repr(change)))
            continue
        if any(s.version == version for s in found):
            problems.add(where, tr("'supersedes' names version {version} twice",
                                   version=version))
            continue
        found.append(Supersedes(old, version, str(change)))
    return tuple(found)


def wording(item: Item) -> tuple[Any, ...]:
    """What a reader sees of an item: both functions' statements and the five levels."""
    return (tuple(sorted(item.text.items())), tuple(item.levels))


def lineage_problems(q: Questionnaire, editions: Mapping[tuple[str, str], Questionnaire]
                     ) -> tuple[list[str], bool]:
    """What is wrong with ``q``'s lineage against the installed earlier editions of it: each
    entry must name an installed version other than its own and one of its items, no old
    statement may be claimed twice, ``same`` must be true to the letter, and ``reworded``
    within one major version (2.0 to 2.1) must keep the five levels word for word: a changed
    level is a changed fact, ``rescaled`` (across a major version, where levels were
    rewritten on purpose, the file's word is taken). True beside the
    messages when the file is wrong (it is skipped); a version that is merely not installed
    here is reported and the file kept, so a folder missing an old file still works."""
    messages: list[str] = []
    missing = 0
    claimed: dict[str, str] = {}
    for item in q.items:
        for s in item.supersedes:
            # Translators: every lineage problem starts with where it is ({where}):
            # "core.yaml: item 'trust-2': 'supersedes' trust-1@1.0"
            at = tr("item {id}", id=repr(item.id))
            values = {"where": f"{q.source}: {at}: 'supersedes' {s.ref}",
                      "version": s.version, "questionnaire": repr(q.id),
                      "item": repr(s.item)}
            old_q = editions.get((q.id, s.version))
            if s.version == q.version:
                messages.append(tr("{where} names this file's own version", **values))
            elif old_q is None:
                missing += 1
                messages.append(tr("{where}: version {version} of {questionnaire} is not "
                                   "installed; keep its file beside this one", **values))
            elif (old := old_q.item(s.item)) is None:
                messages.append(tr("{where}: {questionnaire} v{version} has no item {item}",
                                   **values))
            elif s.ref in claimed:
                messages.append(tr("{where} is already superseded by item {other}",
                                   other=repr(claimed[s.ref]), **values))
            elif s.change == "same" and wording(old) != wording(item):
                messages.append(tr("{where} is called same, but its wording or levels differ: "
                                   "call it reworded or rescaled", **values))
            elif s.change == "reworded" and _major(s.version) == _major(q.version) \
                    and old.levels != item.levels:
                messages.append(tr("{where} is called reworded, but its levels differ from "
                                   "v{version}'s: call it rescaled", **values))
            claimed.setdefault(s.ref, item.id)
    return messages, len(messages) > missing


def _major(version: str) -> str:
    return version.split(".")[0]


def version_key(version: str) -> tuple[Any, ...]:
    """A version for ordering: "2.10" after "2.9"; text that is not numbers sorts by itself."""
    parts = version.split(".")
    if all(p.isdigit() for p in parts):
        return (0, *(int(p) for p in parts))
    return (1, version)


@dataclass(frozen=True)
class Pairing:
    """A follow-up statement and the baseline statement it is compared with (None: new)."""

    item: str
    baseline: str | None
    change: str  # same | reworded | rescaled | new

    @property
    def comparable(self) -> bool:
        return self.change in COMPARABLE


def pair_items(baseline: Questionnaire, followup: Questionnaire,
               editions: Mapping[tuple[str, str], Questionnaire] | None = None
               ) -> tuple[list[Pairing], list[str]]:
    """Each follow-up statement paired with the baseline statement it continues, and the
    baseline statements nothing continues (dropped). A statement is ``same`` where the wording
    and levels are identical (a pulse taken from the same core), else what its ``supersedes``
    says about the baseline's statement, provided that statement is the one the entry names
    (the same wording in an installed edition of that version, or the baseline itself when it
    is an earlier version of the same questionnaire). A statement whose wording changed with
    no lineage is new: an unexplained change is never compared."""
    candidates = list((editions or {}).values())
    if baseline.id == followup.id:
        candidates.append(baseline)
    pairings: list[Pairing] = []
    taken: set[str] = set()
    for item in followup.items:
        pairing = _pairing(item, baseline, candidates, taken)
        if pairing.baseline is not None:
            taken.add(pairing.baseline)
        pairings.append(pairing)
    return pairings, [i.id for i in baseline.items if i.id not in taken]


def _pairing(item: Item, baseline: Questionnaire, candidates: list[Questionnaire],
             taken: set[str]) -> Pairing:
    same = baseline.item(item.id)
    if same is not None and item.id not in taken and wording(same) == wording(item):
        return Pairing(item.id, item.id, "same")
    for s in item.supersedes:
        old = baseline.item(s.item)
        if old is None or s.item in taken:
            continue
        if any(q.version == s.version and (e := q.item(s.item)) is not None
               and wording(e) == wording(old) for q in candidates):
            change = "same" if wording(old) == wording(item) else s.change
            return Pairing(item.id, s.item, change)
    return Pairing(item.id, None, NEW)
