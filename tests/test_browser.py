"""End-to-end tests in a real browser: Debian's chromium driven by Playwright against the real app.

Set ASSISTANT_SCREENSHOTS=docs to save the screenshots shown in the README.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .ui_server import AppServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
HOSTILE = (
    "Hostile test page about fostering panels\n\n"
    'The fostering panel review found <img src=x onerror="window.__xss=1"> delays in panel decisions.\n\n'
    "Fostering panel minutes said <script>window.__xss=2</script> nothing more and "
    "[click here](javascript:window.__xss=3) for the fostering panel report.\n"
)

QUOTE_IN_VIEW = """() => {
    const view = document.querySelector('#doc-view'), mark = document.querySelector('#doc-view mark');
    if (!view || !mark || view.scrollTop === 0) return false;
    const v = view.getBoundingClientRect(), m = mark.getBoundingClientRect();
    return m.top >= v.top && m.top < v.bottom && m.top >= 0 && m.top < window.innerHeight;
}"""


@pytest.fixture(scope="module")
def server(seed_workspace, tmp_path_factory):
    workspace = tmp_path_factory.mktemp("ui-browser")
    shutil.copytree(seed_workspace / "corpus", workspace / "corpus")
    shutil.copytree(seed_workspace / "index", workspace / "index")  # the seeds' vectors are reused
    (workspace / "corpus" / "hostile-fostering-panel.txt").write_text(HOSTILE, encoding="utf-8")
    app = AppServer(workspace)  # embeds only the extra file on start
    yield app
    app.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install -y chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.external_requests = []
    page.on(
        "request",
        lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:")) or page.external_requests.append(r.url),
    )
    page.goto(server.url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    yield page
    context.close()
    assert page.external_requests == [], "the page fetched something from a host other than 127.0.0.1"


def screenshot(page, name: str) -> None:
    folder = os.environ.get("ASSISTANT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def ask(page, question: str) -> None:
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function(
        "q => document.querySelector('#searched')?.innerText.includes(q)", arg=question[-20:], timeout=60_000
    )


def test_ask_see_cited_answer_and_open_its_source(page):
    ask(page, "What did Ofsted say about supervision?")
    answer = page.locator("#chat .message").last.inner_text()
    assert "[1]" in answer and "supervision" in answer.lower()
    first_card = page.locator("#sources .source-card").first
    assert "inspection letter" in first_card.inner_text() and "Rotherham" in first_card.inner_text()
    assert first_card.locator("mark").inner_text() in answer
    screenshot(page, "ask")
    page.get_by_text("Copy or export the answer").click()
    export = page.locator("#export").inner_text()
    assert "**Sources**" in export and "[1] *Monitoring visit" in export and "characters " in export
    page.click("#open-source")
    page.wait_for_selector("#doc-view mark", timeout=20_000)
    assert page.locator("#doc-view mark").inner_text() == first_card.locator("mark").inner_text()
    page.wait_for_function(QUOTE_IN_VIEW, timeout=10_000)  # the document is scrolled to the quote
    screenshot(page, "document")
    assert page.external_requests == []


def test_unanswerable_question_shows_no_sources(page):
    ask(page, "What are the council's parking charges?")
    assert "do not answer" in page.locator("#chat .message").last.inner_text()
    assert page.locator("#sources .source-card").count() == 0


def no_error_label(page) -> None:
    """No component shows Gradio's red "Error" label in place of its content."""
    assert not re.search(r"\bError\b", page.locator("body").inner_text())
    assert page.locator(".error").count() == 0


def test_follow_up_question_uses_the_conversation(page):
    ask(page, "What did Ofsted say about care leavers in Rotherham?")
    ask(page, "and what about their accommodation?")
    assert "care leavers Rotherham: and what about their accommodation" in page.locator("#searched").inner_text()
    cards = page.locator("#sources .source-card")
    assert cards.count() >= 1 and all("Rotherham" in cards.nth(i).inner_text() for i in range(cards.count()))
    assert "accommodation" in page.locator("#chat .message").last.inner_text().lower()


def test_unrelated_questions_each_get_their_own_answer(page):
    ask(page, "What did Ofsted say about care leavers in Leicester?")
    ask(page, "What are the parking charges in Rotherham town centre?")
    assert "do not answer" in page.locator("#chat .message").last.inner_text()
    ask(page, "What did inspectors say about personal advisers?")  # after an abstention: starts fresh
    searched = page.locator("#searched").inner_text()
    assert "parking" not in searched and "Leicester" not in searched and "Rotherham" not in searched
    answer = page.locator("#chat .message").last.inner_text()
    assert "personal advisers" in answer.lower() and "parking" not in answer.lower()
    ask(page, "How is supervision of social workers described?")
    answer = page.locator("#chat .message").last.inner_text()
    assert "supervision" in answer.lower() and "personal advisers" not in page.locator("#searched").inner_text()
    no_error_label(page)


def test_citation_markers_jump_to_their_source_card(page):
    ask(page, "How are care leavers helped into jobs and college?")
    page.wait_for_selector("#sources .source-card", timeout=20_000)
    marker = page.locator("#chat .message").last.locator("a[href*='#source-']").last
    target = marker.get_attribute("href").split("#")[1]
    marker.click()
    page.wait_for_selector(f"#{target}.source-jumped", timeout=5_000)
    assert page.url.split("#")[0] == page.url  # the page did not navigate


