"""What a German reviewer reads: German quotation marks, the singular where one person is
counted, German dates in the plan workbook and on the workshop page, and the method's worked
example marked as invented."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assessment_app.i18n.po_file import entries

ROOT = Path(__file__).resolve().parent.parent
GERMAN_PO = sorted((ROOT / "assessment_app" / "i18n" / "messages" / "de").glob("*.po"))
GERMAN_CONTENT = sorted((ROOT / "questionnaires").glob("*.de.yaml"))

# A word group between single quotes: the opening mark begins a word (an apostrophe inside or at
# the end of a word, as in "Hans' Plan", opens nothing), the closing mark ends one.
SINGLE_QUOTED = re.compile(r"(?<!\w)['‘‚][^'‘’\n]+['’](?!\w)")
DOUBLE_QUOTED = re.compile(r'(?<!\w)"[^"\n]+"(?!\w)')  # straight: English typewriter quotes
MARKUP = re.compile(r"<[^<>]*>")  # an attribute's quotes (color='#4a5560') are code, not text


def _quoted(text: str) -> list[str]:
    """Word groups quoted with single or straight double marks (German quotes with „…“)."""
    prose = MARKUP.sub("", text)
    return SINGLE_QUOTED.findall(prose) + DOUBLE_QUOTED.findall(prose)


def _german_texts(value: object):
    """Every German text of a content file (its keys are the English originals)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _german_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _german_texts(item)


def test_german_quotes_a_word_group_with_german_quotation_marks() -> None:
    found = []
    for path in GERMAN_PO:
        with path.open(encoding="utf-8") as handle:
            for entry in entries(handle):
                for name, text in entry.items():
                    if name.startswith("msgstr") and entry.get("msgid"):
                        found += [f"{path.name}: {q}" for q in _quoted(text)]
    for path in GERMAN_CONTENT:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [f"{path.name}: {q}" for t in _german_texts(content) for q in _quoted(t)]
    assert found == []


def test_the_quote_check_tells_quotation_marks_from_apostrophes() -> None:
    assert _quoted("siehe 'tandem workshops'") == ["'tandem workshops'"]
    assert _quoted("‘Daten teilen’ fehlt") == ["‘Daten teilen’"]
    assert _quoted("Hans' Plan und Grete's Ziel") == []
    assert _quoted("<font color='#4a5560'>Quelle</font>") == []
    assert _quoted('Funktionen zu "IT und Marketing" zusammenfassen') == [
        '"IT und Marketing"']
    assert _quoted('Funktionen zu „IT und Marketing“ zusammenfassen') == []
    assert _quoted('<a href="https://example.org">Quelle</a>') == []


def _catalogue_entries():
    """(English, German) of every translated German entry, plural forms joined."""
    for path in GERMAN_PO:
        with path.open(encoding="utf-8") as handle:
            for entry in entries(handle):
                if entry.get("msgid"):
                    english = " ".join(entry[k] for k in ("msgid", "msgid_plural") if k in entry)
                    yield english, " ".join(v for k, v in entry.items() if k.startswith("msgstr"))


def test_the_room_and_a_round_are_two_words_in_german() -> None:
    """The people in the workshop ("the room agreed") are der Raum; a round of the consensus
    (Runde 1, die Konsensrunde) is a Runde: one German word for each, so "Der Raum hat
    vereinbart … in Runde 1" cannot be read as a round agreeing."""
    round_word = re.compile(r"\bRunde\b(?! (?:\d|\{|&?schließen|eröffnen|offen))")
    room_as_round = [german for english, german in _catalogue_entries()
                     if re.search(r"\brooms?\b", english, re.I) and round_word.search(german)]
    round_as_room = [german for english, german in _catalogue_entries()
                     if re.search(r"\brounds?\b(?! trip)", english, re.I) and "Raum" in german
                     and not re.search(r"\brooms?\b", english, re.I)]
    assert room_as_round == [] and round_as_room == []


