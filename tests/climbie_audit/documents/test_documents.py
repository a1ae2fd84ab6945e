"""Documents that never change are made once (issue 17, point 3): an issued evaluation's PDF is
rendered on its first download and kept with its SHA-256, a final cabinet report's when it is
marked final; every later download serves the kept bytes with the SHA-256 as ETag and renders
nothing. A PDF that takes too long stops with a clear message and changes nothing."""

import hashlib

import pytest
from django.urls import reverse

from climbie_audit import pdf
from climbie_audit.models_documents import StoredDocument
from evaluations.evaluation import documents as evaluation_documents
from reports.cabinet.drafting import draft_report
from reports.cabinet.final import mark_final, meeting_label
from reports.models import CabinetReport, ReportKind
from standards.models import Framework
from tests import factories
from tests.evaluations.helpers import fill_like_seed, issued_like_seed, start
from tests.standards.helpers import submitted_return


@pytest.fixture
def renders(monkeypatch):
    """How many documents WeasyPrint lays out, whoever asks for them."""
    real_html, count = pdf.HTML, {"n": 0}

    def counting_html(*args, **kwargs):
        count["n"] += 1
        return real_html(*args, **kwargs)

    monkeypatch.setattr(pdf, "HTML", counting_html)
    return count


@pytest.fixture
def people(db):
    council = factories.council_a()
    officer, director = factories.officer_a(council), factories.director_a(council)
    inspector = factories.inspector_a(council)
    audit_return = submitted_return(council, Framework.objects.current(), officer, director)
    return council, officer, director, inspector, audit_return


def pdf_url(evaluation):
    return reverse("evaluation:pdf", args=[evaluation.council.code, evaluation.pk])


def test_an_issued_evaluation_pdf_is_rendered_once_and_served_with_its_sha256(
    people, client, renders
):
    council, officer, director, inspector, audit_return = people
    evaluation = issued_like_seed(audit_return, inspector)
    bodies = []
    for person in (director, officer, inspector, director):
        client.force_login(person)
        response = client.get(pdf_url(evaluation))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        bodies.append(response.content)
    assert renders["n"] == 1
    assert len(set(bodies)) == 1 and bodies[0].startswith(b"%PDF")
    kept = StoredDocument.objects.get(kind=evaluation_documents.ISSUED_PDF, key=str(evaluation.pk))
    assert kept.sha256 == hashlib.sha256(bodies[0]).hexdigest()
    assert response["ETag"] == f'"{kept.sha256}"'
    # A browser that holds these bytes is told so, without them.
    again = client.get(pdf_url(evaluation), HTTP_IF_NONE_MATCH=f'"{kept.sha256}"')
    assert again.status_code == 304 and again.content == b""
    assert renders["n"] == 1


def test_a_kept_document_never_changes(people):
    kept = StoredDocument(kind="probe", key="1", content_type="text/plain", content=b"abc")
    kept.save()
    assert kept.sha256 == hashlib.sha256(b"abc").hexdigest() and kept.size == 3
    with pytest.raises(PermissionError):
        kept.save()
    with pytest.raises(PermissionError):
        StoredDocument.objects.filter(pk=kept.pk).update(content=b"changed")


def test_a_final_cabinet_report_is_served_as_kept_and_never_rendered_again(people, client, renders):
    council, officer, director, inspector, audit_return = people
    issued_like_seed(audit_return, inspector)
    report = draft_report(council, ReportKind.EVALUATION, director)
    report = mark_final(report, director, meeting_label(report.timetable.first()))
    assert renders["n"] == 1
    client.force_login(director)
    url = reverse("cabinet:pdf", args=[council.code, report.pk])
    first, second = client.get(url), client.get(url)
    assert renders["n"] == 1
    assert first.content == second.content == report.pdf_bytes
    assert first["ETag"] == f'"{hashlib.sha256(report.pdf_bytes).hexdigest()}"'


def test_a_pdf_that_takes_too_long_stops_with_a_clear_message_and_keeps_nothing(
    people, client, settings
):
    council, officer, director, inspector, audit_return = people
    evaluation = issued_like_seed(audit_return, inspector)
    settings.PDF_TIME_LIMIT_SECONDS = 0.001
    client.force_login(director)
    response = client.get(pdf_url(evaluation))
    assert response.status_code == 422
    assert "too long to print in time" in response.content.decode()
    assert not StoredDocument.objects.exists()


def test_marking_a_report_final_is_refused_when_its_pdf_takes_too_long(people, client, settings):
    council, officer, director, inspector, audit_return = people
    issued_like_seed(audit_return, inspector)
    report = draft_report(council, ReportKind.EVALUATION, director)
    settings.PDF_TIME_LIMIT_SECONDS = 0.001
    client.force_login(director)
    response = client.post(
        reverse("cabinet:final", args=[council.code, report.pk]),
        {"meeting": meeting_label(report.timetable.first())},
    )
    assert response.status_code == 422
    assert "too long to print in time" in response.content.decode()
    report = CabinetReport.objects.get(pk=report.pk)
    assert not report.is_final and report.pdf is None


def test_a_draft_evaluation_pdf_is_rendered_on_each_request(people, client, renders):
    """A draft can change at any time: it is never kept (the tests' task queue runs at once)."""
    council, officer, director, inspector, audit_return = people
    evaluation = fill_like_seed(start(audit_return, inspector), inspector)
    client.force_login(inspector)
    for _ in range(2):
        response = client.get(pdf_url(evaluation))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert renders["n"] == 2
    assert not StoredDocument.objects.exists()
