"""One date for one moment: a plan agreed at 09:00 on 28 November in Sydney (22:00 UTC on the
27th) reads "28 November 2026" on the plan screen, in the workshop PDF and in the handout."""

from __future__ import annotations

import os
import re
import time

import pytest
from pypdf import PdfReader

from assessment_app.rules.dates import day_label

AGREED = "2026-11-27T22:00:00.000+00:00"  # 09:00 on 28 November in Sydney (UTC+11)


@pytest.fixture
def sydney():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Australia/Sydney"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def agreed_demo(store, installed_catalog):
    from assessment_app.exchange.demo import create_demo_workshop

    demo = create_demo_workshop(store, installed_catalog.default())
    store.update_workshop(demo.id, date="2026-11-20")  # no other date that could match
    store.set_plan_agreed_at(demo.id, AGREED)
    return demo


def text_of(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def test_a_stored_instant_is_the_local_day_and_a_date_is_itself(sydney):
    assert day_label(AGREED) == "28 November 2026"
    assert day_label("2026-11-27T22:00:00Z") == "28 November 2026"
    assert day_label("2026-11-27") == "27 November 2026"  # a calendar date has no time zone
    assert day_label("") == "" and day_label("not a date") == ""


def test_the_screen_and_both_pdfs_print_the_same_agreed_day(sydney, qtbot, store,
                                                            installed_catalog, agreed_demo,
                                                            tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.show_plan(agreed_demo.id)
    assert window.plan.banner.text() == "Agreed with the room on 28 November 2026"

    person = store.participants(agreed_demo.id)[0]
    for text in (text_of(build_workshop_pdf(store, installed_catalog, agreed_demo.id,
                                            tmp_path / "w.pdf")),
                 text_of(build_handout_pdf(store, installed_catalog, agreed_demo.id,
                                           person.id, tmp_path / "h.pdf"))):
        assert "28 November 2026" in text
        assert "27 November 2026" not in text
