"""Reading a bundle file strictly: its bytes are UTF-8 JSON text of a plausible size, and its
values are ones a bundle can hold, or the file is refused with one sentence saying where and why.
What the values mean is ``bundle_check``'s to check.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from pathlib import Path
from typing import Any

from ..errors import BundleError
from ..files import NotAFile, read_chosen_file
from ..i18n import tr
from ..rules.text import excerpt

# What a file must be before its values are checked (``bundle_check``). A bundle of 30 people
# with every comment at its limit is under 3 MB; nothing real comes near these bounds, and
# anything past them is refused at the door with one sentence, before it can exhaust memory or
# recursion, or turn into a number or a text the database cannot hold.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64  # a bundle nests 6 levels (questionnaire_content.items[n].text.it)
MAX_DIGITS = 18  # whole numbers beyond 10**18 cannot be a level, a version or a weight
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_trouble(message: str) -> str:
    """The json module's words, said plainly (its other words as they are)."""
    if message == "Expecting value":
        return tr("a value was expected")
    if message == "Extra data":
        return tr("there is more after the end of the data")
    if message == "Unterminated string starting at":
        return tr("a text is not closed")
    if message == "Expecting property name enclosed in double quotes":
        return tr("a name in double quotes was expected")
    return message[:1].lower() + message[1:]


def read_bundle(path: Path) -> dict[str, Any]:
    """The JSON a bundle file holds, or one sentence (a ``BundleError``) saying why the file
    is not one: unreadable, not UTF-8 JSON text, or holding what no bundle holds (a broken
    character, a number that is not finite or is absurdly long, a key twice, deep nesting)."""
    text = _bundle_text(path)
    try:
        return loads_strict(text)
    except json.JSONDecodeError as exc:
        raise BundleError(tr("{path}: is not a Tandem workshop file, or it was damaged or "
                             "changed by hand (line {line}, column {column}: {trouble}).",
                             path=path, line=exc.lineno, column=exc.colno,
                             trouble=_json_trouble(exc.msg))) from None
    except JsonProblem as problem:
        where = f"{problem.where}: " if problem.where else ""
        raise BundleError(f"{path}: {where}{problem.reason}.") from None


