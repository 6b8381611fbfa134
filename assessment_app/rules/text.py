"""What people type: what is kept of it and how long it may be. One home for both rules, used
by the answering screens, the store, bundle import and the PDFs.

What is kept (``clean_text``): the text exactly as typed, minus surrounding spaces and control
characters; comments and notes keep their line breaks.

A comment is evidence for one statement: 2,000 characters is about 300 words, far more than
anyone types in a 15-minute questionnaire, yet short enough that the voice-of-the-room pages
stay readable and a handout row fits on one or two pages. Names, titles and organisations are
labels: 200 characters holds any real one (a long double-barrelled name with a job title is
under 100) while keeping headers and file names sane.

The check itself lives here too (``too_long``), so the store (which refuses a save) and bundle
import (which refuses a file) apply the same rule and say it the same way; the PDFs use
``cut_to_limit`` for text an older Tandem let through, so it prints, visibly cut."""

from __future__ import annotations

from ..i18n import N_, formats, tr, tr_n

COMMENT_MAX_CHARS = 2000
NOTES_MAX_CHARS = 2000
NAME_MAX_CHARS = 200  # participant and workshop names, job titles, organisations

# field -> (how a sentence calls it, its limit); the name fills ``{what}`` in the sentence.
FIELDS: dict[str, tuple[str, int]] = {
    "comment": (N_("the comment"), COMMENT_MAX_CHARS),
    "notes": (N_("the plan note"), NOTES_MAX_CHARS),
    "name": (N_("the name"), NAME_MAX_CHARS),
    "workshop name": (N_("the workshop name"), NAME_MAX_CHARS),  # not translated: a key
    "title": (N_("the job title"), NAME_MAX_CHARS),
    "organisation": (N_("the organisation"), NAME_MAX_CHARS),
}

EXCERPT_CHARS = 40


def clean_text(value: str | None, multiline: bool = False) -> str:
    """Text exactly as typed, minus what no one means to keep: surrounding spaces and control
    characters (NUL and friends break exports); comments keep their line breaks."""
    if value is None:
        return ""
    keep = "\n\t" if multiline else ""
    text = "".join(ch for ch in str(value) if ch in keep or (ord(ch) >= 32 and ord(ch) != 127))
    if not multiline:
        text = " ".join(text.split("\t"))
    return text.strip()


def limit_for(field: str) -> int:
    return FIELDS[field][1]


def excerpt(value: str, chars: int = EXCERPT_CHARS) -> str:
    """The start of ``value`` on one line, at most ``chars`` characters and an ellipsis: enough
    to recognise a text in a message without pasting all of it."""
    flat = " ".join(str(value).split())
    return flat if len(flat) <= chars else flat[:chars].rstrip() + "…"


def too_long(field: str, value: str | None, what: str | None = None,
             quote: bool = False) -> str | None:
    """None when ``value`` fits the limit of ``field``; otherwise one plain sentence that says
    how long it is, the limit and by how much to shorten it. ``what`` names the text in the
    sentence ("the comment by Ana on item P1.2"); ``quote`` adds its first few words."""
    label, limit = FIELDS[field]
    length = len(value or "")
    if length <= limit:
        return None
    over = length - limit
    values = {"what": what or tr(label), "length": formats.whole(length),
              "limit": formats.whole(limit), "over": formats.whole(over)}
    if quote:
        sentence = tr_n("{what} is {length} characters long, over the limit of {limit}: "
                        "shorten it by {over} character (it begins “{start}”).",
                        "{what} is {length} characters long, over the limit of {limit}: "
                        "shorten it by {over} characters (it begins “{start}”).",
                        over, start=excerpt(value or ""), **values)
    else:
        sentence = tr_n("{what} is {length} characters long, over the limit of {limit}: "
                        "shorten it by {over} character.",
                        "{what} is {length} characters long, over the limit of {limit}: "
                        "shorten it by {over} characters.", over, **values)
    return sentence[0].upper() + sentence[1:]


def cut_to_limit(field: str, value: str | None) -> tuple[str, bool]:
    """``value`` cut to the limit of ``field`` (for text stored before the limits existed), and
    whether it was cut."""
    limit = limit_for(field)
    value = value or ""
    return (value, False) if len(value) <= limit else (value[:limit], True)
