"""Every cabinet paper holds its page layout, read back from the PDFs themselves (pdfplumber):
for each report kind x house style x {the demo data, long text in every field}, every character
and every line lies inside the text area, the running head and page number apart; headings stay
with what follows; the decision status is never alone on a page; a long committee name never
breaks its date; the only fonts are the shipped ones (Arimo), embedded. And the papers stay
accessible: tagged, titled, in English, with headings, table header cells and figures with
alternative text in their structure tree.

Each PDF is rendered once for the module (renders cost seconds); its rows are made in a
transaction rolled back straight after rendering."""

import io
import re

import pdfplumber
import pytest
from django.db import connection, transaction
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from climbie_audit.models import Council, User
from demo.seed import seed_demo, seed_demo_audits, seed_demo_cabinet
from evaluations.models import Evaluation, Inspection
from reports.cabinet.drafting import draft_report
from reports.cabinet.rendering import render_report_pdf
from reports.models import CabinetReport, HouseStyle, PaperStyle, ReportKind

# pytest-django sets up the test database only for a session with tests marked as using it: the
# mark makes sure that the module fixture below never writes to the development database.
pytestmark = pytest.mark.django_db

MM = 72 / 25.4
A4 = (595.28, 841.89)
# The text area of templates/cabinet/pdf/base.html's @page: margins 20mm 18mm 22mm 20mm.
LEFT, RIGHT = 20 * MM, A4[0] - 18 * MM
TOP, BOTTOM = 20 * MM, A4[1] - 22 * MM
KINDS = [ReportKind.EVALUATION, ReportKind.INSPECTION, ReportKind.PROGRESS]
STYLES = [HouseStyle.LEICESTER, HouseStyle.DERBY, HouseStyle.SCRUTINY]
VARIANTS = ["demo", "long"]
CASES = [(kind, style, variant) for kind in KINDS for style in STYLES for variant in VARIANTS]
LONG_COMMITTEE = (
    "Children and Young People's Overview and Scrutiny Committee (Joint Meeting with the Adult "
    "Social Care Panel)"
)
# An unbroken run, as a pasted web address is: it must wrap, not run off the page.
LONG_WORD = "https://www.example.gov.uk/democracy/committees/children/" + "x" * 60


def _long(text: str, limit: int) -> str:
    return (text * (limit // len(text) + 1))[:limit].strip()


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 80), (0, 48, 120)).save(out, format="PNG")
    return out.getvalue()


def _long_text_everywhere(report: CabinetReport) -> None:
    """Every field the director can type, at or near its longest, with an unbroken run in each."""
    paragraph = _long("The council will review the arrangements with its partners. ", 200)
    for section in report.sections.all():
        section.heading = _long(f"{section.heading} {LONG_WORD} ", 200)
        section.body = "\n\n".join(
            [
                f"{paragraph} {LONG_WORD}",
                "## " + _long(f"A sub-heading about the arrangements {LONG_WORD} ", 150),
                "- " + _long("a point in a list ", 100) + "\n- (b) " + LONG_WORD,
            ]
        )
        section.save()
    report.council_heading = _long(f"{report.council_heading} ", 120)
    report.wards_affected = _long(f"All wards {LONG_WORD} ", 200)
    report.officer_title = _long("Strategic Director of Children's Services ", 200)
    report.title = _long(f"{report.title} {LONG_WORD} ", 300)
    report.decision_reason = _long("The decision affects every ward of the city. ", 300)
    report.other_implications = [
        {**row, "applies": True, "reference": _long(f"Paragraphs 4.1 to 4.9 {LONG_WORD} ", 300)}
        for row in report.other_implications
    ]
    report.appendices = []  # the appendices' layout is proved with the demo data
    report.save()
    report.timetable.update(committee=_long(f"{LONG_COMMITTEE} ", 120))


def _draft(kind: str, council: Council) -> CabinetReport:
    director = User.objects.filter(role=User.Role.DIRECTOR, council=council).order_by("pk")[0]
    inspection = Inspection.objects.filter(council=council).order_by("pk").first()
    return draft_report(council, kind, director, inspection=inspection)


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker):
    """{(kind, style, variant): PDF bytes}, rendered once. Leicester (seed 002's council) writes
    the evaluation and inspection papers, Derby (seed 001's) the progress report."""
    rendered = {}
    with django_db_blocker.unblock(), transaction.atomic():
        # The test database, never the development one (see pytestmark).
        assert "test" in str(connection.settings_dict["NAME"]) or connection.vendor != "sqlite"
        seed_demo()
        seed_demo_audits()
        seed_demo_cabinet()
        leicester, derby = Council.objects.get(code="509"), Council.objects.get(code="510")
        assert Evaluation.objects.issued().filter(audit_return__self_audit__council=leicester)
        for style in STYLES:
            for council in (leicester, derby):
                PaperStyle.objects.update_or_create(
                    council=council,
                    defaults={
                        "house_style": style,
                        "logo": _logo() if style == HouseStyle.SCRUTINY else None,
                        "logo_type": "image/png" if style == HouseStyle.SCRUTINY else "",
                    },
                )
            for kind in KINDS:
                council = derby if kind == ReportKind.PROGRESS else leicester
                for variant in VARIANTS:
                    report = _draft(kind, council)
                    assert report.house_style == style
                    if variant == "long":
                        _long_text_everywhere(report)
                    elif style != HouseStyle.LEICESTER:
                        # The appendices do not change with the style: rendered once, in
                        # Leicester's, to keep the module fast.
                        report.appendices = []
                        report.save()
                    rendered[(kind, style, variant)] = render_report_pdf(report)
        transaction.set_rollback(True)
    return rendered


