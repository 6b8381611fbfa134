"""The answering page in a real browser: Debian's chromium driven by Playwright (never
``playwright install``). One participant answers every statement by tapping; eight answer at
once; killing the server loses nothing the page showed as saved.

Set TANDEM_SHOTS=<folder> to also write the phone-sized screenshots (390x844)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessment_app.store.database import Store
from assessment_app.web.server import AnswerServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
                                reason="Debian's chromium is not installed")


def workshop_with(path: Path, questionnaire, people):
    store = Store.open(path)
    workshop = store.create_workshop("Browser workshop", questionnaire, "Org")
    participants = [store.add_participant(workshop.id, name, role) for name, role in people]
    return store, workshop, participants


def new_page(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True,
                                  device_scale_factor=1)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def wait_saved(page) -> None:
    page.wait_for_function(
        "() => document.getElementById('status').textContent === '\u2713 Saved'")


def begin(page) -> None:
    """Past the introduction a first-time participant sees, to the first statement."""
    page.get_by_role("button", name="Start").click()
    page.locator("#question").wait_for()


def position(page) -> str:
    """Which statement is on screen, as the progress line says it ("Statement 3 of 4")."""
    return (page.locator("#progress").text_content() or "").split(" \u00b7 ")[0]


def tap_today(page, level: int | None) -> None:
    options = page.locator("#today-options label.option")
    (options.last if level is None else options.nth(level - 1)).click()


def tap_target(page, level: int) -> None:
    page.locator("#target-options label.option").nth(level - 1).click()


def shoot(page, name: str) -> None:
    folder = os.environ.get("TANDEM_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def test_one_participant_answers_every_statement_by_tapping(browser, tmp_path,
                                                            installed_catalog):
    questionnaire = installed_catalog.default()
    path = tmp_path / "t.sqlite"
    store, workshop, (ana,) = workshop_with(path, questionnaire, [("Ana Núñez", "marketing")])
    server = AnswerServer(path, workshop.id, installed_catalog)
    server.start()
    context, page = new_page(browser)
    try:
        page.goto(server.join_url(ana.id))
        total = len(questionnaire.items)
        begin(page)
        assert position(page) == f"Statement 1 of {total}"
        today = page.get_by_role("group", name="Today")
        assert today.get_by_role("radio").count() == 6  # five levels and "Don't know"
        assert page.get_by_role("group", name="In 12-18 months").get_by_role(
            "radio").count() == 5
        for n, item in enumerate(questionnaire.items):
            assert position(page) == f"Statement {n + 1} of {total}"
            statement = page.locator("#statement").text_content()
            assert statement == item.text_for("marketing")
            if n == 1:
                tap_today(page, None)  # don't know: no target can be chosen
                assert page.locator("#target-options input:disabled").count() == 5
            else:
                current = 1 + n % 5
                if n == 0:
                    page.fill("#comment", "Ça marche <b>&amp; 日本")
                    assert page.locator("#comment-count").text_content().startswith("21 / 2,000")
                tap_today(page, current)
                disabled = page.locator("#target-options input:disabled").count()
                assert disabled == current - 1  # below today cannot be chosen
                tap_target(page, min(5, current + 1))
            wait_saved(page)
            if item.terms and page.locator("#statement .term, #extra-terms .term").count():
                page.locator("#statement .term, #extra-terms .term").first.click()
                assert "In IT:" in page.locator("#term-help").text_content()
            if n == 10:
                shoot(page, "answer_page_390.png")
            page.click("#next")
        page.get_by_text(f"All {total} statements are answered:").wait_for()
        shoot(page, "review_390.png")
        page.get_by_role("button", name="Finish").click()
        page.get_by_role("heading", name="Thank you").wait_for()
        answers = Store.open(path).answers_for_participant(ana.id)
        assert len(answers) == total and all(a.is_complete for a in answers.values())
        first = answers[questionnaire.items[0].id]
        assert (first.current, first.target, first.comment) == (1, 2, "Ça marche <b>&amp; 日本")
        assert answers[questionnaire.items[1].id].dont_know
        # a reload shows what is stored
        page.reload()
        page.get_by_text(f"All {total} statements are answered:").wait_for()
    finally:
        context.close()
        server.stop()
        store.close()


def test_the_review_lists_what_is_unanswered_and_a_reload_keeps_answers(browser, tmp_path,
                                                                        mini_catalog, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, (ben,) = workshop_with(path, mini, [("Ben", "it")])
    store.save_answer(ben.id, "trust-2", 3, 4, "from the kiosk")
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()
    context, page = new_page(browser)
    try:
        page.goto(server.join_url(ben.id))
        page.locator("#question").wait_for()
        assert position(page) == "Statement 1 of 4"  # resumes at the first unfinished
        # every control is a labelled, large touch target
        for control in page.locator("label.option, #back, #next").all():
            box = control.bounding_box()
            assert box and box["height"] >= 44 and box["width"] >= 44
        for radio in page.get_by_role("radio").all():
            assert radio.evaluate("e => e.labels.length === 1 && e.labels[0].textContent.trim()"
                                  " !== ''")
        tap_today(page, 3)
        wait_saved(page)
        page.reload()
        page.locator("#today-options input:checked").wait_for(state="attached")
        assert page.locator("#today-options input:checked").get_attribute("value") == "3"
        assert page.locator("#welcome").is_visible()  # "Welcome back: ... answered 1 of 4"
        page.click("#next")
        assert page.locator("#comment").input_value() == "from the kiosk"
        # once they move on, the welcome's count would contradict the progress line
        assert not page.locator("#welcome").is_visible()
        page.click("#next")
        page.click("#next")
        page.click("#next")
        page.get_by_role("heading", name="Review").wait_for()
        listed = page.locator("#unanswered li")
        assert listed.count() == 3  # trust-1 (no target yet), meet-1, data-1
        assert "not chosen yet" in listed.first.text_content()
        listed.nth(1).click()
        assert position(page) == "Statement 3 of 4"
    finally:
        context.close()
        server.stop()
        store.close()


def test_eight_browsers_answer_at_once_and_every_answer_is_on_disk(browser, tmp_path,
                                                                   mini_catalog, mini):
    path = tmp_path / "t.sqlite"
    people = [(f"Person {n}", "marketing" if n % 2 else "it") for n in range(8)]
    store, workshop, participants = workshop_with(path, mini, people)
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()
    pages = []
    try:
        for p in participants:
            context, page = new_page(browser)
            page.goto(server.join_url(p.id))
            pages.append((context, page))
        for _, page in pages:
            begin(page)
        for n in range(len(mini.items)):
            for k, (_, page) in enumerate(pages):  # everyone taps before anyone waits
                tap_today(page, 1 + (n + k) % 5)
                tap_target(page, 5)
                page.fill("#comment", f"note {k}-{n}")
            for _, page in pages:
                page.click("#next")
        for _, page in pages:
            page.get_by_role("button", name="Finish").click()
            page.get_by_role("heading", name="Thank you").wait_for()
        check = Store.open(path)
        for k, p in enumerate(participants):
            answers = check.answers_for_participant(p.id)
            assert len(answers) == len(mini.items)
            for n, item in enumerate(mini.items):
                a = answers[item.id]
                assert (a.current, a.target, a.comment) == (1 + (n + k) % 5, 5, f"note {k}-{n}")
        check.close()
    finally:
        for context, _ in pages:
            context.close()
        server.stop()
        store.close()


def serve(path: Path, workshop_id: str, port: int = 0):
    import json

    process = subprocess.Popen(
        [sys.executable, "-m", "assessment_app.cli", "--db", str(path), "serve", "--workshop",
         workshop_id, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    line = process.stdout.readline() if process.stdout else ""
    assert line, process.stderr.read() if process.stderr else ""
    return process, json.loads(line)


def test_killing_the_server_loses_nothing_shown_as_saved(browser, tmp_path, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, (ana,) = workshop_with(path, mini, [("Ana", "marketing")])
    store.close()
    process, info = serve(path, workshop.id)
    port = int(info["url"].rsplit(":", 1)[1])
    context, page = new_page(browser)
    try:
        page.goto(info["participants"][0]["url"])
        begin(page)
        shown_saved = {}
        for n, item in enumerate(mini.items[:2]):
            tap_today(page, 2)
            tap_target(page, 3 + n)
            wait_saved(page)
            shown_saved[item.id] = (2, 3 + n)
            page.click("#next")
        process.kill()  # SIGKILL mid-answering
        process.wait(10)
        tap_today(page, 4)  # the third statement: the server is gone
        page.get_by_text("Not saved yet, retrying\u2026").wait_for()
        shoot(page, "answer_retrying_390.png")
        assert page.locator("#today-options input:checked").get_attribute("value") == "4"
        answers = Store.open(path).answers_for_participant(ana.id)
        for item_id, (current, target) in shown_saved.items():
            assert (answers[item_id].current, answers[item_id].target) == (current, target)
        assert mini.items[2].id not in answers
        # the server comes back on the same address: the page's retry saves the kept choice
        process, _ = serve(path, workshop.id, port)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if page.locator("#status").text_content() == "\u2713 Saved":
                break
            time.sleep(0.1)
        assert page.locator("#status").text_content() == "\u2713 Saved"
        assert Store.open(path).answers_for_participant(ana.id)[mini.items[2].id].current == 4
    finally:
        context.close()
        if process.poll() is None:
            process.terminate()
            process.wait(10)


def test_the_page_escapes_names_and_sets_no_inline_script(browser, tmp_path, mini_catalog, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, (eve,) = workshop_with(path, mini,
                                            [("<img src=x onerror=alert(1)>", "it")])
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()
    context, page = new_page(browser)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(server.join_url(eve.id))
        begin(page)
        assert "<img src=x onerror=alert(1)>" in page.locator("#who").text_content()
        assert page.locator("img").count() == 0 and dialogs == []
        page.fill("#comment", "</textarea><script>alert(2)</script>")
        tap_today(page, 1)
        tap_target(page, 1)
        wait_saved(page)
        page.reload()
        page.get_by_text("Welcome back: you have answered 1 of 4.").wait_for()
        page.click("#back")
        assert page.locator("#comment").input_value() == "</textarea><script>alert(2)</script>"
        assert dialogs == [] and page.locator("script").count() == 1
    finally:
        context.close()
        server.stop()
        store.close()
