"""A director asks for the statement of roles as a PDF (issue 17, point 3): the page says the
document is being prepared (accessible at normal width and at 320 px), the real task worker
renders it, and the page's refresh hands the browser the file."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.roles import rules as roles
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.climbie_audit.documents.test_task_queue import DATABASE_TASKS, run_the_worker

pytestmark = pytest.mark.browser


def test_a_draft_pdf_is_prepared_then_downloads(page, settings):
    settings.TASKS = DATABASE_TASKS
    # Long enough for axe to finish before the page refreshes itself.
    settings.DOCUMENT_REFRESH_SECONDS = 15
    council = factories.council_a()
    director = factories.director_a(council)
    roles.start_from_template(council, director)
    sign_in(page, director.username)

    page.goto(reverse("roles:pdf", args=[council.code]))
    expect(page.get_by_role("heading", name="Your document is being prepared")).to_be_visible()
    assert_accessible(page, "document-being-prepared")
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, "document-being-prepared-320")

    with page.expect_download(timeout=120_000) as waiting:
        run_the_worker()
    download = waiting.value
    assert download.suggested_filename == f"roles-and-responsibilities-{council.code}.pdf"
    with open(download.path(), "rb") as content:
        assert content.read(5) == b"%PDF-"
