"""Text an older Tandem let through, made printable: every name, title, organisation, comment
and note longer than its limit in ``rules.text`` is cut there, with a note saying so, before
the PDFs lay anything out. Text within the limits passes through untouched (and the layout
prints all of it); this only keeps a 10 MB comment in an old database from stalling an export
for minutes."""

from __future__ import annotations

from dataclasses import replace

from ..i18n import formats, tr
from ..rules.text import cut_to_limit
from .workshop import ScoredWorkshop


def printable(field: str, value: str | None) -> str:
    """``value`` as it may be printed: whole when within the limit of ``field``, else its
    start and a visible note with the full length."""
    text, cut = cut_to_limit(field, value)
    if not cut:
        return text
    return tr("{start}… [cut: {length} characters, longer than Tandem allows; the first {shown} "
              "are printed]", start=text.rstrip(), length=formats.whole(len(value or "")),
              shown=formats.whole(len(text)))


def printable_report(report: ScoredWorkshop) -> ScoredWorkshop:
    """``report`` with over-long user text cut (the same object when nothing is)."""
    workshop = report.workshop
    name, organisation = (printable("workshop name", workshop.name),  # not translated: a key
                          printable("organisation", workshop.organization))
    if (name, organisation) != (workshop.name, workshop.organization):
        workshop = replace(workshop, name=name, organization=organisation)
    participants = tuple(
        p if (printable("name", p.name), printable("title", p.title)) == (p.name, p.title)
        else replace(p, name=printable("name", p.name), title=printable("title", p.title))
        for p in report.participants)
    answers = tuple(a if printable("comment", a.comment) == a.comment
                    else replace(a, comment=printable("comment", a.comment))
                    for a in report.answers)
    plan = tuple(e if printable("notes", e.notes) == e.notes
                 else replace(e, notes=printable("notes", e.notes)) for e in report.plan)
    if (workshop is report.workshop and participants == report.participants
            and answers == report.answers and plan == report.plan):
        return report
    return replace(report, workshop=workshop, participants=participants, answers=answers,
                   plan=plan)
