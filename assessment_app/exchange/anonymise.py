"""Anonymised exports: what a bundle or CSV that leaves the room carries instead of who people
are.

Every export draws a fresh set of random ids for the workshop and each participant, numbers the
pseudonyms ("Marketing 2", "IT 1") in a random order, and shuffles its rows, so two exports
cannot be joined to each other or to the named one by an id, a name or a position. Comments and
plan notes are left out unless the facilitator keeps them; kept, every name Tandem knows (each
participant's full name, first name and surname, job title, the organisation and its words, the
workshop name) is replaced: matched whole-word, whatever the case, accents, letters a keyboard
may lack ("Lukasz" for "Łukasz", "Mueller" for "Müller"), apostrophes (straight, curly, as phones
type them), hyphens or invisible characters, longest first.

A name part that is also a common word ("Le" in "Minh Le", "Rose", "May") is still replaced
wherever it appears, in any case: a comment may lose an ordinary word ("le" in a French
sentence), but it never keeps a surname. Only a part written in lower case inside the name ("de"
in "Ann de Vries", "van") counts as a particle, replaced only with the full name.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..content.questionnaire import ROLE_LABELS
from ..errors import TandemError
from ..i18n import tr, tr_n
from ..rules.privacy import PRIVACY_THRESHOLD, small_groups
from ..rules.records import Answer, Participant, Workshop, new_id

ANONYMOUS_WORKSHOP = "Anonymised workshop"  # not translated: a bundle's content
ALL_RESPONDENTS = "all respondents"  # not translated: the CSV's group when functions are merged
RESPONDENT = "Respondent"  # the pseudonym's word when functions are merged ("Respondent 3")
MERGE_FLAG = "--merge-small-functions"
ORGANISATION = "[organisation]"
WORKSHOP = "[workshop]"
AMBIGUOUS = "[participant]"  # a word two people share (two Annas, two Directors)

# Apostrophes and hyphens as keyboards and phones type them, read as the plain ones.
APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u2032\u00b4`\uff07\u02bb\u201b\u055a\ua78c"
HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_PLAIN = str.maketrans({**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in HYPHENS}})
# Letters Unicode does not split into a letter and an accent, read as a keyboard without them
# types them ("Søren" as "Soren", "Łukasz" as "Lukasz", "Işıl" as "Isil"); after casefold.
_BASE_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ħ": "h",
                               "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"})
# A second spelling of a name, as it is written without these letters ("Müller" as "Mueller").
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                              "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa"})
# Words of the organisation's name too common to be replaced on their own.
COMMON_WORDS = frozenset(
    "and the for of group company inc ltd llc plc gmbh corp sa ag co und et".split())

T = TypeVar("T")


def day_stamp(workshop: Workshop) -> str:
    """Every time in an anonymised export: the workshop's date, at midnight UTC."""
    return f"{workshop.date}T00:00:00+00:00"


def shuffled(rows: Iterable[T], rng: random.Random) -> list[T]:
    rows = list(rows)
    rng.shuffle(rows)
    return rows