def _worked_examples(method: str) -> list[str]:
    """The method's sections that work an example through with a statement's figures (an
    indented block naming a statement such as trust-1)."""
    return [section for section in method.split("\n## ")
            if re.search(r"^    .*\b[a-z]+(?:-[a-z]+)*-\d+\b.*\d", section, re.M)]


def test_the_methods_worked_example_says_its_figures_are_invented() -> None:
    """The appendix's example of printed reasons uses made-up figures (trust-1 at 4.40): a
    reader must not take them for this workshop's, in English or in German."""
    from assessment_app.i18n import speaking
    from assessment_app.reports.method import method_text

    for language, invented in (("en", "invented for illustration"),
                               ("de", "zur Veranschaulichung erfunden")):
        with speaking(language):
            examples = _worked_examples(method_text("formulas"))
        assert examples, language
        assert all(invented in " ".join(section.split()) for section in examples), language


# -- one person counted reads in the singular -----------------------------------------------------

def _dont_know(marketing: tuple[int, int]):
    """A statement's score where marketing gave (don't know, levels) and IT nothing."""
    from types import SimpleNamespace

    none = SimpleNamespace(dont_know=0, n=0, counts_withheld=False)
    dont_know, levels = marketing
    return SimpleNamespace(roles={
        "marketing": SimpleNamespace(dont_know=dont_know, n=levels, counts_withheld=False),
        "it": none})


def test_one_person_answering_dont_know_reads_in_the_german_singular() -> None:
    from assessment_app.analysis.plan_story import unknown_phrase
    from assessment_app.i18n import speaking

    with speaking("de"):
        one, two = unknown_phrase(_dont_know((1, 2))), unknown_phrase(_dont_know((2, 1)))
    assert one.startswith("1 von 3 ") and one.endswith(" antwortete „weiß nicht“"), one
    assert two.startswith("2 von 3 ") and two.endswith(" antworteten „weiß nicht“"), two


def test_a_refused_vote_counts_one_dot_elsewhere_in_the_singular() -> None:
    from assessment_app.i18n import speaking
    from assessment_app.rules.consensus import vote_problem

    assert "1 is placed on another action" in (vote_problem(3, 1, 3) or "")
    with speaking("de"):
        one, two = vote_problem(3, 1, 3) or "", vote_problem(3, 2, 3) or ""
    assert "1 liegt auf einer anderen Maßnahme" in one and "2 liegen auf anderen" in two


def test_one_of_two_finishing_reads_in_the_german_singular(store, mini_catalog) -> None:
    """Marketing sent two; one answered every statement "don't know", the other nothing yet:
    the cover's sentences count the one in the singular."""
    from assessment_app.analysis.findings import situation
    from assessment_app.analysis.summary import completion_lines
    from assessment_app.analysis.workshop import load_scored_workshop
    from assessment_app.i18n import speaking

    q = mini_catalog.default()
    w = store.create_workshop("Foggy day", q, "Fog Ltd")
    ada = store.add_participant(w.id, "Ada", "marketing").id
    store.add_participant(w.id, "Ben", "marketing")
    for item in q.items:
        store.save_answer(ada, item.id, None, None)
    with speaking("de"):
        scored = load_scored_workshop(store, w.id, mini_catalog.actions)
        cover = " ".join([situation(scored), *completion_lines(scored)])
    assert "1 von 2 Teilnehmenden hat geantwortet" in cover, cover
    assert "1 hat jede Aussage beantwortet" in cover, cover


# -- dates as the reader writes them ---------------------------------------------------------------

def _as_shown(cell) -> str:
    """A date cell as a spreadsheet shows it: its value through its number format."""
    from datetime import datetime

    day = cell.value.date() if isinstance(cell.value, datetime) else cell.value
    return (cell.number_format.replace("yyyy", f"{day.year:04d}")
            .replace("mm", f"{day.month:02d}").replace("dd", f"{day.day:02d}"))


