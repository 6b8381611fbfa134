"""Where a problem in a content file is, said the same way for questionnaires, glossaries and
action libraries ("item #3", "theme 'data'"), and a field no file format has."""

from __future__ import annotations

from ..i18n import tr


def unknown_field(key: object) -> str:
    """The problem of a field the file format does not have."""
    return tr("unknown field {key}", key=repr(key))


def numbered(kind: str, index: int) -> str:
    """Where a problem is, by position: 'item #3' (``kind``: item, theme or term)."""
    if kind == "theme":
        return tr("theme #{number}", number=index + 1)
    if kind == "term":
        return tr("term #{number}", number=index + 1)
    return tr("item #{number}", number=index + 1)


def named(kind: str, ident: str) -> str:
    """Where a problem is, by id: "item 'p1.2'" (``kind``: item, theme or term)."""
    if kind == "theme":
        return tr("theme {id}", id=repr(ident))
    if kind == "term":
        return tr("term {id}", id=repr(ident))
    return tr("item {id}", id=repr(ident))
