"""Translations of the questionnaires, the glossary and the action library: a file beside the
original (``core.de.yaml``), keyed by the original's ids, that holds only the words.

A translation names what it translates (``of: core@2.1``, ``of: glossary``, ``of: actions``)
and its ``language``. Everything that is not a word (ids, themes' dimensions, weights,
benchmarks' figures, success tests' numbers) comes from the original, so a translation can
never change what is measured. A source is cited as the original writes it unless the
translation's ``sources`` words it (a description such as "cited in" is a sentence too). It
must cover the original exactly: a missing or extra item, theme, term or action, or a list of
levels of another length, is reported with the file, the entry and the field, and the
translation is skipped; the original still loads.

A translated questionnaire keeps the original's content and hash (``Questionnaire.original``):
a workshop stores and exchanges the English original whatever language it was answered in, and
the translation is only how its statements are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .. import i18n
from ..i18n import tr
from ..i18n.pseudo import PSEUDO, pseudo_text
from .actions import Action
from .glossary import Term
from .questionnaire import ROLES, Finding, Item, Questionnaire, Theme, content_hash
from .questionnaire_file import Problems, require_text, type_name
from .success import success_text

KIND = "translation"
LIBRARIES = ("glossary", "actions")  # what ``of`` names besides a questionnaire's id@version


@dataclass(frozen=True)
class Translation:
    """One translation file as read: what it translates, into which language, and its words
    (checked against the original by ``translation_problems`` before use)."""

    of: str  # "core@2.1", "glossary" or "actions"
    language: str
    data: Mapping[str, Any] = field(repr=False)
    source: str
    content_hash: str


def parse_translation(data: Mapping[str, Any], source: str) -> Translation:
    """The header of a translation file (its words are checked against the original later)."""
    problems = Problems(source)
    of = require_text(problems, "", data, "of")
    if of and of not in LIBRARIES and of.count("@") != 1:
        problems.add("", tr("'of' must name the original: a questionnaire as id@version "
                            "(core@2.1), or glossary, or actions."))
    language = require_text(problems, "", data, "language")
    if language and (language == i18n.ENGLISH or language not in i18n.LANGUAGES):
        problems.add("", tr("'language' {code} is not a language Tandem translates into "
                            "(known: {known}).", code=repr(language),
                            known=", ".join(c for c in i18n.LANGUAGES if c != i18n.ENGLISH)))
    problems.raise_if_any()
    return Translation(of, language, data, source, content_hash(dict(data)))


# -- checking the words against the original ------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """A translation's wording of the original's sources, one cited source at a time."""

    worded: Mapping[str, str]
    BETWEEN = "; "  # between the sources one citation names

    def cite(self, source: str) -> str:
        """``source`` in the translation's words, each of its sources worded on its own."""
        return self.BETWEEN.join(self.worded.get(part, part)
                                 for part in source.split(self.BETWEEN))


class _Checker:
    """Reads a translation's words field by field, each problem named by file, entry and field."""

    def __init__(self, translation: Translation) -> None:
        self.problems = Problems(translation.source)

    def fields(self, where: str, raw: Any, allowed: Sequence[str]) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            self.problems.add(where, tr("must be a mapping of translated fields, found "
                                        "{found}.", found=type_name(raw)))
            return {}
        for key in raw:
            if key not in allowed:
                self.problems.add(where, tr("{field} is not a field a translation has.",
                                            field=repr(key)))
        return raw

    def text(self, where: str, raw: Mapping[str, Any], key: str, original: str) -> str:
        """The translation of one text: required exactly when the original has it."""
        if not original:
            if raw.get(key) is not None:
                self.problems.add(where, tr("{field} is not in the original.", field=repr(key)))
            return ""
        return require_text(self.problems, where, raw, key)

    def texts(self, where: str, raw: Mapping[str, Any], key: str,
              originals: Sequence[str]) -> list[str]:
        """A list translated entry by entry: as many entries as the original, each text."""
        if not originals and raw.get(key) is None:
            return []
        value = raw.get(key)
        if not isinstance(value, list) or len(value) != len(originals):
            found = len(value) if isinstance(value, list) else type_name(value)
            self.problems.add(where, tr("{field} needs {count} entries, as the original has, "
                                        "found {found}.", field=repr(key),
                                        count=len(originals), found=found))
            return list(originals)
        out = []
        for n, entry in enumerate(value, start=1):
            if not isinstance(entry, str) or (originals[n - 1] and not entry.strip()):
                self.problems.add(where, tr("{field} entry {n} must be text.",
                                            field=repr(key), n=n))
                out.append(originals[n - 1])
            else:
                out.append(entry.strip())
        return out

    def sources(self, raw: Mapping[str, Any], originals: Collection[str]) -> Sources:
        """The original's sources in the translation's words (``sources``: one source as the
        original writes it -> its translation; a source citing several separates them with
        '; ' and each is worded on its own); a source not named there is cited as written."""
        value = raw.get("sources")
        if value is None:
            return Sources({})
        if not isinstance(value, Mapping):
            self.problems.add("", tr("{field} must be a mapping from the original's sources to "
                                     "their translations, found {found}.", field="'sources'",
                                     found=type_name(value)))
            return Sources({})
        cited = {part for source in originals for part in source.split(Sources.BETWEEN)}
        out = {}
        for source, translated in value.items():
            if source not in cited:
                self.problems.add(f"source {source!r}", tr("is not in the original."))
            elif not isinstance(translated, str) or not translated.strip():
                self.problems.add(f"source {source!r}", tr("must be text."))
            else:
                out[source] = translated.strip()
        return Sources(out)

    def entries(self, where: str, raw: Mapping[str, Any], key: str, ids: Sequence[str],
                what: str) -> dict[str, Mapping[str, Any]]:
        """The translated entries by id: one for every id of the original, and no other."""
        value = raw.get(key)
        if not isinstance(value, Mapping):
            self.problems.add(where, tr("{field} must be a mapping from the original's ids to "
                                        "their translations, found {found}.", field=repr(key),
                                        found=type_name(value)))
            return {}
        for entry_id in value:
            if entry_id not in ids:
                self.problems.add(f"{what} {entry_id!r}", tr("is not in the original."))
        for entry_id in ids:
            if entry_id not in value:
                self.problems.add(f"{what} {entry_id!r}", tr("is missing from the translation."))
        return {i: self.fields(f"{what} {i!r}", value[i], _FIELDS[what])
                for i in ids if i in value}


