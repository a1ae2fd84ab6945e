"""Directors build reports to cabinet from the demo data, edit them, download the PDFs and mark
one final; the tests read the downloaded PDFs back. Every page, error states included, is
checked with axe-core."""

import io
import re

import pypdf
from playwright.sync_api import expect

from demo import seed_000
from demo.seed import DEMO_PASSWORD, seed_demo, seed_demo_audits, seed_demo_cabinet
from evaluations.evaluation.judgements import STANDARD_JUDGEMENT_LABELS
from tests.browser.conftest import assert_accessible, sign_in
from tests.reports.paper_parts.pdfs import text_pdf

EDITED_SUMMARY = (
    "The Chief Executive commissioned a full review of the Council's arrangements for child "
    "protection following the publication of the Laming Inquiry.\n\n"
    "SSI found the Council to be serving most children well, with promising capacity for "
    "improvement: a more than satisfactory rating."
)
STANDARD_TITLES = [
    "Referral",
    "Assessment",
    "Allocation, service provision and closure",
    "Guidance",
    "Training and development",
    "Organisation and management",
    "Governance",
]
IMPLICATIONS = [
    "Equal Opportunities",
    "Policy",
    "Sustainable Environmental",
    "Crime and Disorder",
    "Human Rights Act",
    "Elderly/People on Income",
]


def seed():
    seed_demo()
    seed_demo_audits()
    seed_demo_cabinet()


def flat(text: str) -> str:
    return " ".join(text.split())


