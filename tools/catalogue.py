"""The message catalogue's upkeep: extract every sentence marked in the code, keep each
language's translations beside it, compile them into the one catalogue the app reads, and check
that nothing is missing. Babel does the reading and writing (a test extra, not a run-time
dependency: the app reads the compiled catalogue with the standard library's gettext).

    python tools/catalogue.py update    # new sentences into messages/<lang>/<area>.po
    python tools/catalogue.py compile   # nothing to do any more: the app reads the .po files
    python tools/catalogue.py check     # what CI checks (tests/test_catalogue.py)

The translations are kept in one .po file per area of the code (the window, the phone page, the
PDFs, ...), so people translating different areas at once do not edit the same file; at run time
they are one catalogue, read straight from the .po files (assessment_app/i18n/po_file.py): there
is no compiled file to rebuild or to conflict on when two translators' work is merged.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "assessment_app"
MESSAGES = PACKAGE / "i18n" / "messages"
LANGUAGES = ("de",)
DOMAIN = "tandem"
KEYWORDS = {"tr": None, "N_": None, "tr_n": (1, 2), "tr_p": ((1, "c"), 2)}
# (area, path prefix relative to the repository): the first that matches a file names its area.
AREAS = (
    ("ui", "assessment_app/ui/"),
    ("web", "assessment_app/web/"),
    ("reports", "assessment_app/reports/"),
    ("exchange", "assessment_app/exchange/"),
    ("cli", "assessment_app/cli"),
    ("cli", "assessment_app/self_check"),
    ("core", "assessment_app/"),
)
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
Key = tuple[str | None, str]  # (context, msgid): the msgid of a plural is its singular


def area_of(path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    return next(area for area, prefix in AREAS if relative.startswith(prefix))


def extract() -> dict[str, dict[Key, Message]]:
    """Every marked sentence in the package, by area."""
    found: dict[str, dict[Key, Message]] = {area: {} for area, _ in AREAS}
    for path in sorted(PACKAGE.rglob("*.py")):
        area = area_of(path)
        for line, text, comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            msgid = text if isinstance(text, str) else tuple(text)
            key = (context, msgid if isinstance(msgid, str) else msgid[0])
            entry = found[area].get(key)
            location = (path.relative_to(ROOT).as_posix(), line)
            if entry is None:
                found[area][key] = Message(msgid, context=context, auto_comments=comments,
                                           locations=[location])
            else:
                entry.locations.append(location)
    return found


def po_path(language: str, area: str) -> Path:
    return MESSAGES / language / f"{area}.po"


def mo_path(language: str) -> Path:
    return MESSAGES / language / f"{DOMAIN}.mo"


def read_area(language: str, area: str) -> Catalog:
    path = po_path(language, area)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _key(message: Message) -> Key:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context, msgid)


def _known_translations(language: str) -> dict[Key, Message]:
    known: dict[Key, Message] = {}
    for area in {area for area, _ in AREAS}:
        for message in read_area(language, area):
            if message.id:
                known.setdefault(_key(message), message)
    return known


def update(language: str) -> None:
    """Bring each area's .po file in line with the code: new sentences added untranslated,
    sentences no longer in the code dropped, translations kept (also across areas)."""
    known = _known_translations(language)
    for area, messages in extract().items():
        if not messages and not po_path(language, area).exists():
            continue
        catalog = Catalog(locale=language, domain=DOMAIN, project="Tandem",
                          version="1", copyright_holder="Tandem", fuzzy=False,
                          msgid_bugs_address="dev@tandem.local", last_translator="Tandem",
                          language_team="Tandem",
                          header_comment=f"# Tandem's {area} sentences in {language}.")
        for key, message in messages.items():
            old = known.get(key)
            string = old.string if old is not None and old.id == message.id else (
                ("", "") if isinstance(message.id, tuple) else "")
            catalog.add(message.id, string, context=message.context,
                        auto_comments=message.auto_comments,
                        flags=old.flags if old is not None else ())
        path = po_path(language, area)
        path.parent.mkdir(parents=True, exist_ok=True)
        out = io.BytesIO()
        write_po(out, catalog, width=100, no_location=True, omit_header=False, sort_output=True,
                 include_previous=False)
        text = re.sub(rb'"POT-Creation-Date: [^"]*\\n"\n', b"", out.getvalue())
        text = re.sub(rb'"PO-Revision-Date: [^"]*\\n"\n', b"", text)
        path.write_bytes(text)


def merged(language: str) -> tuple[Catalog, list[str]]:
    """The one catalogue the app reads, and the translations two areas disagree on."""
    fixed = datetime(2026, 1, 1, tzinfo=UTC)  # the same bytes from the same .po files
    catalog = Catalog(locale=language, domain=DOMAIN, project="Tandem", version="1",
                      creation_date=fixed, revision_date=fixed, fuzzy=False)
    clashes: list[str] = []
    for area in sorted({area for area, _ in AREAS}):
        for message in read_area(language, area):
            if not message.id:
                continue
            earlier = catalog.get(message.id, context=message.context)
            if earlier is not None and earlier.string != message.string:
                clashes.append(f"{area}.po translates {_key(message)[1]!r} differently")
            catalog.add(message.id, message.string, context=message.context,
                        flags=message.flags)
    return catalog, clashes


def compiled(language: str) -> bytes:
    """The catalogue as gettext's compiled form (Babel's), to check the app's own reading."""
    catalog, _ = merged(language)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_language(language: str) -> None:
    """Remove a compiled catalogue left by an earlier version: the app reads the .po files."""
    mo_path(language).unlink(missing_ok=True)


