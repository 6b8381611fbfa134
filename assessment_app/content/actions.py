"""The action library: concrete steps a CMO and CIO can take, each tied to the items it answers
so the scoring engine can rank them. ``lead`` is the one function accountable for it (the CMO
or the CIO), ``partner`` the other function where it takes part. ``success`` is the test a later
workshop judges (``content.success``): conditions on the action's statements, from which the
printed sentence is made; libraries written before it may give the sentence alone, and name in
``measured_by`` the statements the pulse check asks again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, tr
from .questionnaire_file import Problems, require_id, require_list, require_text, type_name
from .success import SuccessCondition, parse_success_test, success_text

# A plan row's owner: one function, or "both" in plans saved before every action had one lead.
OWNERS = ("cmo", "cio", "both")
LEADS = ("cmo", "cio")  # an action's single accountable lead; the partner is the other one
# The labels are English; ``owner_label``, ``horizon_label`` and ``plan_state_label`` (or ``tr``
# where shown) give them in the current language.
OWNER_LABELS = {"cmo": N_("CMO"), "cio": N_("CIO"), "both": N_("CMO and CIO")}
FUNCTION_OWNER = {"marketing": "cmo", "it": "cio"}  # the owner code each function leads
HORIZONS = ("90d", "3-6m", "6-12m")
HORIZON_LABELS = {"90d": N_("Next 90 days"), "3-6m": N_("3-6 months"),
                  "6-12m": N_("6-12 months")}
EFFORTS = ("S", "M", "L")
# What an action fixes, matched to what its main statement calls for (``item_stats.REASONS``):
# build a capability (the level is low or the room wants it higher), reconcile the facts (the
# functions see it differently), restore visibility (many could not say).
FIXES = ("build", "reconcile", "visibility")
# The plan as a whole: "suggested" (the formula's ranking, untouched or edited) until the
# facilitator marks it "agreed" with the room; every output says which.
PLAN_STATES = {"suggested": N_("Suggested"), "agreed": N_("Agreed")}
ACTION_FIELDS = ("id", "title", "description", "lead", "partner", "owner", "horizon", "effort",
                 "items", "source", "measured_by", "success", "fixes")
# ``success`` completes this sentence; the file holds only the completion, so every output words
# the test the same way.
SUCCESS_LEAD = "It worked when"  # not translated: what a library file must not repeat

@dataclass(frozen=True)
class Action:
    id: str
    title: str
    description: str
    lead: str  # one of LEADS: the function accountable for the action
    horizon: str
    effort: str
    items: tuple[str, ...]
    source: str
    measured_by: tuple[str, ...] = ()
    success: str = ""  # completes "It worked when ..."; empty in libraries written before it
    fixes: str = "build"  # one of FIXES
    partner: str = ""  # the other function where it takes part, else ""
    success_test: tuple[SuccessCondition, ...] = ()  # () when the test is a sentence only
    # a translation (``content.translation``): the library's own action it words, whose
    # title breaks the ranking's ties, so a plan ranks alike in every language
    original: Action | None = field(default=None, compare=False, repr=False)

    @property
    def sort_title(self) -> str:
        """The title the ranking orders ties by: the original's, in any language."""
        return (self.original or self).title.casefold()

    @property
    def owner(self) -> str:
        """The plan's default owner: the lead."""
        return self.lead

    @property
    def success_sentence(self) -> str:
        """The success test as a sentence ("It worked when ..."), or "" when there is none."""
        if not self.success:
            return ""
        text = self.success.rstrip()
        if text.endswith((".", "!", "?")):
            return tr("It worked when {test}", test=text)
        return tr("It worked when {test}.", test=text)


def partner_of(action: Action, owner: str) -> str:
    """The partner of a plan row: the function other than the row's owner, where the action
    has a partner ("" for an owner "both", kept by plans saved before every action had one
    lead)."""
    if not action.partner or owner not in LEADS:
        return ""
    return LEADS[1 - LEADS.index(owner)]


def owner_label(owner: str, partner: str = "") -> str:
    """A plan row's owner in words, with its partner (``partner_of``): "CIO (partner: CMO)"."""
    label = OWNER_LABELS.get(owner)
    shown = tr(label) if label else owner
    if not partner:
        return shown
    other = OWNER_LABELS[partner]
    return tr("{lead} (partner: {partner})", lead=shown, partner=tr(other))


def horizon_label(horizon: str) -> str:
    """An action's horizon as a reader of the current language says it ("Next 90 days")."""
    label = HORIZON_LABELS.get(horizon)
    return tr(label) if label else horizon


def plan_state_label(state: str) -> str:
    """The plan's state ("Suggested", "Agreed") in the current language."""
    label = PLAN_STATES.get(state)
    return tr(label) if label else state


def _choice(problems: Problems, where: str, raw: Mapping, key: str, allowed: tuple[str, ...]
            ) -> str:
    value = require_text(problems, where, raw, key)
    if value and value not in allowed:
        problems.add(where, tr("'{key}' {value} is not one of {allowed}", key=key,
                               value=repr(value), allowed=", ".join(allowed)))
    return value


