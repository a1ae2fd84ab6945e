"""The "Sections and appendices" pages of a draft cabinet report: move, leave out, put back and
delete sections, add one of the council's own, move and remove appendices, attach a PDF and
rename it. Each view asks reports.cabinet.access (the director, a draft) first; the rules are in
reports.paper_parts.rules."""

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from climbie_audit.documents.stored import download
from climbie_audit.form_fields import posted, with_revision
from reports.cabinet import access as cabinet_access
from reports.paper_parts import access, attached_pdf, rules
from reports.paper_parts.contents import AT_START, SectionPart, parts_of
from reports.paper_parts.forms import (
    AttachForm,
    AttachmentTitleForm,
    OwnSectionForm,
    PartsActionForm,
)
from standards.models import ImmutableRecordError


def _parts_url(report, anchor: str = "") -> str:
    url = reverse("paper_parts:parts", args=[report.council.code, report.pk])
    return f"{url}#{anchor}" if anchor else url


def _final_refusal(request, report):
    messages.info(request, "This report is final and can no longer be changed.")
    return redirect("cabinet:report", report.council.code, report.pk)


def parts(request, council_code, pk):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    if request.method != "POST":
        return _parts_page(request, report, confirm=request.GET.get("confirm", ""))
    form = PartsActionForm(request.POST)
    if not form.is_valid():
        return _parts_page(request, report, problem="Choose a change to make", status=400)
    what, key = form.cleaned_data["action"]
    if what == "delete" and request.POST.get("confirmed") != "yes" and _is_own(report, key):
        return _parts_page(request, report, confirm=f"{what}:{key}")
    try:
        done = _apply(request, report, form.cleaned_data["revision"], what, key)
    except rules.StructureConflict as clash:
        return _parts_page(request, clash.current, conflict=True, status=409)
    except rules.UnknownPart:
        return _parts_page(
            request, report, problem="That section or appendix is not in the report", status=400
        )
    except ImmutableRecordError:
        return _final_refusal(request, report)
    if done:
        messages.success(request, done)
    return redirect(_parts_url(report, "" if what in ("delete", "appendix_remove") else key))


def _is_own(report, key: str) -> bool:
    return report.sections.filter(key=key, own=True).exists()


def _apply(request, report, started_from: int, what: str, key: str) -> str:
    """Make the change; what to tell the person ("" if nothing changed)."""
    before = parts_of(report)
    name = before.name_of(key)
    user = request.user
    if what in (rules.UP, rules.DOWN):
        moved = rules.move_section(report, user, started_from, key, what)
        return f"“{name}” has been moved {what}." if moved else ""
    if what in ("leave_out", "put_back"):
        included = what == "put_back"
        changed = rules.set_section_included(report, user, started_from, key, included)
        verb = "put back in" if included else "left out of"
        return f"“{name}” has been {verb} the report." if changed else ""
    if what == "delete":
        rules.delete_own_section(report, user, started_from, key)
        return f"“{name}” has been deleted."
    if what == "appendix_remove":
        rules.remove_appendix(report, user, started_from, key)
        return f"“{name}” has been taken out of the appendices."
    direction = what.removeprefix("appendix_")
    moved = rules.move_appendix(report, user, started_from, key, direction)
    return f"“{name}” has been moved {direction}." if moved else ""


def _parts_page(request, report, *, confirm="", problem="", conflict=False, status=200):
    contents = parts_of(report)
    # Only a section of the council's own can be deleted, so only one is ever asked about.
    asked = contents.part(confirm.partition(":")[2]) if confirm else None
    confirming = asked if isinstance(asked, SectionPart) and asked.section.own else None
    return render(
        request,
        "paper_parts/parts.html",
        {
            "council": report.council,
            "report": report,
            "contents": contents,
            "confirming": confirming,
            "conflict": conflict,
            "error_links": [("parts", problem)] if problem else [],
            "has_errors": bool(problem),
            "page_title": "Sections and appendices",
        },
        status=status,
    )


