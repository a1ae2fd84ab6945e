"""Evidence and SSI's challenge, as the people take them (issue 18): an officer uploads evidence
for a criterion (a hostile file first); once the return is submitted, the inspector raises a
query on it; the officer answers with a document; the inspector reads the answer, and the
evaluation's PDF lists the query and answer in its annex. axe at full width and at 320 px."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from evaluations.evaluation import workflow
from standards.self_audit.rules import submit
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import council_a, director_a, inspector_a, officer_a
from tests.standards.evidence import samples
from tests.standards.helpers import draft_for, fill


def assert_accessible_at_both_widths(page, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 900})


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_evidence_a_query_and_its_answer_reach_the_evaluation_pdf(page, framework, tmp_path):
    leicester = council_a()
    officer, director, inspector = (
        officer_a(leicester),
        director_a(leicester),
        inspector_a(leicester),
    )
    draft = draft_for(leicester, framework, officer)
    fill(draft, officer)
    policy = tmp_path / "Child protection policy.pdf"
    policy.write_bytes(samples.PDF_BYTES)
    disguised = tmp_path / "policy.pdf"
    disguised.write_bytes(samples.EXECUTABLE)

    # The officer adds evidence to 2.10 from its standard's page.
    sign_in(page, "officer.a")
    page.goto("/councils/509/self-audit/standards/2/")
    page.get_by_role("link", name="Evidence documents for 2.10 (0)").click()
    expect(page.get_by_role("heading", name="Evidence for criterion 2.10", level=1)).to_be_visible()
    assert_accessible_at_both_widths(page, "evidence-criterion")
    page.get_by_label("Add a document").set_input_files(disguised)
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible_at_both_widths(page, "evidence-refused")
    page.get_by_label("Add a document").set_input_files(policy)
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_text("Child protection policy.pdf has been added to 2.10")).to_be_visible()
    expect(page.get_by_test_id("evidence-table")).to_contain_text("Child protection policy.pdf")
    assert_accessible_at_both_widths(page, "evidence-listed")
    sign_out(page)

    submitted = submit(draft, director, notify=False)
    evaluation = workflow.start_evaluation(submitted, inspector, "a")

    # The inspector reads the evidence and raises a query from the evaluation.
    sign_in(page, "inspector.a")
    page.goto("/councils/509/self-audit/versions/1/evidence/")
    expect(page.get_by_test_id("evidence-table")).to_contain_text("Child protection policy.pdf")
    assert_accessible_at_both_widths(page, "evidence-version")
    page.goto(f"/councils/509/evaluations/{evaluation.pk}/")
    page.get_by_role("button", name="Raise a query").click()
    assert_accessible_at_both_widths(page, "query-raise")
    page.get_by_role("button", name="Send the query").click()
    expect(page.get_by_role("link", name="Select the criterion the query is about")).to_be_visible()
    assert_accessible_at_both_widths(page, "query-raise-errors")
    page.get_by_label("Which criterion is the query about?").select_option("2.10")
    page.get_by_label("Your query").fill("How often are the case file audits done?")
    page.get_by_role("button", name="Send the query").click()
    expect(page.get_by_text("Your query on 2.10 has been sent to Leicester")).to_be_visible()
    sign_out(page)

    # The officer sees it at once on the task list and answers with a document.
    sign_in(page, "officer.a")
    page.goto("/councils/509/self-audit/")
    banner = page.get_by_test_id("open-queries-banner")
    expect(banner).to_contain_text("SSI has 1 open query")
    assert_accessible_at_both_widths(page, "task-list-with-query")
    banner.get_by_role("link", name=re.compile("2.10: How often")).click()
    assert_accessible_at_both_widths(page, "query-thread-council")
    page.get_by_label("Your answer").fill("Monthly; the latest audit report is attached.")
    audit_report = tmp_path / "Case file audit.pdf"
    audit_report.write_bytes(samples.PDF_BYTES)
    page.get_by_label("Add documents (optional)").set_input_files(audit_report)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("Your message has been sent")).to_be_visible()
    expect(page.get_by_test_id("query-status")).to_have_text("Answered")
    sign_out(page)

    # The inspector sees the answer from the workspace, and the PDF's annex lists it.
    sign_in(page, "inspector.a")
    page.goto("/inspector/")
    page.get_by_role("link", name=re.compile("How often are the case file audits")).click()
    thread = page.get_by_test_id("thread")
    expect(thread).to_contain_text("Monthly; the latest audit report is attached.")
    expect(thread.get_by_role("link", name="Case file audit.pdf")).to_be_visible()
    assert_accessible_at_both_widths(page, "query-thread-inspector")
    page.goto(f"/councils/509/evaluations/{evaluation.pk}/")
    annex_link = page.get_by_role("link", name=re.compile("with its queries and answers"))
    pdf = page.request.get(annex_link.get_attribute("href"))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Annex: queries and answers" in text
    assert "How often are the case file audits done?" in text
    assert "Monthly; the latest audit report is attached." in text and "Case file audit.pdf" in text