_FIELDS = {
    "questionnaire": ("kind", "of", "language", "title", "description", "business_case",
                      "themes", "items", "sources"),
    "extension": ("kind", "of", "language", "title", "description"),
    "theme": ("title", "description"),
    "item": ("text", "levels", "context", "benchmark"),
    "glossary": ("kind", "of", "language", "terms"),
    "term": ("term", "marketing", "it", "note"),
    "actions": ("kind", "of", "language", "actions", "sources"),
    "action": ("title", "description", "about"),
}


def _item(check: _Checker, where: str, raw: Mapping[str, Any], item: Item,
          sources: Sources) -> Item:
    value = raw.get("text")
    if isinstance(value, str) and value.strip():
        text = {role: value.strip() for role in ROLES}
    else:
        roles = check.fields(f"{where}: text", value, ROLES)
        text = {role: check.text(f"{where}: text", roles, role, item.text[role])
                for role in ROLES}
    levels = check.texts(where, raw, "levels", item.levels)
    context = check.texts(where, raw, "context", [f.text for f in item.context])
    benchmark = item.benchmark
    if benchmark is not None:
        benchmark = replace(benchmark, statement=check.text(where, raw, "benchmark",
                                                            benchmark.statement),
                            source=sources.cite(benchmark.source))
    elif raw.get("benchmark") is not None:
        check.text(where, raw, "benchmark", "")
    return replace(item, text=text, levels=tuple(levels), benchmark=benchmark,
                   context=tuple(Finding(t, sources.cite(f.source)) for t, f in zip(
                       context, item.context, strict=True)))


def translate_questionnaire(translation: Translation, original: Questionnaire,
                            base: Questionnaire | None = None) -> Questionnaire:
    """``original`` in the translation's words; QuestionnaireError naming every problem. An
    extension (the pulse) translates its title and description only: its statements are
    ``base``, the translated questionnaire it extends (or the original's, untranslated)."""
    check = _Checker(translation)
    raw = translation.data
    extension = original.extends is not None
    check.fields("", raw, _FIELDS["extension" if extension else "questionnaire"])
    title = check.text("", raw, "title", original.title)
    description = check.text("", raw, "description", original.description)
    if extension:
        by_id = {i.id: i for i in (base or original).items}
        themes = {t.id: t for t in (base or original).themes}
        items = tuple(by_id.get(i.id, i) for i in original.items)
        shown = tuple(themes.get(t.id, t) for t in original.themes)
        business_case = base.business_case if base is not None else original.business_case
    else:
        shown, items, business_case = _complete(check, raw, original)
    check.problems.raise_if_any()
    return replace(original, title=title, description=description, themes=shown, items=items,
                   business_case=business_case, _item_index={},
                   language=translation.language, original=original.original or original)


def _complete(check: _Checker, raw: Mapping[str, Any], original: Questionnaire
              ) -> tuple[tuple[Theme, ...], tuple[Item, ...], tuple[Finding, ...]]:
    themes = check.entries("", raw, "themes", [t.id for t in original.themes], "theme")
    shown = tuple(replace(
        t, title=check.text(f"theme {t.id!r}", themes[t.id], "title", t.title),
        description=check.text(f"theme {t.id!r}", themes[t.id], "description", t.description))
        if t.id in themes else t for t in original.themes)
    cited = {f.source for f in original.business_case}
    cited.update(f.source for i in original.items for f in i.context)
    cited.update(i.benchmark.source for i in original.items if i.benchmark is not None)
    sources = check.sources(raw, cited)
    entries = check.entries("", raw, "items", original.item_ids, "item")
    items = tuple(_item(check, f"item {i.id!r}", entries[i.id], i, sources)
                  if i.id in entries else i for i in original.items)
    cases = check.texts("", raw, "business_case", [f.text for f in original.business_case])
    business_case = tuple(Finding(t, sources.cite(f.source)) for t, f in zip(
        cases, original.business_case, strict=True))
    return shown, items, business_case


