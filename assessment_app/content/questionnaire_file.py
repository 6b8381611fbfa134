"""Reading questionnaire files: human-edited YAML checked so that every mistake is reported
with its file, item and field (all of them at once, not the first only).

The helpers (``Problems``, ``require_*``, ``type_name``) serve the glossary and the action
library too; ``questionnaire_from_content`` rebuilds the canonical form stored with a workshop
or carried by a bundle.

Numbers are checked at the door: a weight, a percentage or a level that is not a finite number
in its range (NaN, infinity, 10**400) is one message naming the file, the item and the field,
never an exception further on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ..errors import QuestionnaireError
from ..i18n import N_, tr
from .file_places import named, numbered, unknown_field
from .lineage import parse_supersedes
from .questionnaire import (
    DIMENSIONS,
    LEGACY_TRUE_FROM,
    LEVEL_COUNT,
    PERSPECTIVES,
    ROLES,
    Benchmark,
    Finding,
    Item,
    Questionnaire,
    Theme,
    content_hash,
)

BOOL_HINT = N_("YAML reads yes, no, on and off as true/false: put the text in quotes")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_WEIGHT = 10  # a statement may count up to ten times another; more is a typing slip
ITEM_FIELDS = ("id", "theme", "text", "levels", "weight", "terms", "benchmark", "perspective",
               "context", "supersedes")


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


def must_be_mapping(raw: object) -> str:
    return tr("must be a mapping, found {found}", found=type_name(raw))


# Translators: what a file holds where something else belongs ("…, found a list")
_TYPE_NAMES: dict[type, str] = {dict: N_("a mapping"), list: N_("a list"), str: N_("text"),
                                bool: N_("true/false"), int: N_("a number"),
                                float: N_("a number")}


def shown(value: Any) -> str:
    """A value as a message quotes it, short even for a 400-digit number."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 50:
        return tr("a number of about {digits} digits", digits=int(value.bit_length() * 0.30103) + 1)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def finite_number(value: Any) -> bool:
    """A real, finite number (not a boolean, not NaN or infinity, not too large for a float)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return value.bit_length() <= 1000
    return math.isfinite(value)


def type_name(value: Any, json: bool = False) -> str:
    """What kind of value a file holds where something else belongs, as a message says it.
    ``json=True`` uses JSON's words (bundles: "an object", "null") instead of YAML's
    ("a mapping", "nothing")."""
    if value is None:
        return "null" if json else tr("nothing")
    if json and type(value) is dict:
        return tr("an object")
    name = _TYPE_NAMES.get(type(value))
    return tr(name) if name else type(value).__name__


def require_text(problems: Problems, where: str, data: Mapping, key: str,
                 required: bool = True) -> str:
    """A non-empty string field; numbers are accepted for ``version``-like fields."""
    if key not in data or data[key] is None:
        if required:
            problems.add(where, tr("'{key}' is missing", key=key))
        return ""
    value = data[key]
    if isinstance(value, bool):
        problems.add(where, tr("'{key}' must be text, found {found} ({hint})", key=key,
                               found=value, hint=tr(BOOL_HINT)))
        return ""
    if not isinstance(value, (str, int, float)):
        problems.add(where, tr("'{key}' must be text, found {found}", key=key,
                               found=type_name(value)))
        return ""
    if not isinstance(value, str) and (not finite_number(value) or abs(value) > 10**15):
        problems.add(where, tr("'{key}' must be text, found {found}", key=key,
                               found=shown(value)))
        return ""
    text = str(value).strip()
    if required and not text:
        problems.add(where, tr("'{key}' is empty", key=key))
    return text


def require_id(problems: Problems, where: str, data: Mapping, key: str = "id") -> str:
    value = require_text(problems, where, data, key)
    if value and not ID_PATTERN.match(value):
        problems.add(where, tr("'{key}' {value} may only use lower-case letters, digits, '-', "
                               "'_' and '.'", key=key, value=repr(value)))
    return value


def require_list(problems: Problems, where: str, data: Mapping, key: str,
                 required: bool = True) -> list:
    value = data.get(key)
    if value is None:
        if required:
            problems.add(where, tr("'{key}' is missing", key=key))
        return []
    if not isinstance(value, list):
        problems.add(where, tr("'{key}' must be a list, found {found}", key=key,
                               found=type_name(value)))
        return []
    if required and not value:
        problems.add(where, tr("'{key}' is empty", key=key))
    return value


def percentage(problems: Problems, where: str, data: Mapping, key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(where, tr("'{key}' must be a percentage from 0 to 100, found {found}",
                               key=key, found=type_name(value)))
        return 0.0
    if not finite_number(value) or not 0 <= value <= 100:
        problems.add(where, tr("'{key}' must be a percentage from 0 to 100, found {found}",
                               key=key, found=value if finite_number(value) else shown(value)))
        return 0.0
    return float(value)


def level_number(problems: Problems, where: str, data: Mapping, key: str) -> int:
    """A whole level from 1 to 5."""
    value = data.get(key)
    if isinstance(value, float) and finite_number(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LEVEL_COUNT:
        scalar = isinstance(value, (int, float, str)) and not isinstance(value, bool)
        found = shown(value) if scalar else type_name(value)
        problems.add(where, tr("'{key}' must be a level from 1 to {count}, found {found}",
                               key=key, count=LEVEL_COUNT, found=found))
        return LEGACY_TRUE_FROM
    return value


def weight_number(problems: Problems, where: str, raw: Mapping) -> float:
    """An item's weight: a positive, finite number no larger than ``MAX_WEIGHT``."""
    weight = raw.get("weight", 1)
    if not finite_number(weight) or weight <= 0:
        problems.add(where, tr("'weight' must be a positive number, found {found}",
                               found=shown(weight)))
        return 1.0
    if weight > MAX_WEIGHT:
        problems.add(where, tr("'weight' must be at most {most}, found {found}", most=MAX_WEIGHT,
                               found=shown(weight)))
        return 1.0
    return float(weight)


