"""Evidence documents through the pages a council's people and SSI use: upload, list, download,
remove while in draft; frozen with a submitted version; carried into a revision as links."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from standards.evidence import file_checks
from standards.evidence.rules import add_evidence
from standards.models import ImmutableRecordError
from standards.models_evidence import EvidenceFile, EvidenceLink
from standards.self_audit import rules as self_audit
from tests.standards.evidence import samples
from tests.standards.helpers import draft_for, fill


def url(name, number, *args, code="509"):
    return reverse(f"evidence:{name}", args=[code, number, *args])


def upload(client, number, criterion, name, data, content_type="application/pdf"):
    document = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(url("criterion", number, criterion), {"document": document})


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.fixture
def draft(council_a, framework, officer):
    return draft_for(council_a, framework, officer)


@pytest.fixture
def officer_client(client_for, officer, draft):
    return client_for(officer)


def test_an_officer_uploads_lists_downloads_and_removes_a_document(
    officer_client, officer, draft, django_capture_on_commit_callbacks
):
    response = upload(
        officer_client, 1, "2.10", "Child protection procedures.pdf", samples.PDF_BYTES
    )
    assert response.status_code == 302
    link = EvidenceLink.objects.get()
    stored = link.file
    assert (link.audit_return, link.criterion.code) == (draft, "2.10")
    assert stored.uploaded_by == officer and stored.uploaded_at is not None
    assert stored.sha256 == hashlib.sha256(samples.PDF_BYTES).hexdigest()
    assert stored.size == len(samples.PDF_BYTES) and stored.content_type == "application/pdf"
    # The storage key is the service's own, never the person's file name.
    assert stored.file.name.startswith("evidence/509/") and "Child" not in stored.file.name

    page = officer_client.get(url("criterion", 1, "2.10")).content.decode()
    assert "Child protection procedures.pdf" in page and stored.sha256 in page
    standard = officer_client.get(reverse("self_audit:standard", args=["509", 2])).content.decode()
    assert "Evidence documents for 2.10 (1)" in standard

    download = officer_client.get(url("download", 1, link.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == samples.PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="Child protection procedures.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"

    assert officer_client.get(url("remove", 1, link.pk)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the bytes go once the row has gone
        assert officer_client.post(url("remove", 1, link.pk)).status_code == 302
    assert not EvidenceLink.objects.exists() and not EvidenceFile.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("policy.pdf", samples.HTML_AS_PDF, "The selected file must be a PDF, Word document"),
        ("setup.pdf", samples.EXECUTABLE, "The selected file must be a PDF, Word document"),
        ("minutes.docx", samples.macro_docx_bytes(), "The selected file contains macros"),
        ("..%2F..%2Fsettings.pdf", samples.PDF_BYTES, "must not contain folder names"),
        ("policy.pdf:Zone.Identifier", samples.PDF_BYTES, "must not contain folder names"),
        (
            "big.pdf",
            samples.PDF_BYTES + b"0" * file_checks.MAX_EVIDENCE_BYTES,
            "smaller than 20 MB",
        ),
    ],
)
def test_hostile_uploads_are_refused_with_a_govuk_error_and_nothing_stored(
    officer_client, draft, name, data, message
):
    response = upload(officer_client, 1, "2.10", name, data, content_type="application/pdf")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#document"' in page
    assert message in page and "govuk-form-group--error" in page
    assert not EvidenceFile.objects.exists() and not EvidenceLink.objects.exists()
    assert stored_files() == []


def test_no_file_chosen_is_a_govuk_error(officer_client, draft):
    response = officer_client.post(url("criterion", 1, "2.10"), {})
    assert response.status_code == 400 and "Select a file to upload" in response.content.decode()


def test_a_path_in_the_name_never_reaches_the_storage(officer_client, draft):
    # Django keeps only the last part of a name a browser sends; the storage key ignores it too.
    upload(officer_client, 1, "2.10", "../../../../tmp/evil.png", samples.image_bytes())
    stored = EvidenceFile.objects.get()
    assert stored.name == "evil.png"
    assert stored_files() == [Path(settings.MEDIA_ROOT) / stored.file.name]


def test_submitted_evidence_is_frozen_and_readable_by_the_assigned_inspector(
    client_for, council_a, framework, officer, director, inspector, draft
):
    link = add_evidence(
        draft, _criterion(draft, "2.10"), _checked("policy.pdf", samples.PDF_BYTES), officer
    )
    fill(draft, officer)
    self_audit.submit(draft, director)

    officer_client = client_for(officer)
    assert officer_client.post(url("remove", 1, link.pk)).status_code == 403
    refused = upload(officer_client, 1, "2.10", "more.pdf", samples.PDF_BYTES)
    assert refused.status_code == 403
    assert EvidenceLink.objects.count() == 1
    with pytest.raises(ImmutableRecordError):
        link.delete()
    with pytest.raises(ImmutableRecordError):
        EvidenceLink.objects.filter(pk=link.pk).delete()

    inspector_client = Client()
    inspector_client.force_login(inspector)
    listing = inspector_client.get(url("version", 1)).content.decode()
    assert "policy.pdf" in listing and "Remove" not in listing
    download = inspector_client.get(url("download", 1, link.pk))
    assert b"".join(download.streaming_content) == samples.PDF_BYTES


def test_a_revision_starts_with_links_to_the_same_files_not_copies(
    client_for, council_a, framework, officer, director, draft
):
    first = add_evidence(
        draft, _criterion(draft, "5.1"), _checked("plan.pdf", samples.PDF_BYTES), officer
    )
    fill(draft, officer)
    submitted = self_audit.submit(draft, director)
    revision = self_audit.start_revision(submitted.self_audit, director)
    copied = revision.evidence_links.get()
    assert copied.file_id == first.file_id and copied.criterion_id == first.criterion_id
    assert EvidenceFile.objects.count() == 1 and len(stored_files()) == 1

    # Removing it from the revision leaves version 1's evidence and its bytes alone.
    client = client_for(officer)
    assert client.post(url("remove", 2, copied.pk)).status_code == 302
    assert list(EvidenceLink.objects.all()) == [first]
    assert len(stored_files()) == 1


def test_other_councils_unassigned_inspectors_and_administrators_get_404(
    client_for, council_a, framework, officer, director, officer_b, inspector_unassigned,
    administrator, draft,
):  # fmt: skip
    link = add_evidence(
        draft, _criterion(draft, "1.1"), _checked("policy.pdf", samples.PDF_BYTES), officer
    )
    fill(draft, officer)
    self_audit.submit(draft, director)
    for person in (officer_b, inspector_unassigned, administrator):
        client = client_for(person)
        for path in (
            url("version", 1),
            url("criterion", 1, "1.1"),
            url("download", 1, link.pk),
            url("remove", 1, link.pk),
        ):
            assert client.get(path).status_code == 404, (person, path)
            # The pages that only show something answer any POST with 405, before looking.
            reading_only = path in (url("version", 1), url("download", 1, link.pk))
            expected = 405 if reading_only else 404
            assert client.post(path).status_code == expected, (person, path)


def _criterion(audit_return, code):
    return audit_return.answers.select_related("criterion").get(criterion__code=code).criterion


def _checked(name, data):
    import io

    return file_checks.check_evidence(name, io.BytesIO(data), len(data))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE standards_evidencelink SET criterion_id = criterion_id + 1 WHERE audit_return_id = %s",
        "UPDATE standards_evidencefile SET sha256 = 'forged' WHERE id IN "
        "(SELECT file_id FROM standards_evidencelink WHERE audit_return_id = %s)",
    ],
)
def test_raw_sql_cannot_change_a_submitted_versions_evidence(
    council_a, framework, officer, director, draft, sql
):
    from django.db import DatabaseError, connection, transaction

    add_evidence(draft, _criterion(draft, "1.1"), _checked("a.pdf", samples.PDF_BYTES), officer)
    fill(draft, officer)
    self_audit.submit(draft, director)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [draft.pk])
    assert EvidenceFile.objects.get().sha256 == hashlib.sha256(samples.PDF_BYTES).hexdigest()
