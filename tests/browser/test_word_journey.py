"""Directors download the Word copy of each kind of cabinet paper beside its PDF; LibreOffice
converts it, as a council's office suite would, and its text carries the same numbered
paragraphs as the PDF. The statement of roles, SSI's evaluation and a submitted return download
as Word files too. Pages with the new links are checked with axe-core, also at 320 px."""

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import expect

from demo.seed import DEMO_PASSWORD, seed_demo, seed_demo_audits, seed_demo_cabinet
from tests.browser.conftest import assert_accessible, sign_in
from tests.reports.documents import libreoffice_pdf, numbered_in_text, pdf_text


def seed():
    seed_demo()
    seed_demo_audits()
    seed_demo_cabinet()


def assert_accessible_narrow_too(page, name: str):
    assert_accessible(page, name)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size(size)


def fetch(page, name: str, suffix: str, role: str = "button") -> bytes:
    with page.expect_download() as info:
        page.get_by_role(role, name=name).click()
    download = info.value
    assert download.suggested_filename.endswith(suffix)
    return Path(download.path()).read_bytes()


def assert_same_numbered_paragraphs(pdf: bytes, docx: bytes) -> None:
    """The Word file as LibreOffice prints it numbers the same paragraphs, with the same first
    words, as the PDF, in the same order."""
    in_pdf = numbered_in_text(pdf_text(pdf))
    assert len(in_pdf) > 10
    assert numbered_in_text(pdf_text(libreoffice_pdf(docx))) == in_pdf


def draft(page, label: str):
    page.get_by_role("link", name="Reports to cabinet").first.click()
    page.get_by_role("button", name="Build a report").click()
    page.get_by_label(label).check()
    page.get_by_role("button", name="Draft the report").click()
    expect(
        page.get_by_role("heading", name="Check the report before you download it")
    ).to_be_visible()


def report_pair(page) -> tuple[bytes, bytes]:
    pdf = fetch(page, "Download the report (PDF)", ".pdf")
    docx = fetch(page, "Download the report (Word)", "-draft.docx")
    return pdf, docx


def test_leicester_downloads_word_copies_of_its_papers(page):
    seed()
    sign_in(page, "director.leicester", DEMO_PASSWORD)

    draft(page, "The outcome of SSI's evaluation")
    assert_accessible_narrow_too(page, "word-cabinet-review")
    pdf, docx = report_pair(page)
    assert_same_numbered_paragraphs(pdf, docx)
    headings = [
        p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name == "Heading 2"
    ]
    assert headings[0] == "1.\tPurpose of report"

    page.goto("/")
    draft(page, "The outcome of an inspection: Ofsted Unannounced Safeguarding Inspection")
    assert_same_numbered_paragraphs(*report_pair(page))

    # The statement of roles and SSI's evaluation, beside their PDFs.
    page.get_by_role("link", name="Back to reports to cabinet").click()
    page.get_by_role("link", name="Statement of roles and responsibilities").click()
    assert_accessible(page, "word-roles")
    roles = Document(io.BytesIO(fetch(page, "Download the statement (Word)", ".docx", "link")))
    assert roles.paragraphs[0].text.startswith("LEICESTER: SAFEGUARDING CHILDREN")

    # A submitted version of the return, from the versions page.
    page.goto("/councils/509/self-audit/versions/")
    expect(page.get_by_role("heading", name="Versions of the return")).to_be_visible()
    assert_accessible_narrow_too(page, "word-versions")
    returned = Document(io.BytesIO(fetch(page, "Word copy of version 1", ".docx", "link")))
    assert returned.core_properties.title.endswith("self-audit return, version 1")
    assert fetch(page, "PDF of version 1", ".pdf", "link").startswith(b"%PDF-")


def test_derby_downloads_the_word_copy_of_its_progress_report(page):
    seed()
    sign_in(page, "director.derby", DEMO_PASSWORD)
    draft(page, "Progress on the action plan")
    assert_same_numbered_paragraphs(*report_pair(page))
