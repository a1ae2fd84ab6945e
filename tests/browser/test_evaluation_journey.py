"""SSI's evaluation of Leicester's return (seed 000), as the inspector and the director take it."""

import re

from playwright.sync_api import expect

from demo.seed import DEMO_PASSWORD, seed_demo, seed_demo_audits
from tests.browser.conftest import assert_accessible, sign_in
from tests.evaluations import seed_000

PAF_EFFECTIVENESS = "Effectiveness of service delivery and outcomes"
KINDS = {"strength": "Strength", "development": "Area for development"}
RESPONSE = (
    "Recruitment issues are common to most Councils and should not be overstated for Leicester "
    "City. The Authority is taking proactive steps to manage staffing pressures."
)


def choose(page, group, label):
    page.get_by_role("group", name=group, exact=True).get_by_label(label, exact=True).check()


def judge_standard(page, number):
    choose(page, f"Evaluation of standard {number}", seed_000.LABELS[seed_000.JUDGEMENTS[number]])
    page.get_by_label(f"Text box for standard {number}").fill(seed_000.TEXTS[number])


def add_finding(page, description, kind):
    page.get_by_role("button", name="Add a finding").click()
    expect(page.get_by_role("heading", name="Add a finding", level=1)).to_be_visible()
    page.get_by_label("Description of issue").fill(description)
    choose(page, "PAF domain", PAF_EFFECTIVENESS)
    choose(page, "Strength or area for development?", KINDS[kind])
    choose(page, "Highlight for annual review?", "Yes")
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_text("The finding has been added.")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_inspector_evaluates_leicester_director_responds(page):
    seed_demo()
    seed_demo_audits()

    # The inspector signs in and lands on the workspace.
    sign_in(page, "inspector.fryer", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Councils and their returns")).to_be_visible()
    mine = page.get_by_test_id("assigned-councils")
    expect(mine.get_by_test_id("council-509")).to_contain_text("Not yet evaluated")
    assert_accessible(page, "evaluation-workspace")

    page.get_by_label("Region").select_option("East Midlands")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("other-councils")).to_contain_text("No councils match")
    expect(page.get_by_test_id("assigned-councils")).not_to_contain_text("Birmingham")
    assert_accessible(page, "evaluation-workspace-filtered")

    # Leicester's submitted return.
    mine.get_by_role("link", name="Leicester", exact=True).click()
    expect(page.get_by_role("heading", name="SSI evaluations")).to_be_visible()
    assert_accessible(page, "evaluation-council")
    page.get_by_role("link", name="Read version 1 of the return").click()
    expect(page.get_by_role("heading", name="Self-audit return, version 1")).to_be_visible()
    page.go_back()

    page.get_by_role("button", name="Evaluate version 1").click()
    expect(page.get_by_role("heading", name="Evaluate version 1 of the return")).to_be_visible()
    assert_accessible(page, "evaluation-start")
    expect(page.get_by_label("(a) Completed after the evaluation of the audit")).to_be_checked()
    page.get_by_role("button", name="Start the evaluation").click()

    # The form: the council's ratings beside each standard.
    expect(page.get_by_role("heading", name="Performance evaluation", level=1)).to_be_visible()
    expect(page.get_by_test_id("evaluation-header")).to_contain_text("Roy Fryer")
    expect(page.get_by_test_id("council-ratings-2")).to_contain_text("2.10:")
    assert_accessible(page, "evaluation-form")

    page.get_by_label("Day").fill(str(seed_000.COMPLETED_ON.day))
    page.get_by_label("Month").fill(str(seed_000.COMPLETED_ON.month))
    page.get_by_label("Year").fill(str(seed_000.COMPLETED_ON.year))
    # Enter in a field saves the draft (not the first "Change finding" button further down).
    page.get_by_label("Year").press("Enter")
    expect(page.get_by_text("Your draft evaluation has been saved.")).to_be_visible()
    expect(page.get_by_label("Year")).to_have_value(str(seed_000.COMPLETED_ON.year))
    for number in range(1, 7):
        judge_standard(page, number)
    choose(page, "Serving children well?", "Most")
    page.get_by_label("Text box for serving children well").fill(seed_000.OVERALL_SERVING_TEXT)
    choose(page, "Capacity for improvement?", "Promising")
    page.get_by_label("Text box for capacity for improvement").fill(seed_000.OVERALL_CAPACITY_TEXT)
    choose(page, "Follow-up visit to take place?", "No")

    # Trying to issue with standard 7 not judged: one message, linked to its radios.
    page.get_by_role("button", name="Save and check before issuing").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary = page.locator(".govuk-error-summary__list")
    expect(summary.get_by_role("link")).to_have_count(1)
    summary.get_by_role("link", name="Select a judgement for standard 7").click()
    expect(
        page.get_by_role("group", name="Evaluation of standard 7").get_by_label("All")
    ).to_be_focused()
    assert_accessible(page, "evaluation-form-errors")

    judge_standard(page, 7)
    # Findings: the first "Add a finding" also saves everything typed so far.
    description, _, kind, _ = seed_000.FINDINGS[0]
    page.get_by_role("button", name="Add a finding").click()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_role("link", name="Enter a description of the issue")).to_be_visible()
    assert_accessible(page, "evaluation-finding-errors")
    page.get_by_role("link", name="Back to the evaluation").click()
    for description, _, kind, _ in seed_000.FINDINGS:
        add_finding(page, description, kind)
    findings = page.get_by_test_id("findings")
    expect(findings.locator("tbody tr")).to_have_count(4)
    expect(findings).to_contain_text(seed_000.FINDINGS[3][0])
    expect(
        page.get_by_role("group", name="Evaluation of standard 7").get_by_label("Promising")
    ).to_be_checked()
    assert_accessible(page, "evaluation-form-with-findings")

    page.get_by_role("button", name="Save and check before issuing").click()
    expect(
        page.get_by_role("heading", name="Check the evaluation before you issue it")
    ).to_be_visible()
    expect(page.get_by_test_id("judgement-3")).to_contain_text("Most")
    expect(page.get_by_test_id("judgement-4")).to_contain_text("Promising")
    assert_accessible(page, "evaluation-check")
    page.get_by_role("button", name="Issue the evaluation").click()
    expect(page.get_by_text("The evaluation has been issued to Leicester.")).to_be_visible()
    expect(page.get_by_test_id("evaluation-status")).to_contain_text("Issued")
    assert_accessible(page, "evaluation-issued")
    pdf_link = page.get_by_role("link", name="Download the evaluation (PDF)")
    pdf = page.request.get(pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    sign_out(page)

    # The director sees the issued evaluation from the council's self-audit page and responds.
    sign_in(page, "director.leicester", DEMO_PASSWORD)
    panel = page.get_by_test_id("council-evaluations")
    expect(panel).to_contain_text(
        "Serving children well? Most. Capacity for improvement? Promising."
    )
    assert_accessible(page, "evaluation-council-overview")
    panel.get_by_role("link", name=re.compile(r"Evaluation of version 1, phase \(a\)")).click()
    expect(page.get_by_role("heading", name="SSI performance evaluation")).to_be_visible()
    expect(page.get_by_test_id("judgement-7")).to_contain_text(seed_000.TEXTS[7][:60])
    assert_accessible(page, "evaluation-council-view")
    page.get_by_role("button", name="Record the council's response").click()
    page.get_by_role("button", name="Record the response").click()
    expect(page.get_by_role("link", name="Enter the council's response")).to_be_visible()
    assert_accessible(page, "evaluation-response-errors")
    page.get_by_label("The council's response").fill(RESPONSE)
    page.get_by_role("button", name="Record the response").click()
    expect(page.get_by_test_id("council-response")).to_contain_text(RESPONSE)
    assert_accessible(page, "evaluation-response-recorded")
    sign_out(page)

    # The inspector sees the response.
    sign_in(page, "inspector.fryer", DEMO_PASSWORD)
    row = page.get_by_test_id("assigned-councils").get_by_test_id("council-509")
    expect(row).to_contain_text("council has responded")
    row.get_by_role("link", name="Read evaluation of Leicester").click()
    expect(page.get_by_test_id("council-response")).to_contain_text(RESPONSE)
    expect(page.get_by_test_id("council-response")).to_contain_text("Dominic Director")
    assert_accessible(page, "evaluation-inspector-reads-response")