def _success(problems: Problems, where: str, raw: Mapping, items: list
             ) -> tuple[str, tuple[SuccessCondition, ...], list]:
    """The success sentence, the conditions of a structured test, and the statements a
    follow-up asks again (the test's own, else ``measured_by``)."""
    measured_by = require_list(problems, where, raw, "measured_by", required=False)
    for item_id in measured_by:
        if item_id not in items:
            problems.add(where, tr("'measured_by' names {item}, which is not among the "
                                   "action's 'items'", item=repr(item_id)))
    value = raw.get("success")
    if isinstance(value, (Mapping, list)):
        if "measured_by" in raw:
            problems.add(where, tr("'measured_by' goes with a 'success' sentence; a "
                                   "structured 'success' names its statements itself"))
        test = parse_success_test(problems, where, value, [str(i) for i in items])
        return success_text(test), test, list(dict.fromkeys(c.statement for c in test))
    success = require_text(problems, where, raw, "success", required=False)
    if success.lower().startswith(SUCCESS_LEAD.lower()):
        problems.add(where, tr("'success' must hold only what follows '{lead}'",
                               lead=SUCCESS_LEAD))
    return success, (), measured_by


def _lead_and_partner(problems: Problems, where: str, raw: Mapping) -> tuple[str, str]:
    """One accountable function, and the other as partner where it takes part. A library
    written before ``lead`` may still say ``owner: cmo`` or ``owner: cio``."""
    if "owner" in raw:
        if "lead" in raw:
            problems.add(where, tr("'owner' and 'lead' say the same thing: keep 'lead' only"))
            return "", ""
        owner = require_text(problems, where, raw, "owner")
        if owner == "both":
            problems.add(where, tr("'owner' 'both' names no single accountable function: "
                                   "write 'lead: cmo' or 'lead: cio', and the other as "
                                   "'partner'"))
        elif owner and owner not in LEADS:
            problems.add(where, tr("'{key}' {value} is not one of {allowed}", key="owner",
                                   value=repr(owner), allowed=", ".join(LEADS)))
        lead = owner if owner in LEADS else ""
    else:
        lead = _choice(problems, where, raw, "lead", LEADS)
    partner = require_text(problems, where, raw, "partner", required=False)
    if partner and partner not in LEADS:
        problems.add(where, tr("'{key}' {value} is not one of {allowed}", key="partner",
                               value=repr(partner), allowed=", ".join(LEADS)))
    elif partner and partner == lead:
        problems.add(where, tr("'partner' {value} is the lead itself: the partner is the other "
                               "function", value=repr(partner)))
    return lead, partner


def parse_actions(data: Mapping[str, Any], source: str, known_items: set[str]) -> list[Action]:
    """Validate an action library; every referenced item must exist in a loaded questionnaire."""
    problems = Problems(source)
    actions: list[Action] = []
    seen: set[str] = set()
    for index, raw in enumerate(require_list(problems, "", data, "actions")):
        if not isinstance(raw, Mapping):
            problems.add(tr("action #{number}", number=index + 1),
                         tr("must be a mapping, found {found}", found=type_name(raw)))
            continue
        action_id = require_id(problems, tr("action #{number}", number=index + 1), raw)
        where = (tr("action {id}", id=repr(action_id)) if action_id
                 else tr("action #{number}", number=index + 1))
        if action_id in seen:
            problems.add(where, tr("duplicate id"))
        seen.add(action_id)
        items = require_list(problems, where, raw, "items")
        for item_id in items:
            if not isinstance(item_id, str) or item_id not in known_items:
                problems.add(where, tr("'items' names {item}, which no questionnaire has",
                                       item=repr(item_id)))
        success, test, measured_by = _success(problems, where, raw, items)
        lead, partner = _lead_and_partner(problems, where, raw)
        for key in raw:
            if key not in ACTION_FIELDS:
                problems.add(where, tr("unknown field {key}", key=repr(key)))
        actions.append(Action(
            id=action_id,
            title=require_text(problems, where, raw, "title"),
            description=require_text(problems, where, raw, "description"),
            lead=lead,
            horizon=_choice(problems, where, raw, "horizon", HORIZONS),
            effort=_choice(problems, where, raw, "effort", EFFORTS),
            items=tuple(str(i) for i in items),
            source=require_text(problems, where, raw, "source"),
            measured_by=tuple(str(i) for i in measured_by),
            success=success,
            fixes=_choice(problems, where, raw, "fixes", FIXES),
            partner=partner,
            success_test=test,
        ))
    problems.raise_if_any()
    return actions


def actions_report(actions: list[Action], item_ids: set[str] | None = None
                   ) -> list[dict[str, Any]]:
    """Actions as JSON; with ``item_ids``, only those answering at least one of the items."""
    return [
        {"id": a.id, "title": a.title, "description": a.description, "owner": a.owner,
         "lead": a.lead, "partner": a.partner or None,
         "horizon": a.horizon, "effort": a.effort, "items": list(a.items), "source": a.source,
         "measured_by": list(a.measured_by), "success": a.success,
         "success_test": [c.report() for c in a.success_test]}
        for a in actions
        if item_ids is None or set(a.items) & item_ids
    ]