def download(page, name="Download the report (PDF)") -> tuple[str, pypdf.PdfReader, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    content = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright owns the file
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return text, reader, content


def assert_tagged_titled_english(reader: pypdf.PdfReader, title: str):
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == title


def choose_kind(page, label):
    page.get_by_label(label).check()
    page.get_by_role("button", name="Draft the report").click()
    expect(
        page.get_by_role("heading", name="Check the report before you download it")
    ).to_be_visible()


def test_leicester_director_reports_the_evaluation_to_cabinet(page):
    seed()
    sign_in(page, "director.leicester", DEMO_PASSWORD)
    page.get_by_role("link", name="Reports to cabinet").click()
    expect(page.get_by_role("heading", name="Reports to cabinet", level=1)).to_be_visible()
    assert_accessible(page, "cabinet-list-empty")

    # Choosing nothing is explained, linked to the question.
    page.get_by_role("button", name="Build a report").click()
    page.get_by_role("button", name="Draft the report").click()
    error = page.get_by_role("link", name="Select what the report is about")
    expect(error).to_be_visible()
    assert_accessible(page, "cabinet-new-error")
    error.click()
    expect(page.get_by_label("The outcome of SSI's evaluation")).to_be_focused()
    choose_kind(page, "The outcome of SSI's evaluation")
    expect(page.get_by_text("Your draft report has been written from the data")).to_be_visible()
    findings = page.get_by_test_id("section-findings")
    # A summary, not a copy (issue 15): a table of SSI's judgements; the full text is appended.
    expect(findings).to_contain_text("4.3 SSI's judgement of each standard")
    expect(findings.get_by_role("row", name=re.compile("Standard 1: Referral"))).to_contain_text(
        "Most"
    )
    assert_accessible(page, "cabinet-review")

    # The director rewrites the summary: two paragraphs, numbered 2.1 and 2.2.
    page.get_by_role("link", name="Change section: Summary").click()
    expect(page.get_by_role("heading", name="Summary", level=1)).to_be_visible()
    assert_accessible(page, "cabinet-section")
    page.get_by_label("Heading").fill("")
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(page.get_by_role("link", name="Enter a heading for the section")).to_be_visible()
    assert_accessible(page, "cabinet-section-error")
    page.get_by_label("Heading").fill("Summary")
    page.get_by_label("Text", exact=True).fill(EDITED_SUMMARY)
    page.get_by_role("button", name="Save and go back to the report").click()
    summary = page.get_by_test_id("section-summary")
    expect(summary).to_contain_text("2.1 The Chief Executive commissioned")
    expect(summary).to_contain_text("2.2 SSI found the Council")

    # The front of the paper: who it is from and when cabinet meets, with a bad date first.
    page.get_by_role("link", name="Change who the report is from").click()
    page.get_by_label("Report of the").fill("Corporate Director of Social Care and Health")
    page.get_by_label("Committee or meeting 1").fill("Cabinet")
    meeting = page.get_by_role("group", name="Date of meeting 1")
    meeting.get_by_label("Day").fill("31")
    meeting.get_by_label("Month").fill("6")
    meeting.get_by_label("Year").fill("2003")
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(page.get_by_role("link", name="Date of meeting 1 must be a real date")).to_be_visible()
    assert_accessible(page, "cabinet-front-error")
    meeting.get_by_label("Day").fill("21")
    meeting.get_by_label("Month").fill("7")
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(page.get_by_test_id("front-matter")).to_contain_text("Cabinet: 21st July 2003")

    # Every appendix.
    page.get_by_role("link", name="Change the appendices").click()
    assert_accessible(page, "cabinet-appendices")
    for label in (
        "Statement of roles and responsibilities",
        "The SSI evaluation",
        "Self-audit summary: ratings per standard",
        "The action plan with progress",
    ):
        page.get_by_label(label).check()
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(page.get_by_test_id("appendices")).to_contain_text("Appendix 4")
    expect(page.get_by_test_id("appendices")).to_contain_text("The action plan with progress")
    assert_accessible(page, "cabinet-review-edited")

    text, reader, _ = download(page)
    words = flat(text)
    # The front matter.
    assert "Leicester City Council" in words
    assert "WARDS AFFECTED All" in words
    assert "FORWARD TIMETABLE OF MEETINGS: Cabinet 21st July 2003" in words
    assert "Report of the Corporate Director of Social Care and Health" in words
    # Numbered paragraphs, the edited summary among them.
    assert "1. Purpose of report" in words
    assert "1.1 To seek endorsement by the Cabinet" in words
    assert "2.1 The Chief Executive commissioned" in words
    assert "2.2 SSI found the Council" in words
    assert "4.3 SSI's judgement of each standard" in words
    # Every standard's judgement: in the body's summary table, and SSI's full text in the appendix.
    for number, title in enumerate(STANDARD_TITLES, start=1):
        label = STANDARD_JUDGEMENT_LABELS[seed_000.JUDGEMENTS[number]]
        assert re.search(rf"Standard {number}: {re.escape(title)} {label}\b", words), title
        assert f"STANDARD {number} - {title.upper()}" in words
    # The implications table and the decision status.
    assert "OTHER IMPLICATIONS YES/NO" in words.upper()
    for name in IMPLICATIONS:
        assert name in words
    assert "Policy Yes Throughout the report" in words
    assert "Key Decision No" in words
    assert "Executive or Council Decision Executive (Cabinet)" in words
    # Each appendix.
    assert "APPENDIX 1 LEICESTER: SAFEGUARDING CHILDREN: SUMMARY OF ROLES" in words
    assert "Roles in sections 1-7 have Framework Responsibilities" in words
    assert "APPENDIX 2 Victoria Climbié Audit Tool: 2002-03: Performance Evaluation" in words
    assert "APPENDIX 3 Self-audit summary: ratings per standard" in words
    assert "APPENDIX 4 The action plan with progress" in words
    assert re.search(r"Page 1 of (\d+)", words)
    assert_tagged_titled_english(
        reader, f"Leicester City Council: {page.get_by_test_id('report-title').inner_text()}"
    )

    # Marked final for the meeting: listed with its date.
    page.get_by_role("link", name="Mark the report final for a meeting").click()
    assert_accessible(page, "cabinet-final")
    page.get_by_role("button", name="Mark the report final").click()
    expect(
        page.get_by_role("link", name="Select the meeting the report is final for")
    ).to_be_visible()
    assert_accessible(page, "cabinet-final-error")
    page.get_by_label("Cabinet, 21 July 2003").check()
    page.get_by_role("button", name="Mark the report final").click()
    expect(page.get_by_test_id("final-status")).to_contain_text(
        "Marked final for Cabinet, 21 July 2003"
    )
    expect(page.get_by_role("link", name="Change section: Summary")).to_have_count(0)
    assert_accessible(page, "cabinet-review-final")
    final_text, _, final_bytes = download(page, "Download the final report (PDF)")
    assert "DRAFT" not in final_text
    _, _, again = download(page, "Download the final report (PDF)")
    assert again == final_bytes
    page.get_by_role("link", name="Back to reports to cabinet").click()
    expect(page.get_by_test_id("final-reports")).to_contain_text("Cabinet, 21 July 2003")
    assert_accessible(page, "cabinet-list-final")


def test_derby_director_reports_progress_on_the_action_plan(page):
    seed()
    sign_in(page, "director.derby", DEMO_PASSWORD)
    page.get_by_role("link", name="Reports to cabinet").click()

    # Derby has no statement of roles yet: the director starts one from the template.
    page.get_by_role("link", name="Statement of roles and responsibilities").click()
    assert_accessible(page, "roles-empty")
    page.get_by_role("button", name="Start from the template").click()
    expect(page.get_by_test_id("role-1")).to_contain_text("1. The Leader of the Council")
    expect(page.get_by_test_id("grouping-sentence")).to_have_text(
        "Roles in sections 1-7 have Framework Responsibilities; those in sections 8-10 have "
        "Scrutiny Responsibilities; those in sections 11-17 have Reporting or Operational "
        "Delivery Responsibilities."
    )
    assert_accessible(page, "roles")
    page.get_by_role("button", name="Add a role").click()
    page.get_by_role("button", name="Save the role").click()
    expect(page.get_by_role("link", name="Enter the role", exact=True)).to_be_visible()
    assert_accessible(page, "roles-add-error")
    page.get_by_label("Scrutiny responsibilities").check()
    page.get_by_label("Role", exact=True).fill(
        "Corporate Parenting Overview and Scrutiny Sub-Commission"
    )
    page.get_by_label("Responsibilities", exact=True).fill(
        "Receive regular performance reports on services to children in need."
    )
    page.get_by_role("button", name="Save the role").click()
    expect(page.get_by_test_id("role-11")).to_contain_text("Corporate Parenting Overview")
    page.get_by_role("link", name="Back to reports to cabinet").click()

    page.get_by_role("button", name="Build a report").click()
    assert_accessible(page, "cabinet-new")
    # Derby has no issued SSI evaluation: that kind is explained, not offered silently.
    page.get_by_label("The outcome of SSI's evaluation").check()
    page.get_by_role("button", name="Draft the report").click()
    expect(
        page.get_by_role("link", name=re.compile("There is no issued SSI evaluation"))
    ).to_be_visible()
    choose_kind(page, "Progress on the action plan")
    expect(page.get_by_test_id("section-findings")).to_contain_text("Progress of the action plan")

    page.get_by_role("link", name="Change section: Summary").click()
    page.get_by_label("Text", exact=True).fill(
        "Services to children in need in Derby are subject to ongoing monitoring.\n\n"
        "The action plan drawn up after the self-audit continues to improve services."
    )
    page.get_by_role("button", name="Save and go back to the report").click()

    # The SSI evaluation cannot be attached: a clear message, nothing saved.
    page.get_by_role("link", name="Change the appendices").click()
    for label in (
        "Statement of roles and responsibilities",
        "The SSI evaluation",
        "Self-audit summary: ratings per standard",
        "The action plan with progress",
    ):
        page.get_by_label(label).check()
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(
        page.get_by_role("link", name=re.compile("The SSI evaluation cannot be attached"))
    ).to_be_visible()
    assert_accessible(page, "cabinet-appendices-error")
    page.get_by_label("The SSI evaluation").uncheck()
    page.get_by_role("button", name="Save and go back to the report").click()
    expect(page.get_by_test_id("appendices")).to_contain_text("Appendix 3")

    text, reader, _ = download(page)
    words = flat(text)
    assert "Derby City Council" in words
    assert "The Victoria Climbié Inquiry – Performance Report" in words
    assert "Report of the Director of Social Services" in words
    assert "2.1 Services to children in need in Derby" in words
    assert "2.2 The action plan drawn up" in words
    for number, title in enumerate(STANDARD_TITLES, start=1):
        assert f"Standard {number}: {title}" in words
    assert "Progress of the action plan:" in words
    for name in IMPLICATIONS:
        assert name in words
    assert "APPENDIX 1 DERBY: SAFEGUARDING CHILDREN" in words
    assert "Corporate Parenting Overview and Scrutiny Sub-Commission" in words
    assert "APPENDIX 2 Self-audit summary" in words
    assert "APPENDIX 3 The action plan with progress" in words
    assert "Procedures reviewed with the ACPC" in words  # progress recorded on the plan
    assert_tagged_titled_english(
        reader, "Derby City Council: The Victoria Climbié Inquiry – Performance Report"
    )


def arrange_sections_and_attach_a_letter(page, tmp_path):
    """Sections of the council's own (issue 15): leave one out, add one, attach a PDF."""
    page.get_by_role("link", name="Change the order of sections and appendices").click()
    expect(page.get_by_role("heading", name="Sections and appendices")).to_be_visible()
    assert_accessible(page, "parts")
    page.get_by_role("button", name="Leave out section: Other options considered").click()
    expect(page.get_by_test_id("part-options")).to_contain_text("Left out")
    page.get_by_role("link", name="Add a section of your own").click()
    page.get_by_label("Heading").fill("Lessons for the service")
    page.get_by_label("Text", exact=True).fill("Supervision is now weekly.")
    page.get_by_label("Where should it go?").select_option(label="After “Summary”")
    page.get_by_role("button", name="Add the section").click()
    expect(page.get_by_test_id("part-own-1")).to_contain_text("3. Lessons for the service")
    page.get_by_role("link", name="Attach a PDF as an appendix").click()
    page.get_by_role("button", name="Attach the PDF").click()
    expect(page.get_by_role("link", name="Enter a title for the appendix")).to_be_visible()
    assert_accessible(page, "parts-attach-error")
    letter = tmp_path / "ofsted-letter.pdf"
    letter.write_bytes(text_pdf(["Dear Director, the inspection team thanks your staff."]))
    page.get_by_label("Title of the appendix").fill("Ofsted's covering letter")
    page.get_by_label("Upload a PDF").set_input_files(str(letter))
    page.get_by_role("button", name="Attach the PDF").click()
    expect(page.get_by_test_id("appendix-parts")).to_contain_text("ofsted-letter.pdf, 1 page")
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, "parts-320")
    page.set_viewport_size(size)
    page.get_by_role("link", name="Go back to the report").click()


