"""A comparison read from the store: the two workshops, the installed editions their lineage is
checked against, and the baseline's plan with each action's test judged against the follow-up
(``compare``, ``plan_check``). The JSON, the PDF page and the screen all start here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..content.actions import Action
from ..content.questionnaire import Questionnaire
from ..errors import StorageError
from ..i18n import tr
from ..rules.privacy import stricter, threshold
from .compare import Comparison, Side, compare
from .plan import in_plan_order, load_plan
from .plan_check import judge
from .scoring import score_workshop

if TYPE_CHECKING:
    from ..store.database import Store


def load_side(store: Store, workshop_id: str) -> Side:
    workshop = store.workshop(workshop_id)
    return Side(workshop, store.questionnaire(workshop.questionnaire_hash),
                tuple(store.participants(workshop_id)),
                tuple(store.answers_for_workshop(workshop_id)))


def load_comparison(store: Store, baseline_id: str, followup_id: str,
                    actions: Iterable[Action],
                    editions: Mapping[tuple[str, str], Questionnaire] | None = None,
                    shown: Callable[[Questionnaire], Questionnaire] | None = None
                    ) -> Comparison:
    """The follow-up against the baseline, with the baseline plan's verdicts. Statements are
    paired on the stored originals (a reworded statement is told by its English words); the
    comparison then carries both questionnaires as ``shown`` gives them
    (``Wording.questionnaire``), so its pages print the reader's words."""
    if baseline_id == followup_id:
        raise StorageError(tr("A workshop cannot be compared with itself; choose its "
                              "follow-up."))
    actions = list(actions)
    baseline, followup = load_side(store, baseline_id), load_side(store, followup_id)
    comparison = compare(baseline, followup, editions, stricter(
        baseline.workshop.privacy_threshold, followup.workshop.privacy_threshold))
    ranked = score_workshop(baseline.questionnaire, baseline.participants, baseline.answers,
                            actions, minimum=threshold(baseline.workshop.privacy_threshold)
                            ).actions  # the baseline read once, here
    plan = [e for e in in_plan_order(load_plan(store, baseline_id, actions, ranked))
            if e.included]
    if shown is not None:
        baseline = replace(baseline, questionnaire=shown(baseline.questionnaire))
        followup = replace(followup, questionnaire=shown(followup.questionnaire))
        comparison = replace(comparison, baseline=baseline, followup=followup)
    verdicts = tuple(judge(e.action.id, e.action.title, e.action.success_test,
                           followup.questionnaire, followup.participants, followup.answers,
                           comparison.minimum, baseline.questionnaire) for e in plan)
    return replace(comparison, verdicts=verdicts)


def baseline_of(store: Store, workshop_id: str) -> str | None:
    """The workshop a follow-up follows, when this laptop has it."""
    follows = store.workshop(workshop_id).follows
    return follows if follows and store.has_workshop(follows) else None
