"""Every sentence Tandem shows goes through here: one gettext catalogue for the core, the PDFs,
the workbook, the phone page, the command line and the window.

``tr("{count} people answered", count=n)`` looks the English text up in the current language's
catalogue, then fills its named placeholders; ``tr_n`` picks the plural form the language needs;
``N_`` marks a constant for the catalogue without translating it (translate it with ``tr`` where it
is shown, so a constant read at import time never freezes one language).

The language is the process's (``use``: the window's preference or ``--language``) unless a
block of work says otherwise (``speaking``: a PDF in the report's language, a phone request in
its participant's language). ``speaking`` uses a context variable, so two phone requests served
at once on one event loop each keep their own language. Plain Python: no Qt.
"""

from __future__ import annotations

import contextvars
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .pseudo import PSEUDO, pseudo_text

if TYPE_CHECKING:
    import gettext

DOMAIN = "tandem"
ENGLISH = "en"
# The languages a user may choose, each named in its own language (as a chooser shows them).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}

_process_language = ENGLISH
_block_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "tandem_language", default=None)


def known(code: str | None) -> bool:
    """Whether ``code`` names a language Tandem can speak (the pseudo-locale included)."""
    return code in LANGUAGES or code == PSEUDO


def current() -> str:
    """The language sentences are written in here and now."""
    return _block_language.get() or _process_language


def process_language() -> str:
    """The process's language (``use``), whatever a block is speaking now."""
    return _process_language


def use(code: str) -> None:
    """Set the process's language (the window's preference, or a command's ``--language``)."""
    global _process_language
    if not known(code):
        raise ValueError(f"unknown language {code!r}")
    _process_language = code


@contextmanager
def speaking(code: str | None) -> Iterator[None]:
    """Write the sentences of this block in ``code`` (None or unknown: the process's language)."""
    token = _block_language.set(code if known(code) else None)
    try:
        yield
    finally:
        _block_language.reset(token)


def system_language() -> str:
    """The system's language if Tandem speaks it, else English (the documented default)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX"):
            return _code_of(value.split(":")[0])
    try:
        found = locale.getlocale()[0] or ""
    except ValueError:
        found = ""
    return _code_of(found)


def _code_of(tag: str) -> str:
    code = tag.replace("-", "_").split("_")[0].split(".")[0].lower()
    names = {name.lower(): key for key, name in LANGUAGES.items()} | {"german": "de"}
    code = names.get(code, code)
    return code if code in LANGUAGES else ENGLISH


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    """``code``'s catalogue, read once (gettext is imported only when a language needs it)."""
    import gettext

    from . import po_file
    folder = resources.files(__name__) / "messages" / code
    try:
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".po")),
                       key=lambda f: f.name)
        return po_file.translations(files)
    except (OSError, UnicodeDecodeError, ValueError):
        return gettext.NullTranslations()  # an unreadable catalogue: English, never a crash


def _fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def tr(message: str, **values: object) -> str:
    """``message`` in the current language, its ``{named}`` placeholders filled from ``values``."""
    code = current()
    text = message if code in (ENGLISH, PSEUDO) else _catalogue(code).gettext(message)
    if code == PSEUDO:
        text = pseudo_text(text)
    return _fill(text, values)


def tr_n(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a counted sentence the current language needs for ``n`` (filled with ``n``)."""
    code = current()
    if code in (ENGLISH, PSEUDO):
        text = singular if n == 1 else plural
    else:
        text = _catalogue(code).ngettext(singular, plural, n)
    if code == PSEUDO:
        text = pseudo_text(text)
    return _fill(text, {"n": n, **values})


def tr_p(context: str, message: str, **values: object) -> str:
    """``tr`` for a short text whose translation depends on where it is used (``context``)."""
    code = current()
    text = message if code in (ENGLISH, PSEUDO) else _catalogue(code).pgettext(context, message)
    if code == PSEUDO:
        text = pseudo_text(text)
    return _fill(text, values)


def language_name(code: str) -> str:
    """A language's name as the current language writes it ('German', in German 'Deutsch');
    an unknown code as it is. The language choosers show each language in its own name
    (``LANGUAGES``) so that a reader finds their own."""
    names = {"en": tr_p("language", "English"), "de": tr_p("language", "German")}
    return names.get(code, code)


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools and readers expect
    """Mark ``message`` for the catalogue; translate it with ``tr`` where it is shown."""
    return message
