"""Series: workshops of one organisation assessed again later. A follow-up names the workshop it
follows (``Workshop.follows``) and starts with that workshop's participants, each copied with the
identity of the person they were (``Participant.person``), so a comparison can tell the people
who answered both times from newcomers; the facilitator then removes who left and adds who
joined."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..content.questionnaire import Questionnaire
from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.records import Participant, Workshop, new_id
from .checks import workshop_fields
from .participants import Participants
from .workshops import Workshops

FOLLOW_UP_SUFFIX = " (follow-up)"


class Series(Workshops, Participants):
    """Follow-ups and the series they form."""

    def create_follow_up(self, baseline_id: str, questionnaire: Questionnaire,
                         name: str = "", on: str | None = None,
                         organization: str | None = None) -> Workshop:
        """A new workshop following ``baseline_id`` (its organisation unless another is
        given), with its participants copied as a starting point, in one transaction."""
        baseline = self.workshop(baseline_id)
        if on is not None and not _is_date(on):
            raise StorageError(tr("The date must be written YYYY-MM-DD, not {date}.",
                                  date=repr(on[:40])))
        typed = workshop_fields({"name": name or follow_up_name(baseline.name),
                                 "organization": baseline.organization if organization is None
                                 else organization})
        stamp = stamps.now_iso()
        workshop = Workshop(new_id(), typed["name"], typed["organization"],
                            on or date.today().isoformat(), questionnaire.id,
                            questionnaire.version, questionnaire.content_hash, stamp,
                            follows=baseline.id, report_language=baseline.report_language)
        with self.transaction():
            self.write_workshop(workshop, questionnaire)
            for p in self.participants(baseline.id):
                self.write_participant(replace(p, id=new_id(), workshop_id=workshop.id,
                                               edited_at=stamp, person=p.identity))
        return self.workshop(workshop.id)

    def follow_ups(self, workshop_id: str) -> list[Workshop]:
        """The workshops that follow ``workshop_id``, oldest first."""
        rows = self._query("SELECT id FROM workshops WHERE follows = ? ORDER BY date, created_at",
                           [workshop_id])
        return [self.workshop(r["id"]) for r in rows]

    def returning(self, baseline_id: str, follow_up_id: str) -> list[Participant]:
        """The follow-up's participants who were participants of the baseline too."""
        before = {p.identity for p in self.participants(baseline_id)}
        return [p for p in self.participants(follow_up_id) if p.identity in before]


def follow_up_name(name: str) -> str:
    """The name a follow-up is proposed under: the baseline's, marked as a follow-up, inside
    the remark in brackets the name may end with ("X (demo)": "X (demo, follow-up)"), so a
    name never ends in two brackets."""
    if name.endswith("follow-up)"):
        return name
    if name.endswith(")") and "(" in name:
        return name[:-1] + ", follow-up)"
    return name + FOLLOW_UP_SUFFIX


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
