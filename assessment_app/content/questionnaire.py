"""Questionnaires: the items executives answer, loaded from human-edited YAML and validated so
that every mistake is reported with its file, item and field.

A questionnaire is either complete (themes and items) or ``extends`` another one and lists the
item ids it reuses (the pulse check-in). Either way the loaded form is self-contained, and its
content hash lets a workshop prove which wording its answers were given against.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import QuestionnaireError

ROLES = ("marketing", "it")
ROLE_LABELS = {"marketing": "Marketing", "it": "IT"}
DIMENSIONS = ("people", "process", "technology")
DIMENSION_LABELS = {"people": "People", "process": "Process", "technology": "Technology"}
LEVEL_COUNT = 5
BOOL_HINT = "YAML reads yes, no, on and off as true/false: put the text in quotes"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Benchmark:
    """A research figure: the share of each function agreeing with the item's statement."""

    marketing: float
    it: float
    source: str
    statement: str = ""


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

    def text_for(self, role: str) -> str:
        return self.text[role]


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
        """The self-contained, canonical form: what is hashed and stored with a workshop."""
        return {
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
    return data


def content_hash(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Problems:
    """Collects every problem in one file, each prefixed with where it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        prefix = f"{self.source}: {where}: " if where else f"{self.source}: "
        self.messages.append(prefix + message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise QuestionnaireError("\n".join(self.messages))


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def require_text(problems: Problems, where: str, data: Mapping, key: str,
                 required: bool = True) -> str:
    """A non-empty string field; numbers are accepted for ``version``-like fields."""
    if key not in data or data[key] is None:
        if required:
            problems.add(where, f"'{key}' is missing")
        return ""
    value = data[key]
    if isinstance(value, bool):
        problems.add(where, f"'{key}' must be text, found {value} ({BOOL_HINT})")
        return ""
    if not isinstance(value, (str, int, float)):
        problems.add(where, f"'{key}' must be text, found {type_name(value)}")
        return ""
    text = str(value).strip()
    if required and not text:
        problems.add(where, f"'{key}' is empty")
    return text


def require_id(problems: Problems, where: str, data: Mapping, key: str = "id") -> str:
    value = require_text(problems, where, data, key)
    if value and not ID_PATTERN.match(value):
        problems.add(where, f"'{key}' {value!r} may only use lower-case letters, digits, "
                            "'-', '_' and '.'")
    return value


def require_list(problems: Problems, where: str, data: Mapping, key: str,
                 required: bool = True) -> list:
    value = data.get(key)
    if value is None:
        if required:
            problems.add(where, f"'{key}' is missing")
        return []
    if not isinstance(value, list):
        problems.add(where, f"'{key}' must be a list, found {type_name(value)}")
        return []
    if required and not value:
        problems.add(where, f"'{key}' is empty")
    return value


def percentage(problems: Problems, where: str, data: Mapping, key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(where, f"'{key}' must be a percentage from 0 to 100, found "
                            f"{type_name(value) if value is not None else 'nothing'}")
        return 0.0
    if not 0 <= value <= 100:
        problems.add(where, f"'{key}' must be a percentage from 0 to 100, found {value}")
    return float(value)


def _parse_roles_text(problems: Problems, where: str, value: Any) -> dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            problems.add(where, "'text' is empty")
        return {role: value.strip() for role in ROLES}
    if not isinstance(value, Mapping):
        problems.add(where, f"'text' must be text or a mapping of marketing/it wording, "
                            f"found {type_name(value)}")
        return {}
    texts: dict[str, str] = {}
    for role in value:
        if role not in ROLES:
            problems.add(where, f"'text' has unknown role {role!r} (expected marketing, it)")
    for role in ROLES:
        texts[role] = require_text(problems, where, value, role).strip() if role in value else ""
        if role not in value:
            problems.add(where, f"'text.{role}' is missing")
    return texts


def _parse_benchmark(problems: Problems, where: str, value: Any) -> Benchmark | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.add(where, f"'benchmark' must be a mapping, found {type_name(value)}")
        return None
    bwhere = f"{where}: benchmark"
    for key in value:
        if key not in ("marketing", "it", "source", "statement"):
            problems.add(bwhere, f"unknown field {key!r}")
    return Benchmark(
        marketing=percentage(problems, bwhere, value, "marketing"),
        it=percentage(problems, bwhere, value, "it"),
        source=require_text(problems, bwhere, value, "source"),
        statement=require_text(problems, bwhere, value, "statement", required=False),
    )


def _parse_item(problems: Problems, raw: Any, index: int, themes: Mapping[str, Theme]
                ) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.add(f"item #{index + 1}", f"must be a mapping, found {type_name(raw)}")
        return None
    item_id = require_id(problems, f"item #{index + 1}", raw)
    where = f"item {item_id!r}" if item_id else f"item #{index + 1}"
    theme_id = require_text(problems, where, raw, "theme")
    theme = themes.get(theme_id)
    if theme_id and theme is None:
        problems.add(where, f"'theme' {theme_id!r} is not one of the questionnaire's themes")
    text = _parse_roles_text(problems, where, raw.get("text")) if "text" in raw else {}
    if "text" not in raw:
        problems.add(where, "'text' is missing")
    levels_raw = require_list(problems, where, raw, "levels")
    levels: list[str] = []
    if levels_raw and len(levels_raw) != LEVEL_COUNT:
        problems.add(where, f"'levels' needs {LEVEL_COUNT} entries, found {len(levels_raw)}")
    for n, level in enumerate(levels_raw, start=1):
        if isinstance(level, bool):
            problems.add(where, f"'levels' entry {n} must be text, found {level} ({BOOL_HINT})")
        elif not isinstance(level, str) or not level.strip():
            problems.add(where, f"'levels' entry {n} must be non-empty text")
        else:
            levels.append(level.strip())
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        problems.add(where, f"'weight' must be a positive number, found {weight!r}")
        weight = 1
    terms = require_list(problems, where, raw, "terms", required=False)
    if any(not isinstance(t, str) for t in terms):
        problems.add(where, "'terms' must be a list of glossary term ids")
        terms = []
    benchmark = _parse_benchmark(problems, where, raw.get("benchmark"))
    for key in raw:
        if key not in ("id", "theme", "text", "levels", "weight", "terms", "benchmark"):
            problems.add(where, f"unknown field {key!r}")
    return Item(
        id=item_id, theme=theme_id, dimension=theme.dimension if theme else "",
        text=text, levels=tuple(levels), weight=float(weight), terms=tuple(terms),
        benchmark=benchmark,
    )


def _parse_theme(problems: Problems, raw: Any, index: int) -> Theme | None:
    if not isinstance(raw, Mapping):
        problems.add(f"theme #{index + 1}", f"must be a mapping, found {type_name(raw)}")
        return None
    theme_id = require_id(problems, f"theme #{index + 1}", raw)
    where = f"theme {theme_id!r}" if theme_id else f"theme #{index + 1}"
    dimension = require_text(problems, where, raw, "dimension").lower()
    if dimension and dimension not in DIMENSIONS:
        problems.add(where, f"'dimension' {dimension!r} is not one of people, process, technology")
    return Theme(id=theme_id, dimension=dimension,
                 title=require_text(problems, where, raw, "title"),
                 description=require_text(problems, where, raw, "description", required=False))


def _header(problems: Problems, data: Mapping) -> tuple[str, str, str, str]:
    return (require_id(problems, "", data), require_text(problems, "", data, "version"),
            require_text(problems, "", data, "title"),
            require_text(problems, "", data, "description", required=False))


def parse_questionnaire(data: Mapping[str, Any], source: str) -> Questionnaire:
    """Validate a complete questionnaire mapping; raise QuestionnaireError listing every problem."""
    problems = Problems(source)
    qid, version, title, description = _header(problems, data)
    for key in data:
        if key not in ("kind", "id", "version", "title", "description", "themes", "items"):
            problems.add("", f"unknown field {key!r}")
    themes: dict[str, Theme] = {}
    for index, raw in enumerate(require_list(problems, "", data, "themes")):
        theme = _parse_theme(problems, raw, index)
        if theme is None or not theme.id:
            continue
        if theme.id in themes:
            problems.add(f"theme {theme.id!r}", "duplicate id")
        themes[theme.id] = theme
    items: list[Item] = []
    seen: set[str] = set()
    for index, raw in enumerate(require_list(problems, "", data, "items")):
        item = _parse_item(problems, raw, index, themes)
        if item is None or not item.id:
            continue
        if item.id in seen:
            problems.add(f"item {item.id!r}", "duplicate id")
        seen.add(item.id)
        items.append(item)
    for theme in themes.values():
        if items and not any(item.theme == theme.id for item in items):
            problems.add(f"theme {theme.id!r}", "has no items")
    problems.raise_if_any()
    return _build(qid, version, title, description, tuple(themes.values()), tuple(items),
                  source=source)


def _build(qid: str, version: str, title: str, description: str, themes: tuple[Theme, ...],
           items: tuple[Item, ...], source: str, extends: str | None = None) -> Questionnaire:
    draft = Questionnaire(qid, version, title, description, themes, items, "", extends, source)
    return Questionnaire(qid, version, title, description, themes, items,
                         content_hash(draft.content()), extends, source)


def parse_extension(data: Mapping[str, Any], source: str, base: Questionnaire) -> Questionnaire:
    """A questionnaire that reuses a subset of ``base``'s items by id (for example the pulse)."""
    problems = Problems(source)
    qid, version, title, description = _header(problems, data)
    for key in data:
        if key not in ("kind", "id", "version", "title", "description", "extends", "items"):
            problems.add("", f"unknown field {key!r}")
    chosen: list[Item] = []
    for index, raw in enumerate(require_list(problems, "", data, "items")):
        if not isinstance(raw, str):
            problems.add(f"item #{index + 1}", f"must be an item id of questionnaire "
                                               f"{base.id!r}, found {type_name(raw)}")
            continue
        item = base.item(raw)
        if item is None:
            problems.add(f"item {raw!r}", f"is not an item of questionnaire {base.id!r}")
        elif item in chosen:
            problems.add(f"item {raw!r}", "duplicate id")
        else:
            chosen.append(item)
    problems.raise_if_any()
    used = {item.theme for item in chosen}
    themes = tuple(t for t in base.themes if t.id in used)
    order = {t.id: n for n, t in enumerate(themes)}
    items = tuple(sorted(chosen, key=lambda item: order[item.theme]))
    return _build(qid, version, title, description, themes, items, source, extends=base.id)


def questionnaire_from_content(content: Mapping[str, Any], source: str = "stored questionnaire"
                               ) -> Questionnaire:
    """Rebuild a questionnaire from the canonical form stored with a workshop or a bundle."""
    if not isinstance(content, Mapping):
        raise QuestionnaireError(f"{source}: expected a mapping, found {type_name(content)}")
    data = {k: v for k, v in content.items() if k != "kind"}
    return parse_questionnaire(data, source)


def questionnaire_report(q: Questionnaire) -> dict[str, Any]:
    """PRODUCT.md's ``questionnaire --json`` shape (without actions and glossary)."""
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
                    "source": item.benchmark.source, "statement": item.benchmark.statement},
            }
            for item in q.items
        ],
        "themes": [
            {"id": t.id, "dimension": t.dimension, "title": t.title,
             "description": t.description, "items": [i.id for i in q.items_in_theme(t.id)]}
            for t in q.themes
        ],
    }