def test_empty_question_then_a_good_one(page):
    page.fill("#question textarea", "")
    page.press("#question textarea", "Enter")
    page.wait_for_function(
        "() => document.querySelector('#searched')?.innerText.includes('Type a question first')", timeout=30_000
    )
    no_error_label(page)
    page.fill("#question textarea", "care " * 500)
    page.press("#question textarea", "Enter")
    page.wait_for_function("() => document.querySelector('#searched')?.innerText.includes('limit')", timeout=30_000)
    no_error_label(page)
    ask(page, "What did Ofsted say about supervision?")
    assert "supervision" in page.locator("#chat .message").last.inner_text().lower()
    assert page.locator("#sources .source-card").count() >= 1
    no_error_label(page)


def test_filter_by_authority(page):
    page.click("#filters")
    page.locator("#authority input").click()
    page.get_by_role("option", name="Leicester").click()
    page.wait_for_function("() => document.querySelector('#authority input')?.value === 'Leicester'", timeout=10_000)
    ask(page, "What did inspectors find about care leavers?")
    cards = page.locator("#sources .source-card")
    assert cards.count() >= 1
    assert all("Leicester" in cards.nth(i).inner_text() for i in range(cards.count()))
    assert "authority: Leicester" in page.locator("#chat .message").last.inner_text()


def test_hostile_document_is_shown_as_text_never_run(page):
    ask(page, "What did the fostering panel review find?")
    page.wait_for_selector("#sources .source-card", timeout=20_000)
    page.click("#open-source")
    page.wait_for_selector("#doc-view mark", timeout=20_000)
    assert page.evaluate("window.__xss") is None
    assert "<img src=x" in page.locator("#doc-view").inner_text()
    assert page.locator("#chat img[src='x'], #sources img, #doc-view img, #doc-view script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "fostering panel" in page.locator("#chat .message").last.inner_text().lower()


def test_upload_a_document_and_find_it(page, tmp_path):
    page.get_by_role("tab", name="Documents").click()
    note = tmp_path / "kinship-care-briefing.md"
    note.write_text(
        "# Kinship care briefing\n\n12 March 2023\n\n"
        "Kinship carers in the borough receive a dedicated support worker.\n"
    )
    page.locator("#upload input[type=file]").set_input_files(str(note))
    page.click("#add")
    page.wait_for_function(
        "() => document.querySelector('#upload-message')?.innerText.includes('Added')", timeout=120_000
    )
    # The date the briefing prints on a line of its own is read (no other document is from March 2023).
    assert "2023-03-12" in page.locator("#documents").inner_text()
    screenshot(page, "documents")
    page.get_by_role("tab", name="Ask").click()
    ask(page, "Do kinship carers get a support worker?")
    assert "dedicated support worker" in page.locator("#chat .message").last.inner_text()


def test_bad_upload_changes_nothing(page, tmp_path):
    page.get_by_role("tab", name="Documents").click()
    listed_before = page.locator("#documents").inner_text()
    assert "Monitoring visit" in listed_before
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    page.locator("#upload input[type=file]").set_input_files(str(bad))
    page.click("#add")
    page.wait_for_selector("text=Nothing was added", timeout=60_000)
    assert "the file is empty" in page.locator("body").inner_text()
    listed_after = page.locator("#documents").inner_text()
    assert "empty.txt" not in listed_after
    assert listed_after.strip() == listed_before.strip()
    no_error_label(page)
    # The next good file is added (the refused one is not sent again).
    good = tmp_path / "respite-care-note.md"
    good.write_text("# Respite care note\n\nShort breaks for disabled children are arranged within four weeks.\n")
    page.locator("#upload input[type=file]").set_input_files(str(good))
    page.click("#add")
    page.wait_for_function(
        "() => document.querySelector('#upload-message')?.innerText.includes('Added')", timeout=120_000
    )
    message = page.locator("#upload-message").inner_text()
    assert "respite-care-note.md" in message and "empty.txt" not in message
    assert "respite-care-note.md" in page.locator("#documents").inner_text()
    no_error_label(page)


def test_phone_width_and_keyboard(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.focus("#question textarea")
    page.keyboard.type("How are UASC supported?")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sources .source-card", timeout=60_000)
    screenshot(page, "phone")
    context.close()


def test_claim_tab_shows_the_verdict_and_highlighted_diff(page):
    page.get_by_role("tab", name="Check a claim").click()
    page.fill("#claim textarea", "")
    page.press("#claim textarea", "Enter")  # refused with a message in place of the verdict, not an "Error" label
    page.wait_for_function(
        "() => document.querySelector('#verdict')?.innerText.includes('Type or paste a claim first')", timeout=30_000
    )
    no_error_label(page)
    page.fill("#claim textarea", "Supervision of social workers is sufficiently outcome focused.")
    page.press("#claim textarea", "Enter")  # the keyboard is enough
    page.wait_for_selector("#verdict .verdict", timeout=60_000)
    assert "altered" in page.locator("#verdict .verdict").inner_text()
    assert page.locator("#verdict del.diff").count() >= 1
    assert "inspection letter" in page.locator("#verdict").inner_text()
    no_error_label(page)
    screenshot(page, "claim")


def test_audit_a_press_release_in_the_app(page):
    page.get_by_role("tab", name="Check a claim").click()
    page.locator("#audited input").click()
    page.get_by_role("option", name=re.compile("^Council improving services")).click()
    page.click("#run-audit")
    page.wait_for_function(
        "() => document.querySelector('#audit-table')?.innerText.includes('not_found')", timeout=120_000
    )
    table = page.locator("#audit-table").inner_text()
    assert "supported" in table and "not_found" in table