def parse_findings(problems: Problems, where: str, raw: Mapping, key: str
                   ) -> tuple[Finding, ...]:
    """An optional list of research findings, each ``{text, source}``."""
    findings = []
    for n, entry in enumerate(require_list(problems, where, raw, key, required=False), start=1):
        fwhere = f"{where}: {key} #{n}" if where else f"{key} #{n}"
        if not isinstance(entry, Mapping):
            problems.add(fwhere, tr("must be a mapping with text and source, found {found}",
                                    found=type_name(entry)))
            continue
        for field_name in entry:
            if field_name not in ("text", "source"):
                problems.add(fwhere, unknown_field(field_name))
        findings.append(Finding(require_text(problems, fwhere, entry, "text"),
                                require_text(problems, fwhere, entry, "source")))
    return tuple(findings)


def _parse_roles_text(problems: Problems, where: str, value: Any) -> dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            problems.add(where, tr("'{key}' is empty", key="text"))
        return {role: value.strip() for role in ROLES}
    if not isinstance(value, Mapping):
        problems.add(where, tr("'text' must be text or a mapping of marketing/it wording, found "
                               "{found}", found=type_name(value)))
        return {}
    texts: dict[str, str] = {}
    for role in value:
        if role not in ROLES:
            problems.add(where, tr("'text' has unknown role {role} (expected marketing, it)",
                                   role=repr(role)))
    for role in ROLES:
        texts[role] = require_text(problems, where, value, role).strip() if role in value else ""
        if role not in value:
            problems.add(where, tr("'{key}' is missing", key=f"text.{role}"))
    return texts