def test_leicester_director_reports_the_inspection_outcome(page, tmp_path):
    seed()
    sign_in(page, "director.leicester", DEMO_PASSWORD)
    page.get_by_role("link", name="inspections").click()
    expect(page.get_by_role("heading", name="Inspections", level=1)).to_be_visible()
    assert_accessible(page, "inspections")

    # Recording an inspection with nothing entered is explained field by field.
    page.get_by_role("button", name="Record an inspection").click()
    page.get_by_role("button", name="Save the inspection").click()
    expect(page.get_by_role("link", name="Enter the inspectorate")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the first day of the inspection")).to_be_visible()
    assert_accessible(page, "inspection-add-error")
    page.get_by_role("link", name="Back").click()

    page.get_by_role("link", name="Ofsted Unannounced Safeguarding Inspection").click()
    expect(page.get_by_test_id("inspection")).to_contain_text("11 August 2009 to 12 August 2009")
    assert_accessible(page, "inspection")
    page.get_by_role("button", name="Report the outcome to cabinet").click()
    expect(
        page.get_by_label(
            "The outcome of an inspection: Ofsted Unannounced Safeguarding Inspection"
        )
    ).to_be_checked()
    page.get_by_role("button", name="Draft the report").click()
    expect(page.get_by_test_id("section-findings")).to_contain_text("Outcome of the inspection")
    assert_accessible(page, "cabinet-review-inspection")

    page.get_by_role("link", name="Change section: Summary").click()
    page.get_by_label("Text", exact=True).fill(
        "The Inspection concluded that there were no areas for priority action and only 5 "
        "areas for further development."
    )
    page.get_by_role("button", name="Save and go back to the report").click()
    page.get_by_role("link", name="Change the appendices").click()
    page.get_by_label("Statement of roles and responsibilities").check()
    page.get_by_label("The SSI evaluation").check()
    page.get_by_label("Self-audit summary: ratings per standard").check()
    page.get_by_label("The action plan with progress").check()
    page.get_by_role("button", name="Save and go back to the report").click()
    arrange_sections_and_attach_a_letter(page, tmp_path)

    text, reader, _ = download(page)
    words = flat(text)
    # The council's own order: its own section third, the options left out, SSI's letter last.
    assert "3. Lessons for the service 3.1 Supervision is now weekly." in words
    assert "Other options considered" not in words
    assert "APPENDIX 5 Ofsted's covering letter" in words
    assert "Dear Director, the inspection team thanks your staff" in words
    assert "Leicester City Council" in words
    assert "Outcome of the Unannounced Safeguarding Inspection" in words
    assert "1.1 To advise on the outcome of the Ofsted Unannounced Safeguarding Inspection" in words
    assert "11 and 12 August 2009" in words
    assert "2.1 The Inspection concluded that there were no areas for priority action" in words
    assert "Outcome of the inspection" in words
    assert "Strengths identified" in words
    assert "Areas for development identified" in words
    assert "i) Evidence of child centred work" in words
    assert "Workforce Capacity" in words
    assert "Human Rights Act" in words
    assert "APPENDIX 1" in words and "APPENDIX 4" in words
    assert_tagged_titled_english(
        reader, "Leicester City Council: Outcome of the Unannounced Safeguarding Inspection"
    )
