"""Spreadsheet pages: download a return or the template, upload into the draft, the national
workbook. Each view asks climbie_audit.access first; the work is done in standards.spreadsheet."""

import tempfile

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from standards.models import ImmutableRecordError
from standards.self_audit import access as self_audit_access
from standards.self_audit import rules as self_audit
from standards.spreadsheet import access as spreadsheet_access
from standards.spreadsheet import upload_safety
from standards.spreadsheet.cells import XLSX_CONTENT_TYPE
from standards.spreadsheet.export import export_filename, return_workbook, workbook_bytes
from standards.spreadsheet.importing import apply_import, pending_import, plan_import
from standards.spreadsheet.importing import preview as preview_of
from standards.spreadsheet.national import national_filename, write_national_workbook
from standards.spreadsheet.reading import WorkbookRejected, read_return

MAX_SHOWN_PROBLEMS = 50
UPLOAD_FIELD = "workbook"


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    # With a filename the header is never None (its return type allows None for none).
    response["Content-Disposition"] = content_disposition_header(True, filename)  # type: ignore[assignment]
    # Drafts are private to the council: keep them out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def download_template(request, council_code):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    workbook = return_workbook(audit)
    return _xlsx_response(workbook_bytes(workbook), export_filename(audit, None))


def download_version(request, council_code, number):
    council, audit, audit_return = self_audit_access.readable_return(
        request.user, council_code, number
    )
    workbook = return_workbook(audit, audit_return)
    return _xlsx_response(workbook_bytes(workbook), export_filename(audit, audit_return))


class UploadSizeLimit(FileUploadHandler):
    """Stops reading an upload as soon as it passes the limit, so a huge file is never stored."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > upload_safety.MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _session_key(council) -> str:
    return f"spreadsheet-import:{council.code}"


@csrf_exempt  # the CSRF check runs in _receive_upload, after the size limit is installed
def upload(request, council_code):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    draft = self_audit.draft_of(audit)
    if draft is None and audit.returns.exists():
        messages.info(
            request,
            "Your return has been submitted and cannot be changed. "
            "Start a revised return to upload a spreadsheet.",
        )
        return redirect("self_audit:overview", council.code)
    if request.method == "POST":
        # Must happen before anything reads request.POST or request.FILES.
        request.upload_handlers.insert(0, UploadSizeLimit(request))
        return _receive_upload(request, council, audit)
    return _render_upload(request, council, audit, draft)


@csrf_protect
def _receive_upload(request, council, audit):
    uploaded = request.FILES.get(UPLOAD_FIELD)
    if getattr(request, "upload_too_large", False):
        problems = [upload_safety.TOO_BIG]
    elif uploaded is None:
        problems = ["Select a spreadsheet to upload"]
    else:
        try:
            checked = upload_safety.check_upload(uploaded)
            incoming = read_return(checked.data, audit)
        except upload_safety.UnsafeUpload as refusal:
            problems = [str(refusal)]
        except WorkbookRejected as rejection:
            problems = [str(problem) for problem in rejection.problems]
        else:
            # Only a wholly valid file starts the council's first version.
            draft = self_audit.open_draft(audit, request.user)
            if draft is None:
                return redirect("spreadsheet:upload", council.code)
            plan = plan_import(draft, incoming)
            request.session[_session_key(council)] = pending_import(draft, plan, checked.name)
            return redirect("spreadsheet:upload-check", council.code)
    return _render_upload(
        request, council, audit, self_audit.draft_of(audit), problems=problems, status=400
    )


def _render_upload(request, council, audit, draft, problems=(), status=200):
    problems = list(problems)
    shown = problems[:MAX_SHOWN_PROBLEMS]
    if len(problems) > len(shown):
        more = len(problems) - len(shown)
        shown.append(f"There {'is' if more == 1 else 'are'} {more} more problem{'s' * (more != 1)}")
    return render(
        request,
        "spreadsheet/upload.html",
        {
            "council": council,
            "audit": audit,
            "draft": draft,
            "problems": problems,
            "error_links": [(UPLOAD_FIELD, message) for message in shown],
            "has_errors": bool(problems),
            "max_megabytes": upload_safety.MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=status,
    )


def upload_preview(request, council_code):
    """The preview of a checked upload; applying it needs a POST from this page."""
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    key = _session_key(council)
    pending = request.session.get(key)
    draft = self_audit.draft_of(audit)
    if not pending or draft is None or pending.get("draft") != draft.pk:
        request.session.pop(key, None)
        if draft is None and audit.returns.exists():
            messages.info(
                request,
                "Your return was submitted, so the spreadsheet was not applied. "
                "Start a revised return to upload it.",
            )
            return redirect("self_audit:overview", council.code)
        messages.info(request, "There is no checked spreadsheet waiting. Upload it again.")
        return redirect("spreadsheet:upload", council.code)

    if request.method == "POST":
        if request.POST.get("token") != pending["token"]:
            messages.info(
                request, "That preview was replaced by a later upload. Check this one instead."
            )
            return redirect("spreadsheet:upload-check", council.code)
        try:
            changed = apply_import(draft, request.user, pending)
        except self_audit.EditConflict as clash:
            request.session.pop(key, None)
            codes = ", ".join(sorted({c.answer.criterion.code for c in clash.conflicts}))
            return _render_upload(
                request,
                council,
                audit,
                draft,
                problems=[
                    f"Someone else changed {codes} after you uploaded the spreadsheet. Nothing "
                    "has been saved. Upload the spreadsheet again to compare it with the latest "
                    "answers"
                ],
                status=409,
            )
        except ImmutableRecordError:
            request.session.pop(key, None)
            messages.error(
                request,
                "This version was submitted before you confirmed. The spreadsheet was not applied.",
            )
            return redirect("self_audit:overview", council.code)
        request.session.pop(key, None)
        count = len(changed)
        messages.success(
            request,
            f"{count} {'criterion' if count == 1 else 'criteria'} updated from "
            f"{pending['filename']}.",
        )
        return redirect("self_audit:overview", council.code)

    preview = preview_of(draft, pending)
    return render(
        request,
        "spreadsheet/check.html",
        {
            "council": council,
            "draft": draft,
            "preview": preview,
            "pending": pending,
            "changed_since_codes": ", ".join(c.code for c in preview.changed_since),
        },
    )


def national_workbook(request):
    framework, returns = spreadsheet_access.national_returns(request.user)
    # Built in write-only mode into a temporary file, then streamed from it in chunks.
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    write_national_workbook(framework, returns, output)
    output.seek(0)
    response = FileResponse(
        output,
        as_attachment=True,
        filename=national_filename(framework),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