def _parse_benchmark(problems: Problems, where: str, value: Any,
                     default_true_from: int | None) -> Benchmark | None:
    """``default_true_from``: the level assumed when ``true_from`` is absent (stored
    questionnaires written before it existed); None: a file must declare it."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.add(where, tr("'benchmark' must be a mapping, found {found}",
                               found=type_name(value)))
        return None
    bwhere = f"{where}: benchmark"
    for key in value:
        if key not in ("marketing", "it", "source", "statement", "true_from"):
            problems.add(bwhere, unknown_field(key))
    if "true_from" not in value and default_true_from is not None:
        true_from = default_true_from
    elif "true_from" not in value:
        problems.add(bwhere, tr("'true_from' is missing: the level (1-5) from which the survey "
                                "statement is true"))
        true_from = LEGACY_TRUE_FROM
    else:
        true_from = level_number(problems, bwhere, value, "true_from")
    return Benchmark(
        marketing=percentage(problems, bwhere, value, "marketing"),
        it=percentage(problems, bwhere, value, "it"),
        source=require_text(problems, bwhere, value, "source"),
        statement=require_text(problems, bwhere, value, "statement", required=False),
        true_from=true_from,
    )


def _parse_item(problems: Problems, raw: Any, index: int, themes: Mapping[str, Theme],
                default_true_from: int | None = None) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.add(numbered("item", index), must_be_mapping(raw))
        return None
    item_id = require_id(problems, numbered("item", index), raw)
    where = named("item", item_id) if item_id else numbered("item", index)
    theme_id = require_text(problems, where, raw, "theme")
    theme = themes.get(theme_id)
    if theme_id and theme is None:
        problems.add(where, tr("'theme' {theme} is not one of the questionnaire's themes",
                               theme=repr(theme_id)))
    text = _parse_roles_text(problems, where, raw.get("text")) if "text" in raw else {}
    if "text" not in raw:
        problems.add(where, tr("'{key}' is missing", key="text"))
    levels = _parse_levels(problems, where, raw)
    weight = weight_number(problems, where, raw)
    terms = require_list(problems, where, raw, "terms", required=False)
    if any(not isinstance(t, str) for t in terms):
        problems.add(where, tr("'terms' must be a list of glossary term ids"))
        terms = []
    benchmark = _parse_benchmark(problems, where, raw.get("benchmark"), default_true_from)
    perspective = require_text(problems, where, raw, "perspective", required=False) or "shared"
    if perspective not in PERSPECTIVES:
        problems.add(where, tr("'{key}' {value} is not one of {allowed}", key="perspective",
                               value=repr(perspective), allowed=", ".join(PERSPECTIVES)))
        perspective = "shared"
    context = parse_findings(problems, where, raw, "context")
    for key in raw:
        if key not in ITEM_FIELDS:
            problems.add(where, unknown_field(key))
    return Item(
        id=item_id, theme=theme_id, dimension=theme.dimension if theme else "",
        text=text, levels=tuple(levels), weight=weight, terms=tuple(terms),
        benchmark=benchmark, perspective=perspective, context=context,
        supersedes=parse_supersedes(problems, where, raw.get("supersedes")),
    )


def _parse_levels(problems: Problems, where: str, raw: Mapping) -> list[str]:
    """The names of an item's five levels, lowest first."""
    levels_raw = require_list(problems, where, raw, "levels")
    levels: list[str] = []
    if levels_raw and len(levels_raw) != LEVEL_COUNT:
        problems.add(where, tr("'levels' needs {count} entries, found {found}",
                               count=LEVEL_COUNT, found=len(levels_raw)))
    for n, level in enumerate(levels_raw, start=1):
        if isinstance(level, bool):
            problems.add(where, tr("'levels' entry {number} must be text, found {found} ({hint})",
                                   number=n, found=level, hint=tr(BOOL_HINT)))
        elif not isinstance(level, str) or not level.strip():
            problems.add(where, tr("'levels' entry {number} must be non-empty text", number=n))
        else:
            levels.append(level.strip())
    return levels


def _parse_theme(problems: Problems, raw: Any, index: int) -> Theme | None:
    if not isinstance(raw, Mapping):
        problems.add(numbered("theme", index), must_be_mapping(raw))
        return None
    theme_id = require_id(problems, numbered("theme", index), raw)
    where = named("theme", theme_id) if theme_id else numbered("theme", index)
    dimension = require_text(problems, where, raw, "dimension").lower()
    if dimension and dimension not in DIMENSIONS:
        problems.add(where, tr("'{key}' {value} is not one of {allowed}", key="dimension",
                               value=repr(dimension), allowed=", ".join(DIMENSIONS)))
    return Theme(id=theme_id, dimension=dimension,
                 title=require_text(problems, where, raw, "title"),
                 description=require_text(problems, where, raw, "description", required=False))


def _header(problems: Problems, data: Mapping) -> tuple[str, str, str, str]:
    return (require_id(problems, "", data), require_text(problems, "", data, "version"),
            require_text(problems, "", data, "title"),
            require_text(problems, "", data, "description", required=False))


