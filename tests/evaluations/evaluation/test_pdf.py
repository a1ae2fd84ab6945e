"""The evaluation PDF (seed 000's layout) and the renderer every PDF of the service uses."""

import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from climbie_audit.pdf import ResourceRefused, StaticFilesOnly, render_pdf, resolve_static
from standards.models import Framework
from tests import factories
from tests.evaluations import seed_000

TITLE = "Victoria Climbié Audit Tool: 2002-03: Performance Evaluation for Leicester (509)"
STANDARD_TITLES = {
    1: "REFERRAL",
    2: "ASSESSMENT",
    3: "ALLOCATION, SERVICE PROVISION AND CLOSURE",
    4: "GUIDANCE",
    5: "TRAINING AND DEVELOPMENT",
    6: "ORGANISATION AND MANAGEMENT",
    7: "GOVERNANCE",
}


def squeeze(text: str) -> str:
    """Compare text without its layout: extraction breaks lines anywhere, and pdftotext joins
    a word hyphenated at a line end ("no-" + "access" becomes "noaccess")."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("-", "")
    return re.sub(r"\s+", "", text).replace("“", '"').replace("”", '"').replace("’", "'")


RUNNING_HEAD = "Leicester (509): SSI performance evaluation"


def body_text(text: str) -> str:
    """The text without the running head and page numbers, which interrupt a split text box."""
    text = text.replace(RUNNING_HEAD, "")
    return re.sub(r"Page \d+ of \d+", "", text)


def assert_in_order(text: str, expected: list[str]) -> None:
    squeezed, position = squeeze(body_text(text)), 0
    for needle in expected:
        found = squeezed.find(squeeze(needle), position)
        assert found >= 0, f"{needle[:60]!r} missing or out of order after position {position}"
        position = found + len(squeeze(needle))


def seed_order() -> list[str]:
    """Everything seed 000 shows, in its order."""
    expected = [
        TITLE,
        "Name of Inspector completing evaluation",
        "Roy Fryer",
        "06-May-2003",
        "(a) Completed after the evaluation of the audit",
        "(b) Completed after a follow-up visit",
        "(c) Completed after an inspection",
    ]
    for number, title in STANDARD_TITLES.items():
        expected += [
            f"STANDARD {number} - {title}",
            seed_000.LABELS[seed_000.JUDGEMENTS[number]],
            "Text box explaining evaluation particularly if evaluation does not agree with the "
            "council's self audit.",
            seed_000.TEXTS[number],
        ]
    expected += [
        "Overall Assessment: Serving children well?",
        "Most",
        seed_000.OVERALL_SERVING_TEXT,
        "Overall Assessment: Capacity for Improvement?",
        "Follow up visit to take place?",
        "No",
        "Evaluation - Capacity for improvement",
        "Promising",
        seed_000.OVERALL_CAPACITY_TEXT,
        "Description of Issue",
        "PAF Domain",
        "Strength/ Area for development?",
        "Highlight for Annual Review?",
    ]
    kinds = {"strength": "Strength", "development": "Area for development"}
    for description, _, kind, _ in seed_000.FINDINGS:
        expected += [description, "Effectiveness", kinds[kind], "Yes"]
    return expected


@pytest.fixture(scope="module")
def seed_pdf(django_db_setup, django_db_blocker):
    """Seed 000's evaluation as Leicester's director downloads it, rendered once for the module's
    tests, which only read the PDF; its rows are rolled back straight after the download."""
    from tests.evaluations.helpers import issued_like_seed, submitted

    with django_db_blocker.unblock(), transaction.atomic():
        council = factories.council_a()
        officer, director = factories.officer_a(council), factories.director_a(council)
        inspector = factories.inspector_a(council)
        audit_return = submitted(council, Framework.objects.current(), officer, director)
        inspector.first_name, inspector.last_name = seed_000.INSPECTOR
        inspector.save()
        evaluation = issued_like_seed(audit_return, inspector)
        client = Client()
        client.force_login(director)
        response = client.get(reverse("evaluation:pdf", args=["509", evaluation.pk]))
        transaction.set_rollback(True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "ssi-evaluation-509-v1-a.pdf" in response["Content-Disposition"]
    return response.content


def test_pdf_text_has_every_judgement_text_and_finding_in_seed_order(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert_in_order(text, seed_order())
    assert "Page 1 of " in text and f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert "DRAFT" not in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdftotext_reads_the_same_order(seed_pdf, tmp_path):
    path = tmp_path / "evaluation.pdf"
    path.write_bytes(seed_pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert_in_order(text, seed_order())


def test_pdf_is_tagged_titled_in_british_english_with_fonts_embedded(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == TITLE
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))
            families.add(program["name"].getDebugName(1))
    # The font's own name, not the name asked for: only the one the app ships (issue 15).
    assert families == {"Arimo"}


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
def test_pdfinfo_agrees(seed_pdf, tmp_path):
    path = tmp_path / "evaluation.pdf"
    path.write_bytes(seed_pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.MULTILINE)
    assert re.search(rf"^Title:\s+{re.escape(TITLE)}$", info.stdout, re.MULTILINE)


def test_a_draft_pdf_says_it_is_a_draft(client_for, inspector, draft):
    content = client_for(inspector).get(reverse("evaluation:pdf", args=["509", draft.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "DRAFT: this evaluation has not been issued to the council." in text
    assert "Not judged" in text and "No findings recorded." in text


def test_star_rating_consequence_is_printed(client_for, audit_return, inspector, director):
    from tests.evaluations.helpers import issued_like_seed

    evaluation = issued_like_seed(audit_return, inspector, overall_serving="some")
    content = client_for(director).get(reverse("evaluation:pdf", args=["509", evaluation.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content.content)).pages)
    assert squeeze("cannot be judged higher than “serving some children well”") in squeeze(text)


# --- The renderer's URL fetcher: the app's static files, nothing else -----------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/logo.png",
        "https://example.com/style.css",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "file:///static/../climbie_audit/settings.py",
        "file:///static/../../etc/passwd",
        "file://evil.example.com/static/js/init.mjs",
    ],
)
def test_fetcher_refuses_the_network_and_files_outside_static(url):
    with pytest.raises(ResourceRefused):
        StaticFilesOnly().fetch(url)


def test_fetcher_serves_the_apps_static_files(settings):
    response = StaticFilesOnly().fetch("file:///static/js/init.mjs")
    assert b"govuk" in response.read().lower()
    direct = (settings.BASE_DIR / "static" / "js" / "init.mjs").as_uri()
    assert resolve_static(direct) == settings.BASE_DIR / "static" / "js" / "init.mjs"


def test_render_pdf_titles_tags_and_blocks_outside_resources(settings, tmp_path, caplog):
    (tmp_path / "probe.html").write_text(
        '<!DOCTYPE html><html lang="{{ pdf_lang }}"><head><title>Wrong title</title>'
        '<link rel="stylesheet" href="https://example.com/x.css">'
        '<link rel="stylesheet" href="/static/js/init.mjs"></head>'
        '<body><h1>{{ heading }}</h1><img alt="" src="file:///etc/hostname"></body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with caplog.at_level("WARNING", logger="reports.pdf"):
        content = render_pdf("probe.html", {"heading": "Probe"}, title="The real title")
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "The real title"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "Probe" in reader.pages[0].extract_text()
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert any("https://example.com/x.css" in m for m in refused)
    assert any("file:///etc/hostname" in m for m in refused)
    assert not any("init.mjs" in m for m in refused)