def _case_id(case):
    return "-".join(case)


@pytest.fixture(scope="module")
def plumbed(papers):
    """Characters, lines and text of each page, read once per PDF."""
    result = {}
    for case, content in papers.items():
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            result[case] = [
                {
                    "size": (page.width, page.height),
                    "chars": list(page.chars),
                    "shapes": list(page.rects) + list(page.lines) + list(page.curves),
                    "text": page.extract_text() or "",
                    "lines": page.extract_text_lines(),
                }
                for page in pdf.pages
            ]
    return result


def _margin_text(chars, top: bool) -> str:
    inside = [c for c in chars if (c["bottom"] <= TOP if top else c["top"] >= BOTTOM)]
    return "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"])))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_every_character_and_line_is_inside_the_text_area(plumbed, case):
    pages = plumbed[case]
    for number, page in enumerate(pages, start=1):
        assert page["size"] == pytest.approx(A4, abs=0.5)
        outside = [
            c["text"] for c in page["chars"] if c["x0"] < LEFT - 0.5 or c["x1"] > RIGHT + 0.5
        ]
        assert not outside, f"page {number}: {''.join(outside)[:80]!r} past the side margins"
        # Above and below the text area only the running head and the page number print.
        footer = _margin_text(page["chars"], top=False).replace(" ", "")
        assert footer == f"Page{number}of{len(pages)}", f"page {number}: {footer!r} below"
        header = _margin_text(page["chars"], top=True).replace(" ", "")
        assert number == 1 or header.endswith("(DRAFT)"), f"page {number}: {header!r} above"
        assert number > 1 or header == ""
        # Table borders and rules: half a border's width either side of the text area at most.
        for shape in page["shapes"]:
            assert shape["x0"] >= LEFT - 1 and shape["x1"] <= RIGHT + 1, (number, shape["x1"])
            assert shape["top"] >= TOP - 1 and shape["bottom"] <= BOTTOM + 1, (number, shape)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_no_heading_ends_a_page(plumbed, case):
    """A section heading (12pt bold) is never the last line of a page: it goes with its text."""
    for number, page in enumerate(plumbed[case][:-1], start=1):
        body = [line for line in page["lines"] if line["top"] >= TOP and line["bottom"] <= BOTTOM]
        last = body[-1]
        sizes = {round(c["size"], 1) for c in last["chars"]}
        bold = all("Bold" in c["fontname"] for c in last["chars"])
        numbered = re.match(r"\d+\.\s", last["text"])
        assert not (bold and sizes == {12.0} and numbered), f"page {number} ends {last['text']!r}"


@pytest.mark.parametrize("case", [c for c in CASES if c[1] == HouseStyle.LEICESTER], ids=_case_id)
def test_the_decision_status_is_never_alone_on_a_page(plumbed, case):
    pages = plumbed[case]
    page = next(p for p in pages if "Decision status" in p["text"])
    body = [line["text"] for line in page["lines"] if TOP <= line["top"] <= BOTTOM]
    assert body[0] != "Decision status", "the decision status starts a page of its own"


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)? ({MONTHS}) \d{{4}}\b", re.IGNORECASE)


@pytest.mark.parametrize("case", [c for c in CASES if c[2] == "long"], ids=_case_id)
def test_a_long_committee_name_keeps_its_date_on_one_line(plumbed, case):
    first_page = plumbed[case][0]
    assert "overview" in first_page["text"].lower()  # the long committee name is there
    lines = [line["text"] for line in first_page["lines"]]
    assert any(DATE.search(line) for line in lines), lines[:30]


def test_the_leicester_evaluation_paper_is_at_most_ten_pages_before_its_appendices(plumbed):
    pages = plumbed[(ReportKind.EVALUATION, HouseStyle.LEICESTER, "demo")]
    first_appendix = next(
        n for n, page in enumerate(pages) if re.search(r"^APPENDIX 1$", page["text"], re.M)
    )
    assert first_appendix <= 10


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_only_the_shipped_font_is_used_and_embedded(papers, case):
    reader = PdfReader(io.BytesIO(papers[case]))
    families = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))
            families.add(program["name"].getDebugName(1))
    # The font's own name, not the name the paper asked for: Arimo, never the machine's.
    assert families == {"Arimo"}


def _structure(reader: PdfReader):
    """Every element of the structure tree: (type, the element)."""
    found = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                found.append((str(kid["/S"]), kid))
                stack.append(kid)
    return found


@pytest.mark.parametrize("case", [c for c in CASES if c[2] == "demo"], ids=_case_id)
def test_the_paper_is_tagged_titled_and_structured(papers, case):
    reader = PdfReader(io.BytesIO(papers[case]))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]) == "en-GB"
    council = "Derby" if case[0] == ReportKind.PROGRESS else "Leicester"
    assert reader.metadata.title.startswith(f"{council} City Council: ")
    elements = _structure(reader)
    kinds = {kind for kind, _ in elements}
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/P"} <= kinds, kinds
    for kind, element in elements:
        if kind == "/Figure":
            assert str(element.get("/Alt", "")).strip(), "a figure without alternative text"
    if case[1] == HouseStyle.SCRUTINY:
        alts = [str(e.get("/Alt", "")) for kind, e in elements if kind == "/Figure"]
        assert f"{council} logo" in alts
