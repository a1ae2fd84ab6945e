"""Evidence pages: a criterion's documents (list and upload), download, remove, and a version's
documents for whoever reads the return. Each view asks standards.evidence.access first."""

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from standards.evidence import access, file_checks
from standards.evidence import rules as evidence
from standards.models import ImmutableRecordError

UPLOAD_FIELD = "document"


class EvidenceSizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes the limit, so a huge file is never kept."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > file_checks.MAX_EVIDENCE_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the CSRF check runs in _receive_upload, after the size limit is installed
def criterion_evidence(request, council_code, number, code):
    council, audit_return, criterion = access.evidence_criterion(
        request.user, council_code, number, code
    )
    if request.method == "POST":
        access.require_may_change_evidence(request.user, council, audit_return)
        request.upload_handlers.insert(0, EvidenceSizeLimit(request))
        return _receive_upload(request, council, audit_return, criterion)
    return _render(request, council, audit_return, criterion)


@csrf_protect
def _receive_upload(request, council, audit_return, criterion):
    uploaded = request.FILES.get(UPLOAD_FIELD)
    if getattr(request, "upload_too_large", False):
        problem = file_checks.TOO_BIG
    elif uploaded is None:
        problem = "Select a file to upload"
    else:
        try:
            checked = file_checks.check_evidence(uploaded.name, uploaded, uploaded.size)
            evidence.add_evidence(audit_return, criterion, checked, request.user)
        except file_checks.RefusedUpload as refusal:
            problem = str(refusal)
        except ImmutableRecordError:
            messages.error(request, "This version was submitted while you were uploading.")
            return redirect("evidence:criterion", council.code, audit_return.number, criterion.code)
        else:
            messages.success(request, f"{checked.name} has been added to {criterion.code}")
            return redirect("evidence:criterion", council.code, audit_return.number, criterion.code)
    return _render(request, council, audit_return, criterion, problem=problem, status=400)


def _render(request, council, audit_return, criterion, problem="", status=200):
    return render(
        request,
        "evidence/criterion.html",
        {
            "council": council,
            "audit_return": audit_return,
            "criterion": criterion,
            "links": evidence.links_for(audit_return, criterion),
            "may_change": access.may_change_evidence(request.user, council, audit_return),
            "problem": problem,
            "error_links": [(UPLOAD_FIELD, problem)] if problem else [],
            "max_megabytes": file_checks.MAX_EVIDENCE_BYTES // (1024 * 1024),
        },
        status=status,
    )


@require_safe
def download(request, council_code, number, pk):
    council, audit_return, link = access.evidence_link(request.user, council_code, number, pk)
    return file_response(link.file)


def file_response(stored) -> FileResponse:
    """The stored bytes as a download, never shown inline: a document cannot run in the
    service's pages, whatever it holds."""
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    # With a filename the header is never None (its return type allows None for none).
    response["Content-Disposition"] = content_disposition_header(True, stored.name)  # type: ignore[assignment]
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def remove(request, council_code, number, pk):
    council, audit_return, link = access.evidence_link(request.user, council_code, number, pk)
    access.require_may_change_evidence(request.user, council, audit_return)
    if request.method == "POST":
        try:
            evidence.remove_evidence(link)
        except ImmutableRecordError:
            messages.error(request, "This version was submitted. Its evidence cannot be removed.")
        else:
            messages.success(
                request, f"{link.file.name} has been removed from {link.criterion.code}"
            )
        return redirect(
            "evidence:criterion", council.code, audit_return.number, link.criterion.code
        )
    return render(
        request,
        "evidence/remove.html",
        {"council": council, "audit_return": audit_return, "link": link},
    )


@require_safe
def version_evidence(request, council_code, number):
    council, audit_return = access.evidence_return(request.user, council_code, number)
    return render(
        request,
        "evidence/version.html",
        {
            "council": council,
            "audit_return": audit_return,
            "links": evidence.links_for(audit_return),
        },
    )
