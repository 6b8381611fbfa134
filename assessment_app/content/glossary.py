"""The glossary: words marketing and IT use differently, shown as hover help and in the PDF."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from .file_places import named, numbered
from .questionnaire_file import Problems, must_be_mapping, require_id, require_list, require_text


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    marketing: str
    it: str
    note: str = ""


def parse_glossary(data: Mapping[str, Any], source: str) -> list[Term]:
    problems = Problems(source)
    terms: list[Term] = []
    seen: set[str] = set()
    for index, raw in enumerate(require_list(problems, "", data, "terms")):
        if not isinstance(raw, Mapping):
            problems.add(numbered("term", index), must_be_mapping(raw))
            continue
        term_id = require_id(problems, numbered("term", index), raw)
        where = named("term", term_id) if term_id else numbered("term", index)
        if term_id in seen:
            problems.add(where, tr("duplicate id"))
        seen.add(term_id)
        terms.append(Term(
            id=term_id,
            term=require_text(problems, where, raw, "term"),
            marketing=require_text(problems, where, raw, "marketing"),
            it=require_text(problems, where, raw, "it"),
            note=require_text(problems, where, raw, "note", required=False),
        ))
    problems.raise_if_any()
    return terms


def glossary_report(terms: list[Term]) -> list[dict[str, str]]:
    return [{"id": t.id, "term": t.term, "marketing": t.marketing, "it": t.it, "note": t.note}
            for t in terms]
