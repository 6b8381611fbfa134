"""A workshop ready for the consensus round on the installed questionnaire: four marketing and
four IT executives with split, agreeing and unsure answers, and comments (some with markup)."""

from __future__ import annotations

from assessment_app.store.database import Store

MARKETING = ("Mara Lindqvist", "Nadia <b>Okafor</b>", "Otto Brandt", "Pia Sørensen")
IT = ("Ivo Jansen", "Jun Tanaka", "Kemal Aydın", "Lena Fischer")
COMMENTS = ("We buy tools first & ask later.", "IT is too slow <b>for campaigns</b>.",
            "Depends on the budget owner; sometimes it works very well and often it does not, "
            "especially when a campaign deadline is close and the vendor promises a quick win.")


def build_room(store: Store, questionnaire) -> tuple[str, dict[str, str]]:
    """The workshop's id and who is who (name -> participant id)."""
    w = store.create_workshop("Consensus rehearsal", questionnaire)
    people = {name: store.add_participant(w.id, name, "marketing").id for name in MARKETING}
    people |= {name: store.add_participant(w.id, name, "it").id for name in IT}
    for n, item in enumerate(questionnaire.items):
        for k, name in enumerate(MARKETING):
            level = 1 + (n + k) % 2 if n % 3 == 0 else 3 + (k % 2)
            comment = COMMENTS[k % 3] if n % 3 == 0 and k < 3 else ""
            store.save_answer(people[name], item.id, level, min(5, level + 1), comment)
        for k, name in enumerate(IT):
            level = 4 + k % 2 if n % 3 == 0 else ((2, 3, 4, 4)[k] if n % 3 == 1 else 3 + k % 2)
            level = min(level, 5)
            store.save_answer(people[name], item.id, None if (n % 5 == 4 and k < 2) else level,
                              None if (n % 5 == 4 and k < 2) else min(5, level + 1),
                              "Shadow IT again." if n % 3 == 0 and k == 1 else "")
    return w.id, people
