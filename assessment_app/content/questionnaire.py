"""Questionnaires: the items executives answer, their themes, and the five levels.

A questionnaire is either complete (themes and items) or ``extends`` another one and lists the
item ids it reuses (the pulse check-in). Either way the loaded form is self-contained, and its
content hash lets a workshop prove which wording its answers were given against. Reading and
checking the human-edited YAML is ``questionnaire_file``'s job.

An item is asked of both functions about the same fact (``perspective`` "shared", the default:
the two answers compare, so it has a perception gap) or asks each function about itself
(``perspective`` "self", e.g. "marketing hires technology experts" / "IT hires people with
marketing knowledge": two different facts, so no perception gap). A benchmark declares the level
from which its survey statement is true (``true_from``), so the room is compared with the
research on the same footing. ``context`` (per item) and ``business_case`` (per questionnaire)
carry other research findings, each with its source: why a statement matters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, tr, tr_p
from .lineage import Supersedes

ROLES = ("marketing", "it")
# The names as headings and tables show them (English: translate with ``role_label`` and
# ``dimension_label``, or ``tr`` where shown).
ROLE_LABELS = {"marketing": N_("Marketing"), "it": N_("IT")}
DIMENSIONS = ("people", "process", "technology")
DIMENSION_LABELS = {"people": N_("People"), "process": N_("Process"),
                    "technology": N_("Technology")}
LEVEL_COUNT = 5
LEVEL_NAMES = (N_("Ad hoc"), N_("Emerging"), N_("Defined"), N_("Managed"),
               N_("Optimised"))  # levels 1 to 5
PERSPECTIVES = ("shared", "self")  # both functions rate one fact | each rates itself
# The level old snapshots compared benchmarks at (the share at level 4 or 5). Files must declare
# ``true_from``; questionnaires stored before it existed are read with this.
LEGACY_TRUE_FROM = 4


def role_label(role: str) -> str:
    """A function's name as a heading or table shows it, in the current language."""
    label = ROLE_LABELS[role]
    return tr(label)


def role_in_sentence(role: str) -> str:
    """A function's name inside a sentence ('marketing', 'IT'), in the current language."""
    if role == "marketing":
        return tr_p("a function inside a sentence", "marketing")
    return tr_p("a function inside a sentence", "IT")


def dimension_label(dimension: str) -> str:
    """A dimension's name as a heading or table shows it, in the current language (an
    unknown one as it is written)."""
    label = DIMENSION_LABELS.get(dimension)
    return tr(label) if label else dimension


def dimension_in_sentence(dimension: str) -> str:
    """A dimension's name inside a sentence ('people', 'process', 'technology')."""
    if dimension == "people":
        return tr_p("a dimension inside a sentence", "people")
    if dimension == "process":
        return tr_p("a dimension inside a sentence", "process")
    return tr_p("a dimension inside a sentence", "technology")


def level_name(level: int) -> str:
    """The name of level 1 to 5 ('Defined'), in the current language."""
    name = LEVEL_NAMES[level - 1]
    return tr(name)


@dataclass(frozen=True)
class Benchmark:
    """A research figure: the share of each function agreeing with the item's statement, and
    the level (``true_from``) from which that statement is true of the organisation."""

    marketing: float
    it: float
    source: str
    statement: str = ""
    true_from: int = LEGACY_TRUE_FROM


@dataclass(frozen=True)
class Finding:
    """A research finding in Tandem's words with its source: why a statement (or the whole
    workshop) matters."""

    text: str
    source: str


@dataclass(frozen=True)
class Theme:
    id: str
    dimension: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    theme: str
    dimension: str
    text: Mapping[str, str]
    levels: tuple[str, ...]
    weight: float = 1.0
    terms: tuple[str, ...] = ()
    benchmark: Benchmark | None = None
    perspective: str = "shared"
    context: tuple[Finding, ...] = ()
    supersedes: tuple[Supersedes, ...] = ()  # what it was in earlier versions (``lineage``)

    def text_for(self, role: str) -> str:
        return self.text[role]

    @property
    def compared(self) -> bool:
        """Both functions rate the same fact, so their answers compare (a perception gap)."""
        return self.perspective != "self"


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    title: str
    description: str
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    content_hash: str
    extends: str | None = None
    source: str = ""
    business_case: tuple[Finding, ...] = ()
    # a translation (``content.translation``): its language, and the original it shows, whose
    # content and hash it keeps, so what a workshop stores is always the original
    language: str = "en"
    original: Questionnaire | None = field(default=None, compare=False, repr=False)
    _item_index: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._item_index.update({item.id: item for item in self.items})

    def item(self, item_id: str) -> Item | None:
        return self._item_index.get(item_id)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def items_in_theme(self, theme_id: str) -> list[Item]:
        return [item for item in self.items if item.theme == theme_id]

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def label(self) -> str:
        return f"{self.title} (v{self.version}, {len(self.items)} items)"

    def content(self) -> dict[str, Any]:
        """The self-contained, canonical form: what is hashed and stored with a workshop.
        Fields added later (perspective, context, true_from, business_case) appear only when
        they differ from their default, so a questionnaire stored before keeps its hash."""
        if self.original is not None:
            return self.original.content()
        data: dict[str, Any] = {
            "kind": "questionnaire",
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "themes": [
                {"id": t.id, "dimension": t.dimension, "title": t.title,
                 "description": t.description}
                for t in self.themes
            ],
            "items": [_item_content(item) for item in self.items],
        }
        if self.business_case:
            data["business_case"] = [_finding(f) for f in self.business_case]
        return data


def _finding(finding: Finding) -> dict[str, str]:
    return {"text": finding.text, "source": finding.source}


def _item_content(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "theme": item.theme,
        "text": {role: item.text[role] for role in ROLES},
        "levels": list(item.levels),
        "weight": item.weight,
        "terms": list(item.terms),
        "benchmark": None,
    }
    if item.benchmark is not None:
        b = item.benchmark
        data["benchmark"] = {"marketing": b.marketing, "it": b.it, "source": b.source,
                             "statement": b.statement}
        if b.true_from != LEGACY_TRUE_FROM:
            data["benchmark"]["true_from"] = b.true_from
    if item.perspective != "shared":
        data["perspective"] = item.perspective
    if item.context:
        data["context"] = [_finding(f) for f in item.context]
    if item.supersedes:
        data["supersedes"] = {s.ref: s.change for s in item.supersedes}
    return data


def content_hash(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def questionnaire_report(q: Questionnaire) -> dict[str, Any]:
    """The shape ``tandem questionnaire --json`` prints (without actions and glossary)."""
    return {
        "id": q.id,
        "version": q.version,
        "title": q.title,
        "hash": q.content_hash,
        "extends": q.extends,
        "items": [
            {
                "id": item.id, "dimension": item.dimension, "theme": item.theme,
                "text": dict(item.text), "levels": list(item.levels), "weight": item.weight,
                "terms": list(item.terms),
                "benchmark": None if item.benchmark is None else {
                    "marketing": item.benchmark.marketing, "it": item.benchmark.it,
                    "source": item.benchmark.source, "statement": item.benchmark.statement,
                    "true_from": item.benchmark.true_from},
                "perspective": item.perspective,
                "context": [_finding(f) for f in item.context],
                "supersedes": {s.ref: s.change for s in item.supersedes},
            }
            for item in q.items
        ],
        "business_case": [_finding(f) for f in q.business_case],
        "themes": [
            {"id": t.id, "dimension": t.dimension, "title": t.title,
             "description": t.description, "items": [i.id for i in q.items_in_theme(t.id)]}
            for t in q.themes
        ],
    }
