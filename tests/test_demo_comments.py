"""The demo's comments belong where they are printed: each under the statement it speaks
about, from the function that would say it, by someone whose own level agrees with it (issue
23: comments fell at random and landed under unrelated statements)."""

from __future__ import annotations

import re

from assessment_app.exchange.demo import COMMENTS, create_demo_workshop

COMMON = {"marketing", "about", "their", "there", "which", "every", "still", "other", "where"}


def content_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{5,}", text.lower())) - COMMON


def test_each_demo_comment_sits_under_its_own_statement_and_function(store, catalog):
    q = catalog.default()
    workshop = create_demo_workshop(store, q)
    roles = {p.id: p.role for p in store.participants(workshop.id)}
    answers = store.answers_for_workshop(workshop.id)
    written = {(item, role): (high, text) for item, role, high, text in COMMENTS}
    commented = [(a, roles[a.participant_id]) for a in answers if a.comment]
    assert sorted((a.item_id, role) for a, role in commented) == sorted(written)
    for answer, role in commented:
        high, text = written[(answer.item_id, role)]
        assert answer.comment == text and answer.current is not None
        statement = q.item(answer.item_id)
        said = content_words(statement.text[role] + " " + " ".join(statement.levels))
        assert content_words(answer.comment) & said, (answer.item_id, answer.comment)
        levels = [a.current for a in answers if a.item_id == answer.item_id
                  and roles[a.participant_id] == role and a.current is not None]
        assert answer.current == (max(levels) if high else min(levels)), answer.comment