def _workbook_dates(store, catalog, tmp_path, due: str, language: str) -> tuple[str, set[str]]:
    """(the demo workshop's date, every date cell of its plan workbook in ``language`` as a
    spreadsheet shows it), with the first action agreed and due on ``due``."""
    from datetime import date, datetime

    import openpyxl

    from assessment_app.analysis.plan import edited, in_plan_order, load_plan, mark_agreed
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.exchange.plan_workbook import write_plan_workbook

    workshop = create_demo_workshop(store, catalog.default())
    plan = load_plan(store, workshop.id, catalog.actions)
    plan[0] = edited(plan[0], due=due)
    mark_agreed(store, workshop.id, in_plan_order(plan))
    out = write_plan_workbook(store, workshop.id, catalog, tmp_path / "plan.xlsx", language)
    sheet = openpyxl.load_workbook(out)["Plan"]
    return workshop.date, {_as_shown(cell) for row in sheet.iter_rows() for cell in row
                           if isinstance(cell.value, (date, datetime))}


def test_the_german_plan_workbook_shows_its_dates_the_german_way(store, installed_catalog,
                                                                 tmp_path) -> None:
    """The workshop's date and a due date read 05.12.2026 in a German workbook, and stay date
    cells (Excel sorts and checks them, and the import reads them back)."""
    from datetime import date

    held_on, shown = _workbook_dates(store, installed_catalog, tmp_path, "2027-03-31", "de")
    held = date.fromisoformat(held_on)
    assert shown == {f"{held.day:02d}.{held.month:02d}.{held.year}", "31.03.2027"}


def test_an_english_plan_workbook_gives_its_dates_year_first(store, installed_catalog,
                                                           tmp_path) -> None:
    """An English reader may read 05/12/2026 as 5 December or as May 12: the English workbook
    writes its date cells year first, which reads one way only."""
    held_on, shown = _workbook_dates(store, installed_catalog, tmp_path, "2027-03-05", "en")
    assert {held_on, "2027-03-05"} == shown


def test_the_workshop_page_gives_the_workshops_date_in_the_readers_language(main_window, store,
                                                                            mini) -> None:
    from assessment_app.i18n import speaking

    w = store.create_workshop("Board day", mini, "Acme", on="2026-12-05")
    main_window.open_workshop(w.id)
    english = main_window.workshop.details.text()
    with speaking("de"):
        main_window.workshop.show_workshop(w.id)
        german = main_window.workshop.details.text()
    assert "5 December 2026" in english and "5. Dezember 2026" in german
    assert "2026-12-05" not in english + german


def test_one_newcomer_reads_in_the_german_singular(store, catalog) -> None:
    """A follow-up's people, as the progress screen and page count them: one newcomer is
    "1 Person ist neu", never "1 sind neu"."""
    from dataclasses import replace

    from assessment_app.analysis.series import load_comparison
    from assessment_app.exchange.demo import create_demo_follow_up, create_demo_workshop
    from assessment_app.i18n import speaking

    base = create_demo_workshop(store, catalog.default())
    follow = create_demo_follow_up(store, base.id, catalog.get("pulse"), on="2027-06-01")
    c = load_comparison(store, base.id, follow.id, catalog.actions, catalog.editions)
    one_new = replace(c, people={**c.people, "newcomers": {"marketing": 1, "it": 0}})
    with speaking("de"):
        sentence = one_new.people_sentence
    assert "; 1 Person ist neu." in sentence, sentence


def test_the_workshop_list_gives_dates_as_the_reader_writes_them(main_window, store,
                                                                 mini) -> None:
    """The list's Date column and the new-workshop dialog read 05.12.2026 in German and
    2026-12-05 in English; the column still sorts by the day, not by the text."""
    from assessment_app.i18n import speaking
    from assessment_app.ui.dialogs import WorkshopDialog
    from assessment_app.ui.models import WorkshopListModel

    store.create_workshop("Board day", mini, "Acme", on="2026-12-05")
    store.create_workshop("Kick-off", mini, "Acme", on="2027-01-04")

    def dates() -> list[str]:
        model = WorkshopListModel(store)
        model.sort(2)
        return [model.data(model.index(row, 2)) for row in range(model.rowCount())]

    assert dates() == ["2026-12-05", "2027-01-04"]
    with speaking("de"):
        assert dates() == ["05.12.2026", "04.01.2027"]  # by day, though "04" < "05" as text
        dialog = WorkshopDialog([mini], parent=main_window)
        assert dialog.date.displayFormat() == "dd.MM.yyyy"
        dialog.close()