def parse_questionnaire(data: Mapping[str, Any], source: str,
                        default_true_from: int | None = None) -> Questionnaire:
    """Validate a complete questionnaire mapping; raise QuestionnaireError listing every problem.
    ``default_true_from``: see ``_parse_benchmark`` (None for files: they must declare it)."""
    problems = Problems(source)
    qid, version, title, description = _header(problems, data)
    for key in data:
        if key not in ("kind", "id", "version", "title", "description", "themes", "items",
                       "business_case"):
            problems.add("", unknown_field(key))
    themes = _parse_themes(problems, data)
    items = _parse_items(problems, data, themes, default_true_from)
    for theme in themes.values():
        if items and not any(item.theme == theme.id for item in items):
            problems.add(named("theme", theme.id), tr("has no items"))
    business_case = parse_findings(problems, "", data, "business_case")
    problems.raise_if_any()
    return _build(qid, version, title, description, tuple(themes.values()), tuple(items),
                  source=source, business_case=business_case)


def _parse_themes(problems: Problems, data: Mapping[str, Any]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for index, raw in enumerate(require_list(problems, "", data, "themes")):
        theme = _parse_theme(problems, raw, index)
        if theme is None or not theme.id:
            continue
        if theme.id in themes:
            problems.add(named("theme", theme.id), tr("duplicate id"))
        themes[theme.id] = theme
    return themes


def _parse_items(problems: Problems, data: Mapping[str, Any], themes: Mapping[str, Theme],
                 default_true_from: int | None = None) -> list[Item]:
    items: list[Item] = []
    seen: set[str] = set()
    for index, raw in enumerate(require_list(problems, "", data, "items")):
        item = _parse_item(problems, raw, index, themes, default_true_from)
        if item is None or not item.id:
            continue
        if item.id in seen:
            problems.add(named("item", item.id), tr("duplicate id"))
        seen.add(item.id)
        items.append(item)
    return items


def _build(qid: str, version: str, title: str, description: str, themes: tuple[Theme, ...],
           items: tuple[Item, ...], source: str, extends: str | None = None,
           business_case: tuple[Finding, ...] = ()) -> Questionnaire:
    draft = Questionnaire(qid, version, title, description, themes, items, "", extends, source,
                          business_case)
    return Questionnaire(qid, version, title, description, themes, items,
                         content_hash(draft.content()), extends, source, business_case)


def parse_extension(data: Mapping[str, Any], source: str, base: Questionnaire) -> Questionnaire:
    """A questionnaire that reuses a subset of ``base``'s items by id (for example the pulse)."""
    problems = Problems(source)
    qid, version, title, description = _header(problems, data)
    for key in data:
        if key not in ("kind", "id", "version", "title", "description", "extends", "items"):
            problems.add("", unknown_field(key))
    chosen: list[Item] = []
    for index, raw in enumerate(require_list(problems, "", data, "items")):
        if not isinstance(raw, str):
            problems.add(numbered("item", index), tr(
                "must be an item id of questionnaire {questionnaire}, found {found}",
                questionnaire=repr(base.id), found=type_name(raw)))
            continue
        item = base.item(raw)
        if item is None:
            problems.add(named("item", raw), tr("is not an item of questionnaire {questionnaire}",
                                                questionnaire=repr(base.id)))
        elif item in chosen:
            problems.add(named("item", raw), tr("duplicate id"))
        else:
            chosen.append(item)
    problems.raise_if_any()
    used = {item.theme for item in chosen}
    themes = tuple(t for t in base.themes if t.id in used)
    order = {t.id: n for n, t in enumerate(themes)}
    items = tuple(sorted(chosen, key=lambda item: order[item.theme]))
    return _build(qid, version, title, description, themes, items, source, extends=base.id,
                  business_case=base.business_case)


def questionnaire_from_content(content: Mapping[str, Any], source: str | None = None
                               ) -> Questionnaire:
    """Rebuild a questionnaire from the canonical form stored with a workshop or a bundle."""
    source = source if source is not None else tr("stored questionnaire")
    if not isinstance(content, Mapping):
        raise QuestionnaireError(tr("{source}: expected a mapping, found {found}", source=source,
                                    found=type_name(content)))
    data = {k: v for k, v in content.items() if k != "kind"}
    return parse_questionnaire(data, source, default_true_from=LEGACY_TRUE_FROM)

