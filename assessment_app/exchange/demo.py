"""The demo workshop: a fictional retailer whose executives answer the way the research says the
two functions tend to (IT sees collaboration rosier than marketing does; marketing is less sure
about technology), so a new user sees meaningful gaps at once.

The answers are drawn from a seeded generator, so the demo is the same on every laptop.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from .. import i18n
from ..content.questionnaire import Item, Questionnaire
from ..i18n import N_, tr
from ..rules.records import Answer, Participant, Workshop, new_id
from ..store.database import Store

ORGANIZATION = "Harbourline Outfitters"  # not translated: a company's name
WORKSHOP_NAME = N_("Marketing–IT alignment workshop (demo)")  # in the language Tandem speaks

PEOPLE = [  # their titles in the language Tandem speaks when the demo is made
    ("Inès Moreau", "marketing", N_("Chief Marketing Officer")),  # not translated: a name
    ("Daniel Okafor", "marketing", N_("VP Digital")),  # not translated: a name
    ("Priya Raman", "marketing", N_("Head of Marketing Technology")),  # not translated: a name
    ("Sofia Lindqvist", "marketing", N_("Director of Customer Insight")),  # not translated: a name
    ("Marc Delacroix", "marketing", N_("Head of E-commerce")),  # not translated: a name
    ("Tomasz Nowak", "it", N_("Chief Information Officer")),  # not translated: a name
    ("Helen Ashworth", "it", N_("Chief Technology Officer")),  # not translated: a name
    ("Kenji Watanabe", "it", N_("IT Director, Customer Platforms")),  # not translated: a name
    ("Amara Nwosu", "it", N_("Enterprise Architect")),  # not translated: a name
    ("Luis Ortega", "it", N_("Head of Data Engineering")),  # not translated: a name
]

# The room's comments, each written about one statement by one function. ``high`` says the
# comment praises what the statement describes, so it goes to the person of that function who
# rated it highest; otherwise to the one who rated it lowest (the demo never has a comment
# contradict its own level).
COMMENTS: tuple[tuple[str, str, bool, str], ...] = (
    ("delivery-1", "marketing", False, N_("Time-sensitive campaigns still wait for the "
                                          "release calendar like everything else.")),
    ("trust-2", "marketing", False, N_("Whether dates hold depends on which IT teams you ask.")),
    ("goals-1", "marketing", False, N_("Good intentions, but no shared customer measures yet.")),
    ("roles-1", "marketing", False, N_("On shared projects IT decides, and we hear about it at "
                                       "the end.")),
    ("customer-data-1", "marketing", False, N_("Customer data is still matched by hand for "
                                               "every campaign.")),
    ("trust-3", "it", False, N_("Requests arrive late, and the goals keep moving during "
                                "delivery.")),
    ("delivery-1", "it", True, N_("We built a fast route for marketing last year; marketing "
                                  "may not have noticed.")),
    ("integration-1", "it", False, N_("Small tools keep appearing on expense claims, and we "
                                      "inherit them.")),
    ("rhythm-1", "it", True, N_("The monthly meeting with the CMO is working well.")),
    ("customer-data-1", "it", True, N_("The customer record exists; marketing rarely uses it.")),
)


def _level_from_share(rng: random.Random, share_true: float, true_from: int) -> int:
    """A level whose chance of being at or above ``true_from`` (the level from which the survey
    statement is true) matches the research percentage; the nearer levels are likelier."""
    if rng.random() < share_true / 100:
        choices = range(true_from, 6)
    else:
        choices = range(1, true_from)
    weights = [2 ** -abs(level - true_from + 0.5) for level in choices]
    return rng.choices(list(choices), weights)[0]


def _base_level(rng: random.Random, item: Item, role: str) -> int:
    if item.benchmark is not None:
        share = item.benchmark.marketing if role == "marketing" else item.benchmark.it
        return _level_from_share(rng, share, item.benchmark.true_from)
    # Without a figure: IT rates process and people a little higher, marketing rates
    # technology lower, as the research's paired figures consistently do.
    centre = 2.6
    if role == "it" and item.dimension in ("people", "process"):
        centre += 0.7
    if role == "marketing" and item.dimension == "technology":
        centre -= 0.3
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def demo_answers(questionnaire: Questionnaire, participant_ids: list[tuple[str, str]],
                 seed: int = 2026) -> list[Answer]:
    """Answers for ``(participant_id, role)`` pairs; the last IT participant stops halfway."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    answers = []
    for n, (pid, role) in enumerate(participant_ids):
        items = list(questionnaire.items)
        if n == len(participant_ids) - 1:
            items = items[: len(items) // 2]
        for k, item in enumerate(items):
            stamp = (start + timedelta(minutes=12 * n, seconds=20 * k)).isoformat()
            dont_know_chance = 0.12 if (role == "marketing" and item.dimension == "technology") \
                else 0.04
            if rng.random() < dont_know_chance:
                answers.append(Answer(pid, item.id, None, None, "", stamp))
                continue
            current = _base_level(rng, item, role)
            target = min(5, current + rng.choice((0, 1, 1, 2, 2)))
            if rng.random() < 0.06:  # drawn as when comments fell at random: the same levels
                rng.choice(range(4))
            answers.append(Answer(pid, item.id, current, target, "", stamp))
    return _with_comments(answers, dict(participant_ids))


def _with_comments(answers: list[Answer], roles: dict[str, str]) -> list[Answer]:
    """``answers`` with each of ``COMMENTS`` on the answer it was written for: its statement,
    by someone of its function who gave a level (the highest for praise, else the lowest)."""
    result = list(answers)
    for item_id, role, high, text in COMMENTS:
        rated = [(a.current, -k if high else k, k) for k, a in enumerate(result)
                 if a.item_id == item_id and roles.get(a.participant_id) == role
                 and a.current is not None]
        if rated:
            k = (max(rated) if high else min(rated))[2]
            result[k] = replace(result[k], comment=tr(text))
    return result


def demo_workshop(store: Store, questionnaire: Questionnaire) -> tuple[Workshop, bool]:
    """The demo workshop: the one already there (by its name and organisation, so a demo
    renamed to start real work no longer counts), else a new one; and whether it was made now.
    Running ``tandem demo`` twice, or pressing "Add demo workshop" twice, made two identical
    demos that could not be told apart; a fresh demo is one delete away."""
    names = set()
    for code in i18n.LANGUAGES:  # the demo made when Tandem spoke another language counts too
        with i18n.speaking(code):
            names.add(tr(WORKSHOP_NAME))
    for summary in store.workshops():
        if summary.name in names and summary.organization == ORGANIZATION:
            return store.workshop(summary.id), False
    return create_demo_workshop(store, questionnaire), True


def create_demo_workshop(store: Store, questionnaire: Questionnaire) -> Workshop:
    """Create the demo workshop in one transaction and return it."""
    workshop = Workshop(new_id(), tr(WORKSHOP_NAME), ORGANIZATION,
                        (date.today() - timedelta(days=2)).isoformat(), questionnaire.id,
                        questionnaire.version, questionnaire.content_hash)
    participants = [Participant(new_id(), workshop.id, name, role, tr(title))
                    for name, role, title in PEOPLE]
    answers = demo_answers(questionnaire, [(p.id, p.role) for p in participants])
    with store.transaction():
        store.write_workshop(workshop, questionnaire)
        for p in participants:
            store.write_participant(p)
        for a in answers:
            store.write_answer(a)
    return store.workshop(workshop.id)


NEWCOMERS = [("Chloé Martin", "marketing", N_("Head of CRM")),  # not translated: a name
             ("Ravi Menon", "it", N_("Head of Platform Engineering"))]  # not translated: a name


def create_demo_follow_up(store: Store, baseline_id: str, questionnaire: Questionnaire,
                          on: str | None = None, seed: int = 2027) -> Workshop:
    """The demo retailer months later (often with the pulse): the same people but one, two
    newcomers, and answers a little better on most statements and worse on a few, drawn from a
    seeded generator as the demo's are."""
    workshop = store.create_follow_up(baseline_id, questionnaire, on=on)
    people = store.participants(workshop.id)
    store.remove_participant(people[-1].id)  # one executive has left
    for name, role, title in NEWCOMERS:
        store.add_participant(workshop.id, name, role, tr(title))
    before = {(p.identity, a.item_id): a for p in store.participants(baseline_id)
              for a in store.answers_for_participant(p.id).values()}
    rng = random.Random(seed)
    stamp = datetime.combine(date.fromisoformat(workshop.date), datetime.min.time(), UTC)
    with store.transaction():
        for n, p in enumerate(store.participants(workshop.id)):
            for k, item in enumerate(questionnaire.items):
                then = before.get((p.identity, item.id))
                if then is not None and then.current is not None:
                    current = max(1, min(5, then.current + rng.choice((-1, 0, 0, 1, 1, 1, 2))))
                else:
                    current = _base_level(rng, item, p.role)
                aim = then.target if then is not None and then.target is not None else current
                target = min(5, max(current, aim) + rng.choice((0, 1)))
                when = stamp + timedelta(hours=9, minutes=10 * n, seconds=20 * k)
                store.write_answer(Answer(p.id, item.id, current, target, "", when.isoformat()))
    return store.workshop(workshop.id)
