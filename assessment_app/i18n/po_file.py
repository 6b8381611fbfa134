"""Reads a language's .po files into the catalogue gettext looks sentences up in.

The app reads the translators' own files, not a compiled copy: nothing to rebuild after an edit,
and no binary file for two translators to change at once. Only what gettext needs is read (the
plural rule, and each entry's context, ids and translations); an entry without a translation is
left out, so the English shows instead of a blank.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    out, index = [], 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            out.append(_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def entries(lines: Iterable[str]) -> Iterable[dict[str, str]]:
    """Each entry of a .po file as {"msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]",
    ...} (only the fields it has)."""
    entry: dict[str, str] = {}
    field = ""
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and entry:
                yield entry
                entry, field = {}, ""
            continue
        if line.startswith('"'):
            entry[field] = entry.get(field, "") + _unquote(line)
            continue
        field, _, rest = line.partition(" ")
        if field in entry:  # a new entry began without a blank line
            yield entry
            entry = {}
        entry[field] = _unquote(rest)
    if entry:
        yield entry


def translations(paths: Iterable[Path | Traversable]) -> gettext.GNUTranslations:
    """The catalogue of all ``paths`` (one language's .po files), ready for gettext's lookups."""
    catalogue: dict[object, str] = {}
    plural_rule = "n != 1"
    for path in paths:
        with path.open("r", encoding="utf-8") as handle:
            for entry in entries(handle):
                msgid = entry.get("msgid", "")
                if not msgid:
                    plural_rule = _plural_rule(entry.get("msgstr", "")) or plural_rule
                    continue
                key = f"{entry['msgctxt']}\x04{msgid}" if "msgctxt" in entry else msgid
                if "msgid_plural" in entry:
                    forms = sorted(name for name in entry if name.startswith("msgstr["))
                    if all(entry[name] for name in forms):
                        for name in forms:
                            catalogue[(key, int(name[7:-1]))] = entry[name]
                elif entry.get("msgstr"):
                    catalogue[key] = entry["msgstr"]
    result = gettext.GNUTranslations()
    result._catalog = catalogue  # type: ignore[attr-defined]
    result.plural = gettext.c2py(plural_rule)  # type: ignore[attr-defined]
    return result


def _plural_rule(header: str) -> str | None:
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            for part in value.split(";"):
                key, _, rule = part.partition("=")
                if key.strip() == "plural":
                    return rule.strip()
    return None