class JsonProblem(ValueError):
    """A value the JSON text holds that no Tandem document may hold, and where it is."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def loads_strict(text: str, **hooks: Any) -> Any:
    """JSON text read strictly, the one reading of every JSON a stranger can hand Tandem (a
    bundle file, an answer posted to the server): a key twice, a broken character, a number
    that is not finite or is absurdly long, or nesting past ``MAX_DEPTH`` raises
    ``JsonProblem``; text that is not JSON raises ``json.JSONDecodeError``. ``hooks`` (json's
    ``parse_int``, ``parse_float``, ``parse_constant``) may be stricter still."""
    flagged: dict[int, tuple[dict, str]] = {}  # id of an object -> it (kept alive), a key twice
    options: dict[str, Any] = {"parse_constant": _not_finite, "parse_float": _float,
                               "parse_int": _int, **hooks}
    try:
        data = json.loads(text, object_pairs_hook=lambda pairs: _object(pairs, flagged),
                          **options)
    except RecursionError:
        raise JsonProblem("", tr("is nested more than {depth} levels deep (lists or objects "
                                 "inside each other)", depth=MAX_DEPTH)) from None
    problem = _first_problem(data, flagged)
    if problem:
        raise JsonProblem(*problem)
    return data


def _bundle_text(path: Path) -> str:
    """The file's text, read whole only once it is known to be a file of a plausible size."""
    try:
        raw = read_chosen_file(path, MAX_BUNDLE_BYTES)
    except NotAFile as problem:
        if problem.kind == "folder":
            raise BundleError(tr("{path}: is a folder, not a Tandem workshop file.",
                                 path=path)) from None
        if problem.kind == "special":  # a pipe or a device: never read
            raise BundleError(tr("{path}: is not a regular file, so it is not a Tandem "
                                 "workshop file.", path=path)) from None
        if problem.kind == "too large":
            raise BundleError(tr("{path}: is over {size} MB, far larger than any Tandem "
                                 "workshop file, so it was not read.", path=path,
                                 size=MAX_BUNDLE_BYTES // 2**20)) from None
        raise BundleError(tr("{path}: cannot be read ({reason}).", path=path,
                             reason=problem.detail)) from None
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise BundleError(tr("{path}: is not UTF-8 text (it is saved as {encoding}), so it is "
                             "not a Tandem workshop file; export it again from Tandem, or save "
                             "it as UTF-8.", path=path, encoding="UTF-32"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        raise BundleError(tr("{path}: is not UTF-8 text (it is saved as {encoding}), so it is "
                             "not a Tandem workshop file; export it again from Tandem, or save "
                             "it as UTF-8.", path=path, encoding="UTF-16"))
    if b"\x00" in raw:
        raise BundleError(tr("{path}: is not a text file, so it is not a Tandem workshop file.",
                             path=path))
    try:
        text = raw.decode("utf-8").lstrip("\ufeff")  # byte-order marks are harmless
    except UnicodeDecodeError as exc:
        raise BundleError(tr("{path}: is not UTF-8 text (byte {byte} cannot be read), so it is "
                             "not a Tandem workshop file; export it again from Tandem, or save "
                             "it as UTF-8.", path=path, byte=format(exc.start + 1, ","))) from None
    if not text.strip():
        raise BundleError(tr("{path}: the file is empty (0 bytes).", path=path) if not raw
                          else tr("{path}: the file is empty.", path=path))
    return text


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII characters with a NUL byte before or after."""
    head = raw[:4]
    return len(head) == 4 and (
        (head[1] == head[3] == 0 and head[0] != 0 and head[2] != 0)
        or (head[0] == head[2] == 0 and head[1] != 0 and head[3] != 0))


class _Refused:
    """A value the JSON held that no bundle may hold; ``_first_problem`` says where it is."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _not_finite(literal: str) -> _Refused:
    return _Refused(tr("is {value}, not a finite number", value=literal))


def _float(literal: str) -> float | _Refused:
    value = float(literal)
    return value if math.isfinite(value) else _Refused(
        tr("is {value}, a number too large to hold", value=excerpt(literal, 20)))


def _int(literal: str) -> int | _Refused:
    digits = len(literal.lstrip("-"))
    if digits > MAX_DIGITS:
        return _Refused(tr("is a whole number {digits} digits long, far larger than any value "
                           "of a bundle", digits=format(digits, ",")))
    return int(literal)


def _object(pairs: list[tuple[str, Any]], flagged: dict[int, tuple[dict, str]]
            ) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                flagged[id(obj)] = (obj, key)  # kept, so that no other object takes its id
                break
            seen.add(key)
    return obj


_WALKED = (str, dict, list, _Refused)


def _first_problem(data: Any, flagged: dict[int, tuple[dict, str]]) -> tuple[str, str] | None:
    """Where (``answers[3].comment``) the first value no bundle may hold is, and what it is;
    walked without recursion, in the order of the file."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Refused):
            return _where(path), value.reason
        if isinstance(value, str):
            broken = _SURROGATE.search(value)
            if broken:
                return _where(path), tr("holds {character}",
                                        character=_broken_character(value, broken.start()))
            continue
        if not isinstance(value, (dict, list)):
            continue
        if len(path) >= MAX_DEPTH:
            return _where(path), tr("is nested more than {depth} levels deep, so it is not a "
                                    "Tandem workshop file", depth=MAX_DEPTH)
        if isinstance(value, list):  # numbers and null need no walk (a list may be long)
            stack.extend((value[n], path + (n,)) for n in range(len(value) - 1, -1, -1)
                         if isinstance(value[n], _WALKED))
            continue
        if id(value) in flagged:
            return _where(path), tr("holds the key {key} twice",
                                    key=_key(flagged[id(value)][1]))
        for key in value:
            broken = _SURROGATE.search(key)
            if broken:
                return _where(path), tr("has a key holding {character}",
                                        character=_broken_character(key, broken.start()))
        stack.extend((child, path + (key,)) for key, child in reversed(value.items()))
    return None


def _broken_character(text: str, at: int) -> str:
    return tr("a broken character at character {position} ({character}, half of a UTF-16 pair), "
              "so the file was damaged or written by a faulty program",
              position=format(at + 1, ","), character=_key(text[at]))


def _key(text: str) -> str:
    """A key or a character as a message shows it: short, quoted, any broken character
    spelled as its escape (a lone surrogate can be neither printed nor shown in a window)."""
    short = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", excerpt(text, 30))
    return f"\"{short}\""


def _where(path: tuple[str | int, ...]) -> str:
    """``answers[3].comment`` for a path of keys and indexes, shortened when it is long."""
    if not path:
        return tr("(top level)")
    where = ""
    for part in path:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part.isidentifier():
            where += f".{part}" if where else part
        else:
            where += f"[{_key(part)}]"
    return excerpt(where, 60)
