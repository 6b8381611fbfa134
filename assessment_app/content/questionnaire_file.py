"""Reading questionnaire files: human-edited YAML checked so that every mistake is reported
with its file, item and field (all of them at once, not the first only).

The helpers (``Problems``, ``require_*``, ``type_name``) serve the glossary and the action
library too; ``questionnaire_from_content`` rebuilds the canonical form stored with a workshop
or carried by a bundle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import QuestionnaireError
from .questionnaire import (
    DIMENSIONS,
    LEVEL_COUNT,
    ROLES,
    Benchmark,
    Item,
    Questionnaire,
    Theme,
    content_hash,
)

BOOL_HINT = "YAML reads yes, no, on and off as true/false: put the text in quotes"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


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


_TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "text",
                                bool: "true/false", int: "a number", float: "a number"}


def type_name(value: Any, json: bool = False) -> str:
    """What kind of value a file holds where something else belongs, as a message says it.
    ``json=True`` uses JSON's words (bundles: "an object", "null") instead of YAML's
    ("a mapping", "nothing")."""
    if value is None:
        return "null" if json else "nothing"
    if json and type(value) is dict:
        return "an object"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


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
    levels = _parse_levels(problems, where, raw)
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


def _parse_levels(problems: Problems, where: str, raw: Mapping) -> list[str]:
    """The names of an item's five levels, lowest first."""
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
    return levels


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
    themes = _parse_themes(problems, data)
    items = _parse_items(problems, data, themes)
    for theme in themes.values():
        if items and not any(item.theme == theme.id for item in items):
            problems.add(f"theme {theme.id!r}", "has no items")
    problems.raise_if_any()
    return _build(qid, version, title, description, tuple(themes.values()), tuple(items),
                  source=source)


def _parse_themes(problems: Problems, data: Mapping[str, Any]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for index, raw in enumerate(require_list(problems, "", data, "themes")):
        theme = _parse_theme(problems, raw, index)
        if theme is None or not theme.id:
            continue
        if theme.id in themes:
            problems.add(f"theme {theme.id!r}", "duplicate id")
        themes[theme.id] = theme
    return themes


def _parse_items(problems: Problems, data: Mapping[str, Any], themes: Mapping[str, Theme]
                 ) -> list[Item]:
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
    return items


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

