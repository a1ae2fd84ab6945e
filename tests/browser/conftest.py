"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_SCRIPT.read_text(encoding="utf-8") if AXE_SCRIPT.exists() else ""
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# How long a step may wait for the page or the server before the test fails. On a busy machine
# (two cores, another suite running) a click that makes the server render a PDF can take well
# over ten seconds to answer, and Chromium is slowed too. A passing step waits only as long as it
# needs, so only a failing test pays for the margin.
TIMEOUT_MS = 60_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's assertions wait 5 s by default: the same margin as every other step.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, framework, request):
    # live_server tests commit what they write (the server reads it on its own connection) and
    # flush afterwards; tests/conftest.py puts the framework back after the flush.
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )
    yield page
    assert not csp_violations, f"the page broke its Content-Security-Policy: {csp_violations}"
    report = request.node.stash.get(CALL_REPORT, None)
    if report is not None and report.failed:
        # Where a failing journey stopped, for whoever reads the CI artefacts.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    context.close()


CALL_REPORT = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


def sign_in(page, username, password=PASSWORD):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # Signed in once the service has moved the browser on: waiting for a load state could end at
    # once, on the sign-in page that is still showing. (The second-factor page, /sign-in/code/,
    # counts as moved on.)
    expect(page).not_to_have_url(re.compile(r"/sign-in/(\?.*)?$"))


def assert_accessible(page, name: str):
    """Run axe-core with the WCAG 2.2 AA tags; a page that fails is kept as a screenshot (a
    test artefact). Screenshots of passing pages cost a second a page on a busy machine."""
    # Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    if violations:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert not violations, f"axe found violations on {name}: {json.dumps(violations, indent=1)}"