@dataclass(frozen=True)
class Pseudonyms:
    """One export's stand-ins: a fresh workshop id, and per participant id a fresh id and a
    pseudonym; ``scrub`` replaces the names Tandem knows in a comment or note."""

    workshop_id: str
    ids: dict[str, str]
    names: dict[str, str]
    rng: random.Random
    _pattern: re.Pattern[str] | None
    _replacements: tuple[str, ...]  # what replaces the pattern's group n (at n - 1)

    def scrub(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        folded, origin = _fold(text)
        out, last = [], 0
        for match in self._pattern.finditer(folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            if start < last:
                continue
            out.append(text[last:start])
            out.append(self._replacements[(match.lastindex or 1) - 1])
            last = end
        out.append(text[last:])
        return "".join(out)


def pseudonymise(workshop: Workshop, participants: Sequence[Participant],
                 rng: random.Random | None = None, merged: bool = False) -> Pseudonyms:
    """Fresh stand-ins for one export (``rng``: the system's randomness unless a test gives
    one); ``merged``: one group for everyone ("Respondent 3") instead of one per function."""
    rng = rng or random.SystemRandom()
    counters: dict[str, int] = {}
    names = {}
    for p in shuffled(participants, rng):
        group = ALL_RESPONDENTS if merged else p.role
        counters[group] = counters.get(group, 0) + 1
        word = RESPONDENT if merged else ROLE_LABELS.get(p.role, p.role)
        names[p.id] = f"{word} {counters[group]}"
    ids = {p.id: new_id() for p in participants}
    terms = _known_terms(workshop, participants, names)
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    pattern = _pattern(ordered) if terms else None
    return Pseudonyms(new_id(), ids, names, rng, pattern, tuple(terms[t] for t in ordered))


def needs_merging(participants: Sequence[Participant], answers: Iterable[Answer],
                  merge: bool, bundle: bool = False,
                  minimum: int = PRIVACY_THRESHOLD) -> bool:
    """Whether an anonymised export must merge the functions into "all respondents": False
    when every function that answered has at least ``minimum`` respondents; True when one has
    fewer and the facilitator asked to merge (``merge``); otherwise refused with a sentence
    (a bundle must give each person's function, so it cannot merge them)."""
    answered = {a.participant_id for a in answers}
    small = small_groups((p.role for p in participants if p.id in answered), minimum)
    if not small:
        return False
    everyone = sum(p.id in answered for p in participants)
    if merge and not bundle and everyone < minimum:  # merged, still a group under it
        raise TandemError(tr_n(
            "{n} person answered, fewer than the privacy threshold of {minimum}, so even with "
            "the functions merged an anonymised export would show their answers as theirs.",
            "{n} people answered, fewer than the privacy threshold of {minimum}, so even with "
            "the functions merged an anonymised export would show their answers as theirs.",
            everyone, minimum=minimum))
    if merge and not bundle:
        return True
    who = tr(" and ").join(_respondents(role, n) for role, n in small.items())
    if bundle:
        raise TandemError(tr(
            "{who}, fewer than the privacy threshold of {minimum}, so an anonymised export "
            "would show their answers as theirs; a bundle must give each person's function, so "
            "share the anonymised CSV with {flag} or the aggregate extract instead.", who=who,
            minimum=minimum, flag=MERGE_FLAG))
    raise TandemError(tr(
        "{who}, fewer than the privacy threshold of {minimum}, so an anonymised export would "
        "show their answers as theirs; ask to merge the functions into \"{merged}\" ({flag}) or "
        "share the aggregate extract instead.", who=who, minimum=minimum,
        merged=ALL_RESPONDENTS, flag=MERGE_FLAG))


def _respondents(role: str, n: int) -> str:
    """'IT has 2 respondents'."""
    label = ROLE_LABELS.get(role, role)
    return tr_n("{function} has {n} respondent", "{function} has {n} respondents", n,
                function=tr(label))


def _known_terms(workshop: Workshop, participants: Sequence[Participant],
                 names: dict[str, str]) -> dict[str, str]:
    """Every name Tandem knows, folded (``_fold``), and what replaces it."""
    terms: dict[str, str] = {}

    def add(text: str, replacement: str, whole: bool = True) -> None:
        for spelling in dict.fromkeys((text, text.translate(_SPELLED_OUT))):
            key = " ".join(_fold(spelling)[0].split())
            if len(key) < 2 or (not whole and key in COMMON_WORDS):
                continue
            terms[key] = AMBIGUOUS if terms.get(key, replacement) != replacement else replacement

    add(workshop.name, WORKSHOP)
    add(workshop.organization, ORGANISATION)
    for word in _words(workshop.organization):
        if len(word) >= 3:
            add(word, ORGANISATION, whole=False)
    for p in participants:
        add(p.name, names[p.id])
        add(p.title, names[p.id])
        for word in _words(p.name):
            if not _particle(word):
                add(word, names[p.id], whole=False)
    return terms


def _particle(word: str) -> bool:
    """A part of a name written in lower case ("de", "van", "bin"): a particle, which is a word
    of sentences too, so replaced only within the full name; a capitalised part ("Le" of "Minh
    Le") is the name itself and replaced wherever it is."""
    return word == word.lower() and word != word.upper()


def _words(text: str) -> set[str]:
    """The words of a name: split at spaces and hyphens ("Jean-Luc" gives "Jean-Luc", "Jean"
    and "Luc"), without the punctuation around them."""
    found = set()
    for word in text.translate(_PLAIN).split():
        word = word.strip(".,;:()[]\"'“”")
        found.add(word)
        found.update(part for part in word.split("-") if part)
    return {w for w in found if w}


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` without case and accents ("ZOË" and "Zoe" both read "zoe", "Ø" reads "o"),
    curly apostrophes and typographic hyphens read as plain ones, invisible characters (a soft
    hyphen, a zero-width space) left out, and for each character of the result the position of
    the character it came from."""
    folded, origin = [], []
    for n, ch in enumerate(text.translate(_PLAIN)):
        if unicodedata.category(ch) == "Cf":
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch)
                        if not unicodedata.combining(c)).casefold().translate(_BASE_LETTERS)
        folded.append(plain)
        origin.extend([n] * len(plain))
    return "".join(folded), origin


def _unspaced(term: str) -> bool:
    """Scripts written without spaces between words (Chinese, Japanese, Thai...) or with
    particles joined to names (Korean): a name there is matched anywhere, not as a word."""
    return any(ord(c) >= 0x2E80 or 0x0E00 <= ord(c) <= 0x0EFF or 0x1000 <= ord(c) <= 0x109F
               or 0x1780 <= ord(c) <= 0x17FF for c in term)


def _flexible(word: str) -> str:
    """A word of a name as a pattern: its hyphens match a hyphen or a space ("Jean Luc"), its
    apostrophes an apostrophe, a space or nothing ("OBrien", "O Brien")."""
    parts = []
    for ch in word:
        parts.append(r"[-\s]+" if ch == "-" else r"['\s]?" if ch == "'" else re.escape(ch))
    return "".join(parts)


def _pattern(terms: list[str]) -> re.Pattern[str]:
    """One pattern for all the terms (longest first, so a full name wins over its first name),
    each term its own group, numbered in that order."""
    alternatives = []
    for term in terms:
        body = r"\s+".join(_flexible(word) for word in term.split())
        alternatives.append(f"({body})" if _unspaced(term) else rf"(?<!\w)({body})(?!\w)")
    return re.compile("|".join(alternatives))
