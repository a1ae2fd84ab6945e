"""The cabinet paper as a PDF: read back, it has the front matter, numbered paragraphs, every
standard's judgement, the implications table and each appendix; it is tagged, titled and in
English; its fonts are the shipped ones, embedded; its chart is vector, not a bitmap."""

import io
import re

import pytest
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from climbie_audit import pdf
from reports.cabinet.drafting import draft_report
from reports.cabinet.rendering import render_report_pdf
from reports.models import Appendix, ReportKind
from reports.roles import rules as roles
from standards.models import Framework
from tests import factories
from tests.evaluations import seed_000
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return

# Many criteria below 4: a long action plan, so its table runs over a page.
BELOW_FOUR = {code: 2 for code in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5")} | {
    code: 3 for code in ("3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "5.1", "5.2", "6.1", "7.1")
}
JUDGEMENT_WORDS = {"most": "Most", "promising": "Promising"}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def paper(django_db_setup, django_db_blocker):
    """The report, built and rendered once for the module's tests, which only read the PDF. Its
    rows are made in a transaction rolled back straight after rendering: no test sees them."""
    with django_db_blocker.unblock(), transaction.atomic():
        council_a = factories.council_a()
        officer, director = factories.officer_a(council_a), factories.director_a(council_a)
        framework = Framework.objects.current()
        audit_return = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
        issued_like_seed(audit_return, factories.inspector_a(council_a))
        roles.start_from_template(council_a, director)
        report = draft_report(council_a, ReportKind.EVALUATION, director)
        assert report.appendix_list() == [value for value, _ in Appendix.choices]
        content = render_report_pdf(report)
        transaction.set_rollback(True)
    reader = PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    return report, (content, reader, pages)


@pytest.fixture
def report(paper):
    return paper[0]


@pytest.fixture
def rendered(paper):
    return paper[1]


def test_the_paper_reads_like_a_cabinet_report(report, rendered):
    _, _, pages = rendered
    first = flat(pages[0])
    assert first.startswith("Leicester City Council DRAFT")
    assert "WARDS AFFECTED All" in first
    assert "FORWARD TIMETABLE OF MEETINGS: Cabinet" in first
    assert "Report of the Director of Social Services" in first  # the director's job title
    assert report.title.split(":")[0] in first
    words = flat(" ".join(pages))
    for heading in ("1. Purpose of report", "2. Summary", "3. Recommendations"):
        assert heading in words
    assert re.search(r"1\.1 To seek endorsement by the Cabinet", words)
    assert re.search(r"3\.1 It is recommended that the Cabinet: \(a\) endorse", words)
    assert "4.3 SSI's judgement of each standard" in words
    assert "Standard 1: Referral Most" in words
    assert "Page 1 of " in words


def test_every_standards_judgement_is_summarised_once_and_its_text_kept_in_the_appendix(rendered):
    _, _, pages = rendered
    words = flat(" ".join(pages))
    for number, judgement in seed_000.JUDGEMENTS.items():
        # in the body's table of judgements, once
        assert re.search(
            rf"Standard {number}: [A-Za-z ,]+ {JUDGEMENT_WORDS[judgement]} \d+ of \d+", words
        )
        # and in the evaluation appendix, laid out like seed 000, with SSI's text printed once
        assert re.search(rf"STANDARD {number} - [A-Z ,]+ Evaluation", words)
        assert words.count(flat(seed_000.TEXTS[number])[:60]) == 1


def test_the_implications_table_and_decision_status(rendered):
    _, _, pages = rendered
    words = flat(" ".join(pages)).upper()
    assert "OTHER IMPLICATIONS YES/NO PARAGRAPH REFERENCES WITHIN SUPPORTING INFORMATION" in words
    for row in (
        "EQUAL OPPORTUNITIES NO",
        "POLICY YES THROUGHOUT THE REPORT",
        "SUSTAINABLE ENVIRONMENTAL NO",
        "CRIME AND DISORDER NO",
        "HUMAN RIGHTS ACT NO",
        "ELDERLY/PEOPLE ON INCOME NO",
    ):
        assert row in words
    assert "DECISION STATUS KEY DECISION NO REASON N/A APPEARED IN FORWARD PLAN NO" in words


def test_each_appendix_starts_a_page_of_its_own(rendered):
    _, _, pages = rendered
    starts = {
        "APPENDIX 1": "LEICESTER: SAFEGUARDING CHILDREN: SUMMARY OF ROLES",
        "APPENDIX 2": "Victoria Climbié Audit Tool: 2002-03: Performance Evaluation for Leicester",
        "APPENDIX 3": "Self-audit summary: ratings per standard",
        "APPENDIX 4": "The action plan with progress",
    }
    for label, title in starts.items():
        page = next(p for p in pages if flat(p).find(label) >= 0)
        body = flat(page)
        assert body[body.index(label) :].startswith(f"{label} {title}"), label
    roles_page = flat(next(p for p in pages if "APPENDIX 1" in p))
    assert "Roles in sections 1-7 have Framework Responsibilities" in roles_page


def test_long_tables_repeat_their_header_on_every_page(rendered):
    _, _, pages = rendered
    plan_pages = [p for p in pages if "Latest progress" in p]
    assert len(plan_pages) >= 2, "the action plan should run over a page"
    for page in plan_pages:
        assert "Criterion Action Lead officer" in flat(page)


def test_the_pdf_is_tagged_titled_and_in_british_english(report, rendered):
    _, reader, _ = rendered
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == f"Leicester City Council: {report.title}"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def _fonts(reader):
    fonts = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = descriptor
    return fonts


def test_only_the_shipped_font_is_used_and_it_is_embedded(rendered):
    _, reader, _ = rendered
    fonts = _fonts(reader)
    assert fonts
    for name, descriptor in fonts.items():
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        # Registered under the names the paper asks for; never a font of the machine's.
        assert re.fullmatch(r"/[A-Z]{6}\+(Arimo|Arial)(-[A-Za-z-]+)?", name), name


def test_the_font_comes_from_the_package_not_the_machine():
    css = pdf.font_faces_css()
    assert "node_modules/%40fontsource/arimo/files/arimo-latin-400-normal.woff2" in css
    font = pdf.FONT_DIRS[0] / "arimo-latin-700-normal.woff2"
    assert pdf.resolve_static(font.as_uri()) == font.resolve()
    assert pdf.decoded_font(font.resolve())[:4] == b"\x00\x01\x00\x00"  # plain TrueType
    with pytest.raises(pdf.ResourceRefused):
        pdf.resolve_static("file:///usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


def test_the_chart_is_vector_not_a_bitmap(rendered):
    content, reader, pages = rendered
    chart_page = next(i for i, p in enumerate(pages) if "APPENDIX 3" in p)
    page = reader.pages[chart_page]
    xobjects = page["/Resources"].get("/XObject", {})
    assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    words = flat(pages[chart_page])
    assert "Rated 1 Rated 2 Rated 3 Rated 4" in words  # the legend is text
    assert "Standard 1" in words and "All standards" in words  # and the same figures as a table
    assert b"/Subtype /Image" not in content


def test_the_statement_of_roles_prints_as_its_own_document(client_for, officer, council_a):
    roles.start_from_template(council_a)
    response = client_for(officer).get(reverse("roles:pdf", args=["509"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    words = flat(" ".join(p.extract_text() for p in reader.pages))
    assert words.startswith(
        "LEICESTER: SAFEGUARDING CHILDREN: SUMMARY OF ROLES AND RESPONSIBILITIES WITHIN THE COUNCIL"
    )
    assert "1. The Leader of the Council" in words
    assert "17. Other Practitioners and Support Staff" in words
    assert "safeguard children in Leicester" in words
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Leicester: Safeguarding children")
