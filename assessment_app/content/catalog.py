"""The catalog: every questionnaire, the glossary and the action library found in the
``questionnaires/`` folder. A bad file is reported and skipped; the good ones still load.

Several files may hold versions of one questionnaire (``core-1.0.yaml`` beside ``core.yaml``):
the newest is the one new workshops use, and every version is an edition that later versions
trace their statements to (``lineage``) and a comparison reads."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import i18n, paths
from ..errors import QuestionnaireError
from ..i18n import tr
from ..i18n.pseudo import PSEUDO
from .actions import Action, actions_report, parse_actions
from .glossary import Term, glossary_report, parse_glossary
from .lineage import lineage_problems, version_key
from .questionnaire import Questionnaire, questionnaire_report
from .questionnaire_file import parse_extension, parse_questionnaire, type_name
from .translation import (
    Translation,
    Wording,
    parse_translation,
    pseudo_actions,
    pseudo_glossary,
    pseudo_questionnaire,
    translate_actions,
    translate_glossary,
    translate_questionnaire,
)

KINDS = ("questionnaire", "glossary", "actions", "translation")
DEFAULT_QUESTIONNAIRE = "core"


@dataclass
class Catalog:
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # every version of every questionnaire, by (id, version); ``questionnaires`` holds the newest
    editions: dict[tuple[str, str], Questionnaire] = field(default_factory=dict)
    # the translations that fit their original (``content.translation``): each questionnaire
    # edition by (id, version, language), the glossary and the action library by language
    translated: dict[tuple[str, str, str], Questionnaire] = field(default_factory=dict)
    glossaries: dict[str, list[Term]] = field(default_factory=dict)
    action_translations: dict[str, Translation] = field(default_factory=dict)

    def get(self, questionnaire_id: str) -> Questionnaire:
        try:
            return self.questionnaires[questionnaire_id]
        except KeyError:
            if not self.questionnaires:
                raise QuestionnaireError(tr("There is no questionnaire with id {id} (installed: "
                                            "none).", id=repr(questionnaire_id))) from None
            raise QuestionnaireError(tr(
                "There is no questionnaire with id {id} (installed: {installed}).",
                id=repr(questionnaire_id), installed=", ".join(sorted(self.questionnaires)))
            ) from None

    def default(self) -> Questionnaire:
        if DEFAULT_QUESTIONNAIRE in self.questionnaires:
            return self.questionnaires[DEFAULT_QUESTIONNAIRE]
        if not self.questionnaires:
            raise QuestionnaireError(tr("No valid questionnaire is installed; run 'tandem "
                                        "self-check' to see what is wrong."))
        return next(iter(self.questionnaires.values()))

    def find(self, questionnaire_id: str, version: str) -> Questionnaire | None:
        return self.editions.get((questionnaire_id, version))

    def in_language(self, questionnaire: Questionnaire, code: str) -> Questionnaire:
        """``questionnaire`` (an installed edition or a workshop's stored copy) in ``code``'s
        words, itself when no translation fits it: its content and hash stay the original's."""
        original = questionnaire.original or questionnaire
        shown = self.translated.get((original.id, original.version, code))
        if code == PSEUDO and (shown is None or shown.content_hash != original.content_hash):
            shown = self._pseudo(original)
        return shown if shown is not None and shown.content_hash == original.content_hash \
            else original

    def glossary_in(self, code: str) -> list[Term]:
        """The glossary in ``code``'s words (the original's where there is no translation)."""
        if code == PSEUDO and code not in self.glossaries:
            self.glossaries[code] = pseudo_glossary(self.glossary)
        return self.glossaries.get(code, self.glossary)

    def actions_in(self, code: str) -> list[Action]:
        """The action library in ``code``'s words; the success sentences are written in the
        language current at the call."""
        if code == PSEUDO and code not in self.action_translations:
            self.action_translations[code] = pseudo_actions(self.actions)
        translation = self.action_translations.get(code)
        return translate_actions(translation, self.actions) if translation else self.actions

    def wording(self, code: str | None = None) -> Wording:
        """The questionnaires', glossary's and action library's words in ``code`` (default: the
        language spoken now: the report's while a PDF or the workbook is written, the window's
        on screen), for an output to read once and pass down."""
        code = code or i18n.current()
        return Wording(code, self.glossary_in(code), self.in_language, self.actions_in)

    def _pseudo(self, original: Questionnaire) -> Questionnaire:
        """``original`` in the pseudo-locale (made from its English, kept for the next call)."""
        base = self.questionnaires.get(original.extends) if original.extends else None
        shown = pseudo_questionnaire(original, base and self.in_language(base, PSEUDO))
        self.translated[(original.id, original.version, PSEUDO)] = shown
        return shown

    def report(self, questionnaire_id: str | None = None) -> dict[str, Any]:
        q = self.get(questionnaire_id) if questionnaire_id else self.default()
        data = questionnaire_report(q)
        data["actions"] = actions_report(self.actions, set(q.item_ids))
        used_terms = {t for item in q.items for t in item.terms}
        data["glossary"] = glossary_report(self.glossary)
        data["glossary_used"] = sorted(used_terms)
        return data


def display_path(path: Path) -> str:
    """A path as a person would recognise it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Parse one data file, turning every way it can be unreadable into a QuestionnaireError."""
    import yaml

    # libyaml's safe loader reads the questionnaires in about 7 ms against 70 ms for the
    # pure-Python one (the same safe subset of YAML); the pure one where libyaml is missing
    SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    where = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QuestionnaireError(tr("{file}: is not UTF-8 text", file=where)) from None
    except OSError as exc:
        raise QuestionnaireError(tr("{file}: cannot be read ({error})", file=where,
                                    error=exc.strerror)) from None
    if not text.strip():
        raise QuestionnaireError(tr("{file}: the file is empty", file=where))
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark:
            raise QuestionnaireError(tr("{file}: invalid YAML at line {line}, column {column}: "
                                        "{problem}", file=where, line=mark.line + 1,
                                        column=mark.column + 1, problem=problem)) from None
        raise QuestionnaireError(tr("{file}: invalid YAML: {problem}", file=where,
                                    problem=problem)) from None
    except (ValueError, OverflowError):  # e.g. an integer of more than 4,300 digits
        raise QuestionnaireError(tr("{file}: holds a number too long to read; numbers in a "
                                    "questionnaire are levels, weights and percentages",
                                    file=where)) from None
    if data is None:
        raise QuestionnaireError(tr("{file}: the file is empty", file=where))
    if not isinstance(data, dict):
        raise QuestionnaireError(tr("{file}: expected a mapping of fields at the top level, "
                                    "found {found}", file=where, found=type_name(data)))
    kind = data.get("kind")
    if kind not in KINDS:
        raise QuestionnaireError(tr("{file}: 'kind' must be one of {allowed}, found {found}",
                                    file=where, allowed=", ".join(KINDS),
                                    found=type_name(None) if kind is None else repr(kind)))
    return data


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load every ``*.yaml`` file in ``directory`` (default: the installed questionnaires)."""
    directory = directory or paths.questionnaires_dir()
    catalog = Catalog()
    if not directory.is_dir():
        catalog.problems.append(tr("{folder}: the questionnaires folder is missing",
                                   folder=display_path(directory)))
        return catalog
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    parsed: list[tuple[Path, dict]] = []
    for path in files:
        try:
            parsed.append((path, read_yaml(path)))
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))

    def of_kind(kind: str) -> list[tuple[Path, dict]]:
        return [(p, d) for p, d in parsed if d["kind"] == kind]

    _load_questionnaires(catalog, of_kind("questionnaire"))
    _load_glossary(catalog, of_kind("glossary"))
    _load_actions(catalog, of_kind("actions"))
    _load_translations(catalog, of_kind("translation"))
    return catalog


def _load_questionnaires(catalog: Catalog, files: list[tuple[Path, dict]]) -> None:
    """Complete questionnaires first (each version an edition, their lineage checked against
    the others), then those that extend the newest of one."""
    complete = [pd for pd in files if "extends" not in pd[1]]
    _add_editions(catalog, complete)
    for q in list(catalog.editions.values()):
        problems, fatal = lineage_problems(q, catalog.editions)
        catalog.problems.extend(problems)
        if fatal:
            del catalog.editions[(q.id, q.version)]
    for q in sorted(catalog.editions.values(), key=lambda q: version_key(q.version)):
        catalog.questionnaires[q.id] = q  # the newest version last
    _add_editions(catalog, [pd for pd in files if "extends" in pd[1]], newest=True)


def _add_editions(catalog: Catalog, files: list[tuple[Path, dict]],
                  newest: bool = False) -> None:
    for path, data in files:
        where = display_path(path)
        try:
            q = _questionnaire(catalog, data, where)
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))
            continue
        taken = catalog.editions.get((q.id, q.version)) or (
            catalog.questionnaires.get(q.id) if newest else None)
        if taken is not None:
            catalog.problems.append(tr("{file}: questionnaire id {id} is already used by "
                                       "{other}; file skipped", file=where, id=repr(q.id),
                                       other=taken.source))
            continue
        catalog.editions[(q.id, q.version)] = q
        if newest:
            catalog.questionnaires[q.id] = q


def _questionnaire(catalog: Catalog, data: dict, where: str) -> Questionnaire:
    if "extends" not in data:
        return parse_questionnaire(data, where)
    base = catalog.questionnaires.get(str(data["extends"]))
    if base is None or base.extends:
        raise QuestionnaireError(tr("{file}: 'extends' names {base}, which is not a loaded "
                                    "complete questionnaire", file=where,
                                    base=repr(data["extends"])))
    return parse_extension(data, where, base)


def _load_glossary(catalog: Catalog, files: list[tuple[Path, dict]]) -> None:
    """The glossary, then every term an item names checked against it."""
    for path, data in files:
        try:
            catalog.glossary.extend(parse_glossary(data, display_path(path)))
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))
    term_ids = {t.id for t in catalog.glossary}
    for q in catalog.questionnaires.values():
        for item in q.items:
            for term in item.terms:
                if term not in term_ids:
                    catalog.problems.append(tr("{file}: item {item}: 'terms' names {term}, which "
                                               "the glossary does not define", file=q.source,
                                               item=repr(item.id), term=repr(term)))


def _load_actions(catalog: Catalog, files: list[tuple[Path, dict]]) -> None:
    """The action library; every item an action names must be in a loaded questionnaire."""
    known_items = {i for q in catalog.questionnaires.values() for i in q.item_ids}
    for path, data in files:
        try:
            catalog.actions.extend(parse_actions(data, display_path(path), known_items))
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))


def _load_translations(catalog: Catalog, files: list[tuple[Path, dict]]) -> None:
    """Each translation checked against its original: complete questionnaires first, then
    those that extend one (their statements are the translated base's), then the libraries."""
    read: dict[tuple[str, str], Translation] = {}
    for path, data in files:
        where = display_path(path)
        try:
            translation = parse_translation(data, where)
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))
            continue
        key = (translation.of, translation.language)
        if key in read:
            catalog.problems.append(tr("{file}: {of} is already translated into {language} by "
                                       "{other}; file skipped.", file=where, of=translation.of,
                                       language=translation.language, other=read[key].source))
            continue
        read[key] = translation
    order = sorted(read.values(), key=lambda t: _extends(catalog, t.of) is not None)
    for translation in order:
        try:
            _translate(catalog, translation)
        except QuestionnaireError as exc:
            catalog.problems.append(str(exc))


def _extends(catalog: Catalog, of: str) -> str | None:
    q = catalog.find(*of.split("@", 1)) if "@" in of else None
    return q.extends if q is not None else None


def _translate(catalog: Catalog, t: Translation) -> None:
    if t.of == "glossary":
        catalog.glossaries[t.language] = translate_glossary(t, catalog.glossary)
        return
    if t.of == "actions":
        translate_actions(t, catalog.actions)  # checked now, applied where shown
        catalog.action_translations[t.language] = t
        return
    qid, version = t.of.split("@", 1)
    original = catalog.find(qid, version)
    if original is None:
        raise QuestionnaireError(tr("{file}: translates questionnaire {id} version {version}, "
                                    "which is not installed; file skipped.", file=t.source,
                                    id=repr(qid), version=version))
    base = None
    if original.extends and original.extends in catalog.questionnaires:
        base_q = catalog.questionnaires[original.extends]
        base = catalog.translated.get((base_q.id, base_q.version, t.language))
    catalog.translated[(qid, version, t.language)] = translate_questionnaire(t, original, base)