def test_a_quoted_value_takes_the_readers_quotation_marks() -> None:
    from assessment_app.i18n import speaking
    from assessment_app.i18n.formats import quoted

    assert quoted("Owner") == "“Owner”"
    with speaking("de"):
        assert quoted("Verantwortlich") == "„Verantwortlich“"


def test_a_refused_german_workbook_quotes_the_cell_the_german_way(store, installed_catalog,
                                                                   tmp_path) -> None:
    """"…, nicht '31/03/2027'" showed Python's quotes in a German sentence."""
    import openpyxl
    import pytest

    from assessment_app.errors import WorkbookError
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.exchange.plan_workbook import import_plan_workbook, write_plan_workbook
    from assessment_app.i18n import speaking

    workshop = create_demo_workshop(store, installed_catalog.default())
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx", "de")
    book = openpyxl.load_workbook(out)
    book["Plan"]["G9"] = "31/03/2027"
    book.save(out)
    with speaking("de"), pytest.raises(WorkbookError) as refused:
        import_plan_workbook(store, workshop.id, installed_catalog.actions, out)
    assert str(refused.value).endswith("nicht „31/03/2027“.")
    assert "'" not in str(refused.value)


def test_import_reasons_give_the_day_as_a_german_reader_writes_it() -> None:
    """Stamps stay UTC, so the day is the UTC one the time beside it belongs to."""
    from assessment_app.exchange.bundle_merge import removal_reason
    from assessment_app.exchange.consensus_merge import ConsensusImport
    from assessment_app.i18n import speaking
    from assessment_app.rules.consensus import RoundState
    from assessment_app.rules.records import Deletion

    gone = Deletion("participant", "p1", "w1", "2026-06-01T23:30:00+00:00")
    late = ConsensusImport(RoundState("w1", opened_at="2026-06-01T09:02:00+00:00"))
    with speaking("de"):
        assert "am 1. Juni 2026 um 23:30 UTC" in removal_reason(gone)
        assert "am 1. Juni 2026 um 09:02 UTC" in late.late_reason
    assert "on 1 June 2026 at 23:30 UTC" in removal_reason(gone)


def test_the_backups_table_gives_the_day_as_the_reader_writes_it(qtbot) -> None:
    from datetime import datetime

    from assessment_app.i18n import speaking
    from assessment_app.store.backups import Backup
    from assessment_app.ui.models import BackupListModel

    model = BackupListModel([Backup(Path("b.sqlite"), datetime(2026, 12, 5, 14, 3, 22),
                                    "manual", 1, 2)])
    assert model.index(0, 0).data() == "2026-12-05 14:03:22"
    with speaking("de"):
        assert model.index(0, 0).data() == "05.12.2026 14:03:22"


def test_a_german_workbook_of_another_workshop_names_its_day_the_german_way(
        store, installed_catalog, tmp_path) -> None:
    import pytest

    from assessment_app.errors import WorkbookError
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.exchange.plan_workbook import import_plan_workbook, write_plan_workbook
    from assessment_app.i18n import speaking
    from assessment_app.rules.dates import day_label

    first = create_demo_workshop(store, installed_catalog.default())
    second = create_demo_workshop(store, installed_catalog.default())
    out = write_plan_workbook(store, first.id, installed_catalog, tmp_path / "p.xlsx", "de")
    with speaking("de"), pytest.raises(WorkbookError) as refused:
        import_plan_workbook(store, second.id, installed_catalog.actions, out)
    with speaking("de"):
        day = day_label(first.date)  # 5. Dezember 2026
    assert f"„{first.name}“ vom {day} (ID {first.id[:8]}…)" in str(refused.value)
    assert first.date not in str(refused.value)
