"""Appendices a council orders, removes and attaches (issue 15, point 3), through the director's
pages: a PDF checked by its content and bounds, merged into the paper's PDF under its appendix's
number and inside the text area, named in the Word copy, frozen with a final report."""

import io

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from reports.cabinet.final import mark_final, meeting_label
from reports.cabinet.rendering import render_report_pdf
from reports.cabinet.word import render_report_docx
from reports.models import CabinetReport, ReportAttachment
from reports.paper_parts import attached_pdf
from standards.models import ImmutableRecordError
from tests.reports.documents import docx_paragraphs, pdf_text
from tests.reports.paper_parts.conftest import parts_url
from tests.reports.paper_parts.pdfs import text_pdf

MM = 72 / 25.4
# The paper's text area (templates/cabinet/pdf/base.html): A4 with margins 20 18 22 20 mm.
LEFT, RIGHT, TOP, BOTTOM = 20 * MM, 595.28 - 18 * MM, 20 * MM, 841.89 - 22 * MM


def attach(client, report, content: bytes, title="SSI's covering letter", name="letter.pdf"):
    report.refresh_from_db()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        parts_url(report, "attach"),
        {"title": title, "document": upload, "revision": report.structure_revision},
    )


def appendices(report):
    report.refresh_from_db()
    return report.appendix_list()


def test_an_attached_pdf_prints_inside_the_paper_under_its_number(client_for, director, report):
    client = client_for(director)
    letter = text_pdf(["Dear Director, page one of the letter", "Yours sincerely, page two"])
    response = attach(client, report, letter)
    assert response.status_code == 302
    attachment = ReportAttachment.objects.get()
    assert (attachment.pages, attachment.file_name, attachment.size) == (
        2,
        "letter.pdf",
        len(letter),
    )
    assert appendices(report)[-1] == attachment.key
    number = len(appendices(report))

    pdf = render_report_pdf(CabinetReport.objects.get(pk=report.pk))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title and reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "still tagged"
    text = pdf_text(pdf)
    total = len(reader.pages)
    assert f"Page {total - 1} of {total}" in text, "attached pages are numbered with the paper's"
    with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
        first, second = plumbed.pages[-2], plumbed.pages[-1]
        assert f"APPENDIX {number}" in first.extract_text()
        assert "SSI's covering letter" in first.extract_text()
        assert "Dear Director, page one of the letter" in first.extract_text()
        assert f"APPENDIX {number} (CONTINUED)" in second.extract_text()
        assert "Yours sincerely, page two" in second.extract_text()
        for page in (first, second):
            letter_chars = [c for c in page.chars if "Helvetica" in c["fontname"]]
            assert letter_chars, "the letter's own text is drawn on the page"
            for c in page.chars:
                assert c["x0"] >= LEFT - 0.5 and c["x1"] <= RIGHT + 0.5, c["text"]
            for c in letter_chars:
                assert c["top"] >= TOP and c["bottom"] <= BOTTOM, c["text"]
            frame = [r for r in page.rects if r["width"] > 300]
            assert frame and all(r["x0"] >= LEFT - 1 and r["x1"] <= RIGHT + 1 for r in frame)

    docx = render_report_docx(CabinetReport.objects.get(pk=report.pk))
    paragraphs = [text for _, text in docx_paragraphs(docx)]
    assert f"APPENDIX {number}" in paragraphs and "SSI's covering letter" in paragraphs
    assert any("“letter.pdf” (2 pages)" in text for text in paragraphs)


def test_a_rotated_landscape_page_is_drawn_upright_and_whole(client_for, director, report):
    attach(client_for(director), report, text_pdf(["Landscape table"], size=(842, 595), rotate=90))
    pdf = render_report_pdf(CabinetReport.objects.get(pk=report.pk))
    with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
        page = plumbed.pages[-1]
        chars = [c for c in page.chars if "Helvetica" in c["fontname"]]
        assert chars and all(c["upright"] is False for c in chars), "turned as the reader sees it"
        assert all(c["x0"] >= LEFT and c["x1"] <= RIGHT for c in chars)
        assert all(c["top"] >= TOP and c["bottom"] <= BOTTOM for c in chars)


def test_the_attached_file_downloads_as_uploaded_for_readers_only(
    client_for, director, officer, director_b, report
):
    letter = text_pdf(["A letter"])
    attach(client_for(director), report, letter)
    attachment = ReportAttachment.objects.get()
    url = parts_url(report, "attachment_file", attachment.pk)
    response = client_for(officer).get(url)
    assert response.status_code == 200 and response.content == letter
    assert 'filename="letter.pdf"' in response["Content-Disposition"]
    assert client_for(director_b).get(url).status_code == 404
    assert client_for(director).get(parts_url(report, "attachment_file", 999)).status_code == 404
    page = client_for(officer).get(reverse("cabinet:report", args=["509", report.pk]))
    assert url in page.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.pdf", "The selected file is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 200, "picture.pdf", "The selected file must be a PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "broken.pdf", "The selected file is damaged"),
        (text_pdf(["secret"], password="p"), "locked.pdf", "password protected"),
        (text_pdf(["page"] * 31), "long.pdf", "must have 30 pages or fewer"),
        (text_pdf(["strip"], size=(600, 20)), "strip.pdf", "too small or too large to print"),
        (b"%PDF-1.4\n" + b"0" * attached_pdf.MAX_BYTES, "huge.pdf", "smaller than 10 MB"),
    ],
    ids=["empty", "png", "damaged", "encrypted", "31-pages", "strip", "over-10MB"],
)
def test_a_refused_file_is_explained_and_nothing_is_kept(
    client_for, director, report, content, name, message
):
    before = appendices(report)
    response = attach(client_for(director), report, content, name=name)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'href="#id_document"' in html
    assert not ReportAttachment.objects.exists()
    assert appendices(report) == before