def _placeholders(text: str) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(text)}


def _strings(message: Message) -> Iterable[tuple[str, str]]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    for index, string in enumerate(strings):
        yield ids[min(index, len(ids) - 1)], string


def problems(language: str) -> list[str]:
    """Everything that keeps the catalogue from being complete and current, one line each."""
    found: list[str] = []
    extracted = extract()
    for area, messages in extracted.items():
        catalog = read_area(language, area)
        present = {_key(message): message for message in catalog if message.id}
        for key in messages.keys() - present.keys():
            found.append(f"{area}.po lacks {key[1]!r} ({messages[key].locations[0][0]})")
        for key in present.keys() - messages.keys():
            found.append(f"{area}.po still has {key[1]!r}, no longer in the code")
        for key, message in present.items():
            if key not in messages:
                continue
            if message.fuzzy:
                found.append(f"{area}.po: {key[1]!r} is marked fuzzy")
            for original, string in _strings(message):
                if not string:
                    found.append(f"{area}.po has no translation of {original!r}")
                elif _placeholders(string) != _placeholders(original):
                    found.append(f"{area}.po: the placeholders of {original!r} differ in "
                                 f"its translation")
    found += merged(language)[1]
    if mo_path(language).exists():
        found.append(f"{mo_path(language).relative_to(ROOT)} is left over: the app reads the .po "
                     f"files (run: python tools/catalogue.py compile, which removes it)")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    status = 0
    for language in LANGUAGES:
        if command == "update":
            update(language)
            compile_language(language)
        elif command == "compile":
            compile_language(language)
        elif command == "check":
            lines = problems(language)
            print("\n".join(lines) or f"{language}: complete")
            status = status or int(bool(lines))
        else:
            print(__doc__)
            return 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))


# ---- sentences not yet in the catalogue --------------------------------------------------------

import ast  # noqa: E402 - only the scan below needs it

MARKERS = {"tr", "tr_n", "tr_p", "N_"}
# Calls whose text is for programmers or machines, never shown to a user.
MACHINE_CALLS = {"ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError",
                 "NotImplementedError", "AttributeError", "IndexError", "execute", "executescript",
                 "executemany", "query", "debug", "info", "warning", "error", "exception",
                 "critical", "setStyleSheet", "setObjectName", "compile", "match", "sub",
                 "search", "fullmatch", "split", "findall", "strftime", "strptime", "getenv",
                 "setProperty", "property", "Signal", "pyqtSignal", "environ", "add_argument_group"}
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WITH|BEGIN|"
                 r"REPLACE|ATTACH|VACUUM|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)
SENTENCE = re.compile(r"[A-Za-z]{2,}[^\n]*\s[A-Za-z]{2,}")
# What a user never reads as words: markup tags (a sentence inside markup, "<b>Nothing yet.</b>",
# is still found once they are taken out), and a text that is all style sheet: Qt blocks
# ("QLabel { color: #a03c00; }") or CSS declarations ("color: #4a5560;").
TAG = re.compile(r"<[^<>]*>")
STYLE_SHEET = re.compile(r"\s*(?:[\w#.:-]+\s*\{[^{}]*:[^{}]*;[^{}]*\}?\s*"
                         r"|[a-z-]+\s*:\s*[^;{}]+;\s*)+")
UNMARKED_OK = "# not translated"  # a line ending with this comment says why it stays as it is


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _skipped_subtrees(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (_call_name(node) in MARKERS
                                           or _call_name(node) in MACHINE_CALLS):
            skipped.update(id(child) for child in ast.walk(node))
        elif isinstance(node, ast.Subscript):  # a key: row["what"], mapping["the key"]
            skipped.update(id(child) for child in ast.walk(node.slice))
        elif isinstance(node, ast.Compare):  # a comparison with a literal is not shown
            skipped.update(id(child) for child in ast.walk(node))
    return skipped


def _text_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return None


def unmarked(path: Path) -> list[tuple[int, str]]:
    """The sentences in ``path`` a user may read that do not go through the catalogue."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skipped = _docstrings(tree) | _skipped_subtrees(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skipped or isinstance(getattr(node, "parent", None), ast.JoinedStr):
            continue
        text = _text_of(node)
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(child) for child in ast.walk(node) if child is not node)
        if (text is None or not SENTENCE.search(TAG.sub(" ", text)) or SQL.match(text)
                or STYLE_SHEET.fullmatch(text)):
            continue
        line = lines[node.lineno - 1] if hasattr(node, "lineno") else ""
        if UNMARKED_OK in line:
            continue
        found.append((getattr(node, "lineno", 0), text))
    return found


def unmarked_by_area() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in unmarked(path):
            result.setdefault(area_of(path), []).append(
                f"{path.relative_to(ROOT).as_posix()}:{line}: {text[:70]!r}")
    return result