def translate_glossary(translation: Translation, terms: Sequence[Term]) -> list[Term]:
    """The glossary in the translation's words; QuestionnaireError naming every problem."""
    check = _Checker(translation)
    check.fields("", translation.data, _FIELDS["glossary"])
    entries = check.entries("", translation.data, "terms", [t.id for t in terms], "term")
    out = []
    for t in terms:
        raw, where = entries.get(t.id), f"term {t.id!r}"
        out.append(t if raw is None else Term(
            t.id, check.text(where, raw, "term", t.term),
            check.text(where, raw, "marketing", t.marketing),
            check.text(where, raw, "it", t.it), check.text(where, raw, "note", t.note)))
    check.problems.raise_if_any()
    return out


def translate_actions(translation: Translation, actions: Sequence[Action],
                      sentence: Callable[..., str] = success_text) -> list[Action]:
    """The action library in the translation's words; ``success`` is written again from the
    translated ``about`` phrases (in the language current when this is called)."""
    check = _Checker(translation)
    check.fields("", translation.data, _FIELDS["actions"])
    entries = check.entries("", translation.data, "actions", [a.id for a in actions], "action")
    sources = check.sources(translation.data, [a.source for a in actions if a.source])
    out = []
    for a in actions:
        raw, where = entries.get(a.id), f"action {a.id!r}"
        if raw is None:
            out.append(a)
            continue
        abouts = check.texts(where, raw, "about", [c.about for c in a.success_test])
        test = tuple(replace(c, about=about) for c, about in zip(
            a.success_test, abouts, strict=True))
        out.append(replace(
            a, title=check.text(where, raw, "title", a.title),
            description=check.text(where, raw, "description", a.description),
            success_test=test, success=sentence(test) if test else a.success,
            source=sources.cite(a.source) if a.source else a.source, original=a.original or a))
    check.problems.raise_if_any()
    return out


# -- the words an output shows ----------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """The catalog's words in one language (``Catalog.wording``), read once where an output is
    made (a PDF, the workbook, a screen) and passed down, so every part of it speaks one
    language. What is stored, exchanged and scored stays the original's: a translated
    questionnaire keeps its hash, a translated action its id, items and test."""

    language: str
    glossary: list[Term]
    shown: Callable[[Questionnaire, str], Questionnaire] = field(repr=False)
    library: Callable[[str], list[Action]] = field(repr=False)

    @cached_property
    def actions(self) -> list[Action]:
        """The action library in this language (made when first asked: about 9 ms), its
        success sentences written in this language whatever is spoken then."""
        with i18n.speaking(self.language):
            return self.library(self.language)

    def questionnaire(self, questionnaire: Questionnaire) -> Questionnaire:
        """``questionnaire`` (a workshop's stored copy or an edition) in this language."""
        return self.shown(questionnaire, self.language)


# -- the pseudo-locale: every word of the original made long, no file ------------------------------


def _long(text: str) -> str | None:
    return pseudo_text(text) if text else None


def _pseudo(of: str, data: dict[str, Any]) -> Translation:
    return Translation(of, PSEUDO, data, f"{of}.{PSEUDO}", content_hash(data))


def pseudo_questionnaire(original: Questionnaire, base: Questionnaire | None = None
                         ) -> Questionnaire:
    """``original`` in the pseudo-locale (``i18n.pseudo``): its statements, levels, themes and
    findings 40% longer between ⟦ ⟧, so the longest texts on screen and in the PDFs are tested
    long; ``base`` is the pseudo-locale's questionnaire an extension reuses."""
    data: dict[str, Any] = {"title": _long(original.title),
                            "description": _long(original.description)}
    if original.extends is None:
        data["themes"] = {t.id: {"title": _long(t.title), "description": _long(t.description)}
                          for t in original.themes}
        data["items"] = {i.id: {
            "text": {role: _long(i.text[role]) for role in ROLES},
            "levels": [pseudo_text(level) for level in i.levels],
            "context": [pseudo_text(f.text) for f in i.context],
            "benchmark": _long(i.benchmark.statement) if i.benchmark else None,
        } for i in original.items}
        data["business_case"] = [pseudo_text(f.text) for f in original.business_case]
    return translate_questionnaire(_pseudo(f"{original.id}@{original.version}", data),
                                   original, base)


def pseudo_glossary(terms: Sequence[Term]) -> list[Term]:
    """The glossary in the pseudo-locale."""
    data = {"terms": {t.id: {"term": _long(t.term), "marketing": _long(t.marketing),
                             "it": _long(t.it), "note": _long(t.note)} for t in terms}}
    return translate_glossary(_pseudo("glossary", data), terms)


def pseudo_actions(actions: Sequence[Action]) -> Translation:
    """The action library's pseudo-locale translation (applied where shown, as a file's is)."""
    return _pseudo("actions", {"actions": {a.id: {
        "title": _long(a.title), "description": _long(a.description),
        "about": [pseudo_text(c.about) for c in a.success_test]} for a in actions}})