def test_a_name_beyond_ascii_downloads_as_named(client_for, director, report):
    attach(client_for(director), report, text_pdf(["Lettre"]), name="Lettre d’Ofsted – été.pdf")
    attachment = ReportAttachment.objects.get()
    assert attachment.file_name == "Lettre d’Ofsted – été.pdf"
    response = client_for(director).get(parts_url(report, "attachment_file", attachment.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Lettre%20d%E2%80%99Ofsted%20%E2%80%93%20%C3%A9t%C3%A9.pdf"
    )


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "a\x07b.pdf", "..pdf", "x" * 300 + ".pdf"]
)
def test_the_file_name_kept_is_a_safe_one(client_for, director, report, name):
    response = attach(client_for(director), report, text_pdf(["x"]), name=name)
    if response.status_code == 400:
        assert "file" in response.content.decode() and not ReportAttachment.objects.exists()
        return
    kept = ReportAttachment.objects.get().file_name
    assert kept.endswith(".pdf") and len(kept) <= 104
    assert "/" not in kept and ".." not in kept.removesuffix(".pdf")
    assert all(ord(c) >= 32 for c in kept)


def test_appendices_move_and_go_and_the_chosen_ones_keep_their_place(client_for, director, report):
    client = client_for(director)
    assert appendices(report) == ["roles", "evaluation", "self_audit"] or appendices(report)
    start = appendices(report)
    attach(client, report, text_pdf(["Letter"]))
    key = ReportAttachment.objects.get().key
    report.refresh_from_db()
    client.post(
        parts_url(report),
        {"action": f"appendix_up:{key}", "revision": report.structure_revision},
    )
    assert appendices(report) == [*start[:-1], key, start[-1]]
    # Ticking and unticking the drafted appendices keeps the council's order.
    wanted = [value for value in start if value != start[0]]
    report.refresh_from_db()
    response = client.post(
        reverse("cabinet:appendices", args=["509", report.pk]),
        {"appendices": wanted, "revision": report.structure_revision},
    )
    assert response.status_code == 302
    assert appendices(report) == [*start[1:-1], key, start[-1]]
    page = client.get(reverse("cabinet:report", args=["509", report.pk]))
    listed = [(a.number, a.key) for a in page.context["appendices"]]
    assert listed == list(enumerate(appendices(report), start=1))
    # Removing the attachment deletes its file.
    report.refresh_from_db()
    client.post(
        parts_url(report),
        {"action": f"appendix_remove:{key}", "revision": report.structure_revision},
    )
    assert key not in appendices(report) and not ReportAttachment.objects.exists()


def test_the_appendix_can_be_renamed_and_a_stale_rename_is_refused(client_for, director, report):
    client = client_for(director)
    attach(client, report, text_pdf(["Letter"]))
    attachment = ReportAttachment.objects.get()
    report.refresh_from_db()
    stale = report.structure_revision
    url = parts_url(report, "attachment", attachment.pk)
    assert client.post(url, {"title": "", "revision": stale}).status_code == 400
    response = client.post(url, {"title": "Letter from SSI, 6 May 2003", "revision": stale})
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.title == "Letter from SSI, 6 May 2003"
    refused = client.post(url, {"title": "Another name", "revision": stale})
    assert refused.status_code == 409
    attachment.refresh_from_db()
    assert attachment.title == "Letter from SSI, 6 May 2003"


def test_a_final_report_keeps_its_attachment_and_its_merged_pdf(client_for, director, report):
    attach(client_for(director), report, text_pdf(["The letter as agreed"]))
    report = mark_final(
        CabinetReport.objects.get(pk=report.pk),
        director,
        meeting_label(report.timetable.first()),
    )
    assert "The letter as agreed" in pdf_text(report.pdf_bytes)
    attachment = ReportAttachment.objects.get()
    with pytest.raises(ImmutableRecordError):
        attachment.delete()
    with pytest.raises(ImmutableRecordError):
        ReportAttachment.objects.filter(pk=attachment.pk).update(title="Changed")
    response = attach(client_for(director), report, text_pdf(["Too late"]))
    assert response.status_code == 302 and ReportAttachment.objects.count() == 1


def test_a_newly_ticked_appendix_takes_its_usual_place_among_the_drafted_ones(
    client_for, director, report
):
    """Ticked again, the first drafted appendix goes back first, where appendices have always
    been numbered, not after the attached document."""
    client = client_for(director)
    report.refresh_from_db()
    start = appendices(report)
    assert len(start) >= 2
    choices = reverse("cabinet:appendices", args=["509", report.pk])
    client.post(choices, {"appendices": start[1:], "revision": report.structure_revision})
    attach(client, report, text_pdf(["Letter"]))
    key = ReportAttachment.objects.get().key
    assert appendices(report) == [*start[1:], key]
    report.refresh_from_db()
    client.post(choices, {"appendices": start, "revision": report.structure_revision})
    assert appendices(report) == [*start, key]
