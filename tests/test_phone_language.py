"""The phone page in the participant's language: the page, its script's sentences and every
server sentence for it in the request's language (the page's, the phone's choice, the language
the person last answered in, the browser's, the workshop's report language, else English), and
the language kept with each answer. In a real browser at 390x844: a German page, and the
chooser switching it (TANDEM_SHOTS=<folder> writes its screenshot, de-phone.png)."""

from __future__ import annotations

import html
import json
import re

from assessment_app.web.page_language import Asked, accepted, page_language
from tests.test_answering_browser import PHONE, shoot, tap_target, tap_today
from tests.test_answering_browser import pytestmark as browser_mark
from tests.test_web_server import answer, call, stored, token_path
from tests.test_web_server import served as served  # noqa: F401  (the fixture)

GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.8", "Accept": "text/html"}


def texts_of(page: bytes) -> dict:
    found = re.search(rb'data-texts="([^"]*)"', page)
    assert found
    return json.loads(html.unescape(found.group(1).decode()))


def test_the_browsers_language_is_taken_when_tandem_speaks_it():
    assert accepted("de-DE,de;q=0.9,en;q=0.8") == "de"
    assert accepted("fr-FR,fr;q=0.9,en;q=0.5,de;q=0.4") == "en"
    assert accepted("en;q=0.2, de") == "de"
    assert accepted("fr, ja;q=0.5") is None
    assert accepted("de;q=0, en") == "en"
    assert accepted("") is None
    # the page's own, then this phone's choice, the person's last, the browser's, English
    assert Asked("en", "de", "de").language("de") == "en"
    assert Asked(None, "de", "en").language("en") == "de"
    assert Asked(None, None, "en").language("de") == "de"
    assert Asked(None, "xx", "de").language() == "de"
    assert page_language(None, None) == "en"


def test_the_page_opens_in_the_browsers_language_with_every_text_translated(served):
    path = token_path(served.server, served.ana.id)
    status, headers, page = call(served.server, "GET", path, headers=GERMAN)
    assert status == 200
    assert b'<html lang="de"' in page
    assert b"Bevor Sie beginnen" in page and b"Before you start" not in page
    assert b"{{" not in page  # every text slot filled
    assert "default-src 'none'" in headers["Content-Security-Policy"]  # no inline script
    assert b"<script>" not in page
    texts = texts_of(page)
    assert texts["saved"] == "✓ Gespeichert"
    assert texts["missing"][1].startswith("{count} von {total} Aussagen sind")
    english = texts_of(call(served.server, "GET", path, headers={"Accept": "text/html"})[2])
    assert english["saved"] == "✓ Saved"
    assert set(english) == set(texts)


def test_an_answer_from_a_german_page_is_kept_in_german_and_refused_in_german(served):
    path = token_path(served.server, served.ana.id)
    data = {"item": served.items[0], "current": 2, "target": 3, "comment": ""}
    status, _, _ = call(served.server, "POST", path + "/answer?lang=de", data)
    assert status == 200
    assert stored(served.path, served.ana.id)[served.items[0]].language == "de"
    status, _, body = call(served.server, "POST", path + "/answer?lang=de", b"{not json")
    assert status == 400
    assert json.loads(body)["error"] == "Die Antwort ist kein gültiges JSON."
    status, _, body = call(served.server, "POST", path + "/answer", [data], headers=GERMAN)
    assert (status, json.loads(body)["error"]) == (400, "Die Antwort muss ein JSON-Objekt sein.")
    # an English page's answer: English
    answer(served.server, served.ben.id, served.items[0], 1, 2)
    assert stored(served.path, served.ben.id)[served.items[0]].language == "en"


def test_the_page_opens_again_in_the_language_the_person_last_answered_in(served):
    path = token_path(served.server, served.ana.id)
    call(served.server, "POST", path + "/answer?lang=de",
         {"item": served.items[0], "current": 2, "target": 3})
    _, _, page = call(served.server, "GET", path, headers={"Accept": "text/html"})
    assert b'<html lang="de"' in page  # no browser preference: the person's own language
    _, _, page = call(served.server, "GET", path,
                      headers={"Accept": "text/html", "Cookie": "tandem-language=en"})
    assert b'<html lang="en"' in page  # chosen on this phone: that wins


def test_a_link_that_is_not_one_says_so_in_the_browsers_language(served):
    status, _, page = call(served.server, "GET", "/a/" + "x" * 22, headers=GERMAN)
    assert status == 404
    assert b"Dieser Link gilt nicht mehr" in page and b'lang="de"' in page


@browser_mark
def test_a_german_participant_answers_on_a_phone_and_switches_the_language(served, browser):
    url = served.server.join_url(served.ana.id)
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="de-DE")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(url)
        page.get_by_role("heading", name="Bevor Sie beginnen").wait_for()
        assert "Minuten" in page.locator("#intro-time").text_content()
        page.get_by_role("button", name="Beginnen").click()
        page.locator("#question").wait_for()
        assert page.locator("#progress").text_content().startswith("Aussage 1 von 4")
        tap_today(page, 2)
        tap_target(page, 3)
        page.wait_for_function(
            "() => document.getElementById('status').textContent === '\u2713 Gespeichert'")
        assert page.locator("#target-hint").text_content() == (
            "Stufen unter der heutigen (2) können nicht gewählt werden.")
        assert not _clipped(page)
        page.evaluate("window.scrollTo(0, 0)")
        shoot(page, "de-phone.png")
        assert stored(served.path, served.ana.id)[served.items[0]].language == "de"

        page.select_option("#language", "en")
        page.wait_for_url(re.compile(r"\?lang=en$"))
        page.locator("#question").wait_for()
        assert page.locator("#language").input_value() == "en"
        assert page.locator("#progress").text_content().startswith("Statement 2 of 4")
        page.goto(url)  # the same link again on this phone: the choice is remembered
        page.locator("#question").wait_for()
        assert page.get_by_role("button", name="Next").is_visible()
    finally:
        context.close()


def _clipped(page) -> list[str]:
    """Texts cut off on screen: an element whose content is wider than its box."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        'button, label, legend, p, h1, select, .option .text'))
      .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
      .map(e => e.id || e.className || e.tagName)""")


def test_a_phone_that_states_no_language_opens_in_the_workshops_report_language(served):
    served.store.set_report_language(served.workshop.id, "de")
    path = token_path(served.server, served.ana.id)
    _, _, page = call(served.server, "GET", path, headers={"Accept": "text/html"})
    assert b'<html lang="de"' in page and b"Bevor Sie beginnen" in page
    _, _, page = call(served.server, "GET", path,
                      headers={"Accept": "text/html", "Accept-Language": "en-GB,en"})
    assert b'<html lang="en"' in page  # the browser's own language comes first