def add_section(request, council_code, pk):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    contents = parts_of(report)
    places = contents.places()
    form = OwnSectionForm(
        posted(request),
        places=places,
        initial={"after": contents.default_place(), "revision": report.structure_revision},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            section = rules.add_own_section(
                report,
                request.user,
                data["revision"],
                heading=data["heading"],
                body=data["body"],
                after=None if data["after"] == AT_START else data["after"],
            )
        except rules.StructureConflict as clash:
            # Their text is kept in the form; the places and the revision are the current ones.
            conflict = True
            form = OwnSectionForm(
                with_revision(request, clash.current.structure_revision),
                places=parts_of(clash.current).places(),
            )
            form.is_valid()
        except rules.UnknownPart:
            form.add_error("after", "Select where the section should go")
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, f"“{section.heading}” has been added to the report.")
            return redirect(_parts_url(report, section.key))
    return _form_page(
        request, report, form, "paper_parts/own_section.html", "Add a section", conflict
    )


class AttachmentSizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes the limit, so a huge file is never kept."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > attached_pdf.MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the CSRF check runs in _attach, after the size limit is installed
def attach(request, council_code, pk):
    # Who may attach is settled before a byte of the upload is read.
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if request.method == "POST":
        request.upload_handlers.insert(0, AttachmentSizeLimit(request))
    return _attach(request, report)


@csrf_protect
def _attach(request, report):
    if report.is_final:
        return _final_refusal(request, report)
    bound = request.method == "POST"
    form = AttachForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial={"revision": report.structure_revision},
    )
    conflict = False
    if getattr(request, "upload_too_large", False):
        form.is_valid()
        form.errors.pop("document", None)
        form.add_error("document", attached_pdf.TOO_BIG)
    elif bound and form.is_valid():
        data = form.cleaned_data
        try:
            attachment = rules.attach_pdf(
                report,
                request.user,
                data["revision"],
                title=data["title"],
                checked=data["document"],
            )
        except rules.StructureConflict as clash:
            conflict = True
            # The title is kept; the file must be chosen again (a browser never re-sends one).
            form = AttachForm(with_revision(request, clash.current.structure_revision))
            form.is_valid()
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, f"“{attachment.title}” has been attached as an appendix.")
            return redirect(_parts_url(report, attachment.key))
    return _form_page(request, report, form, "paper_parts/attach.html", "Attach a PDF", conflict)


def attachment(request, council_code, pk, attachment_pk):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    attached = access.attachment_of(report, attachment_pk)
    form = AttachmentTitleForm(
        posted(request),
        initial={"title": attached.title, "revision": report.structure_revision},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"]
        try:
            rules.rename_attachment(
                report, request.user, form.cleaned_data["revision"], attached, title
            )
        except rules.StructureConflict as clash:
            conflict = True
            form = AttachmentTitleForm(with_revision(request, clash.current.structure_revision))
            form.is_valid()
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, f"The appendix is now called “{title}”.")
            return redirect(_parts_url(report, attached.key))
    return _form_page(
        request,
        report,
        form,
        "paper_parts/attachment.html",
        "Rename the appendix",
        conflict,
        attached=attached,
    )


def attachment_file(request, council_code, pk, attachment_pk):
    """The attached PDF as uploaded, for whoever may read the report."""
    council, report = cabinet_access.readable_cabinet_report(request.user, council_code, pk)
    attached = access.attachment_of(report, attachment_pk)
    # An attachment's bytes never change (a new file is a new attachment): its SHA-256 is its ETag.
    return download(
        request,
        content=attached.content_bytes,
        sha256=attached.sha256,
        content_type="application/pdf",
        filename=attached.file_name,
    )


def _form_page(request, report, form, template, page_title, conflict, **extra):
    return render(
        request,
        template,
        {
            "council": report.council,
            "report": report,
            "form": form,
            "conflict": conflict,
            "page_title": page_title,
            "error_links": form.error_links() if form.is_bound else [],
            **extra,
        },
        status=409 if conflict else 400 if form.errors else 200,
    )
