"""Reports to cabinet and the council's statement of roles and responsibilities.

Each view asks climbie_audit.access first; the rules live in reports.cabinet and reports.roles.
The council's director builds and changes reports; its officers read them; a draft report is
invisible outside the council; a final one never changes.
"""

from django.contrib import messages
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from climbie_audit import access
from climbie_audit.documents.prepared import prepared_download
from climbie_audit.documents.stored import download
from climbie_audit.form_fields import posted, with_revision
from climbie_audit.pdf import PdfTookTooLong
from evaluations.models import Inspection
from reports.cabinet import access as cabinet_access
from reports.cabinet import documents, rendering, word
from reports.cabinet.blocks import numbered_sections
from reports.cabinet.data import gather, latest_issued_evaluation
from reports.cabinet.drafting import (
    DraftingRefused,
    available_appendices,
    draft_report,
    redraft_body,
)
from reports.cabinet.final import mark_final, meeting_label
from reports.cabinet.forms import (
    AppendicesForm,
    DecisionForm,
    FinalForm,
    FrontMatterForm,
    ImplicationsForm,
    KindForm,
    SectionForm,
    front_matter_initial,
    implications_initial,
    yes_no,
)
from reports.cabinet.saving import ReportConflict, save_report, save_section
from reports.cabinet.words import dates_between, long_date
from reports.models import Appendix, ReportKind
from reports.paper_parts import rules as parts
from reports.paper_parts.contents import appendix_parts
from standards.models import AuditReturn, ImmutableRecordError


def _review_url(report, anchor: str = "") -> str:
    url = reverse("cabinet:report", args=[report.council.code, report.pk])
    return f"{url}#{anchor}" if anchor else url


def _final_refusal(request, report):
    messages.info(request, "This report is final and can no longer be changed.")
    return redirect(_review_url(report))


# --- The council's reports ------------------------------------------------------------------


def report_list(request, council_code):
    council, reports = cabinet_access.cabinet_reports_of(request.user, council_code)
    # The list shows no document, so the kept PDF and Word bytes stay in the database.
    reports = list(
        reports.select_related("finalised_by", "updated_by")
        .defer("pdf", "docx")
        .annotate(has_docx=ExpressionWrapper(Q(docx__isnull=False), output_field=BooleanField()))
        .order_by("-updated_at")
    )
    finals = sorted(
        (r for r in reports if r.is_final), key=lambda r: (r.finalised_at, r.pk), reverse=True
    )
    return render(
        request,
        "cabinet/list.html",
        {
            "council": council,
            "drafts": [r for r in reports if not r.is_final],
            "finals": finals,
            "can_build": cabinet_access.may_build_reports(request.user, council),
            "is_member": access.is_member_of(request.user, council),
        },
    )


def _kind_options(council) -> tuple[list[tuple[str, str, str]], dict[str, Inspection]]:
    evaluation = latest_issued_evaluation(council)
    audit_return = AuditReturn.objects.filter(self_audit__council=council).latest_submitted()
    options: list[tuple[str, str, str]] = [
        (
            ReportKind.EVALUATION,
            "The outcome of SSI's evaluation",
            (
                f"Drafted from SSI's evaluation of version {evaluation.audit_return.number} of the "
                f"self-audit, issued {long_date(evaluation.issued_at)}."
                if evaluation
                else "There is no issued SSI evaluation yet."
            ),
        ),
        (
            ReportKind.PROGRESS,
            "Progress on the action plan",
            (
                f"Drafted from version {audit_return.number} of the self-audit and the action "
                "plan, standard by standard."
                if audit_return
                else "There is no submitted self-audit yet."
            ),
        ),
    ]
    inspections = {
        f"inspection-{i.pk}": i
        for i in Inspection.objects.filter(council=council).order_by("-started_on")
    }
    for value, inspection in inspections.items():
        options.append(
            (
                value,
                f"The outcome of an inspection: {inspection.inspectorate} "
                f"{inspection.inspection_type}",
                f"Drafted from the inspection of "
                f"{dates_between(inspection.started_on, inspection.ended_on)}.",
            )
        )
    if not inspections:
        options.append(
            (
                ReportKind.INSPECTION,
                "The outcome of an inspection",
                "Record the inspection first.",
            )
        )
    return options, inspections


def new_report(request, council_code):
    council = access.council_for(request.user, council_code)
    cabinet_access.require_report_author(request.user, council)
    options, inspections = _kind_options(council)
    initial = {}
    if request.method == "GET" and request.GET.get("inspection"):
        initial["kind"] = f"inspection-{request.GET['inspection']}"
    form = KindForm(posted(request), options=options, initial=initial)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["kind"]
        inspection = inspections.get(choice)
        kind = ReportKind.INSPECTION if choice.startswith("inspection") else choice
        try:
            report = draft_report(
                council, kind, request.user, inspection=inspection, today=form.report_date
            )
        except DraftingRefused as refusal:
            message = refusal.message
            if kind == ReportKind.INSPECTION:
                message = "There is no inspection to report on yet: record the inspection first"
            form.add_error("kind", message)
        else:
            messages.success(
                request,
                "Your draft report has been written from the data. Check each part, change "
                "what you need, then download it.",
            )
            return redirect(_review_url(report))
    return render(
        request,
        "cabinet/new.html",
        {"council": council, "form": form, "error_links": form.error_links()},
        status=400 if form.errors else 200,
    )


def report_detail(request, council_code, pk):
    """The check-your-answers page: everything the paper will say, with a Change link each."""
    council, report = cabinet_access.readable_cabinet_report(request.user, council_code, pk)
    sections = list(report.sections.all())
    numbered = {s.section.pk: s for s in numbered_sections(report, sections)}
    timetable = list(report.timetable.all())
    return render(
        request,
        "cabinet/review.html",
        {
            "council": council,
            "report": report,
            "timetable": timetable,
            "sections": [(section, numbered.get(section.pk)) for section in sections],
            "appendices": appendix_parts(report),
            "can_edit": cabinet_access.may_change_report(request.user, council, report),
            "can_finalise": cabinet_access.may_change_report(request.user, council, report),
        },
    )


def front_matter(request, council_code, pk):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    timetable = list(report.timetable.all())
    form = FrontMatterForm(posted(request), initial=front_matter_initial(report, timetable))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_report(
                report,
                request.user,
                form.cleaned_data["revision"],
                form.values(),
                timetable=form.cleaned_data["timetable"],
            )
        except ReportConflict as clash:
            conflict = clash
            form = FrontMatterForm(with_revision(request, clash.current.revision))
            form.is_valid()
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, "The front of the report has been saved.")
            return redirect(_review_url(report, "front-matter"))
    return render(
        request,
        "cabinet/front_matter.html",
        {
            "council": council,
            "report": report,
            "form": form,
            "conflict": conflict,
            "conflict_what": "part of the report",
            "page_title": "The front of the report",
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def section(request, council_code, pk, key):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    section = report.sections.filter(key=key).first()
    if section is None:
        raise Http404("No such section")
    initial = {"heading": section.heading, "body": section.body, "revision": section.revision}
    conflict = None
    redrafted = False
    # A section of the council's own has no data to be written from.
    if request.method == "POST" and request.POST.get("action") == "redraft" and not section.own:
        # Written again from the data, shown for the director to check: nothing is saved yet.
        form = SectionForm(initial=initial | {"body": redraft_body(section)})
        redrafted = True
    else:
        form = SectionForm(posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                save_section(section, request.user, form.cleaned_data["revision"], form.values())
            except ReportConflict as clash:
                conflict = clash
                form = SectionForm(with_revision(request, clash.current.revision))
                form.is_valid()
            except ImmutableRecordError:
                return _final_refusal(request, report)
            else:
                messages.success(request, f"“{form.values()['heading']}” has been saved.")
                return redirect(_review_url(report, f"section-{section.key}"))
    return render(
        request,
        "cabinet/section.html",
        {
            "council": council,
            "report": report,
            "section": section,
            "form": form,
            "conflict": conflict,
            "conflict_what": "section",
            "page_title": section.heading,
            "redrafted": redrafted,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def _report_fields_page(
    request,
    council_code,
    pk,
    *,
    form_class,
    initial,
    values,
    template,
    saved,
    anchor,
    page_title,
    extra=None,
):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    extra = extra(report) if extra else {}
    form = form_class(posted(request), initial=initial(report), **extra)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_report(report, request.user, form.cleaned_data["revision"], values(form))
        except ReportConflict as clash:
            conflict = clash
            form = form_class(with_revision(request, clash.current.revision), **extra)
            form.is_valid()
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, saved)
            return redirect(_review_url(report, anchor))
    return render(
        request,
        template,
        {
            "council": council,
            "report": report,
            "form": form,
            "conflict": conflict,
            "conflict_what": "part of the report",
            "page_title": page_title,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def implications(request, council_code, pk):
    return _report_fields_page(
        request,
        council_code,
        pk,
        form_class=ImplicationsForm,
        initial=implications_initial,
        values=lambda form: {"other_implications": form.rows()},
        template="cabinet/implications.html",
        saved="The other implications have been saved.",
        anchor="implications",
        page_title="Other implications",
    )


def decision(request, council_code, pk):
    return _report_fields_page(
        request,
        council_code,
        pk,
        form_class=DecisionForm,
        initial=lambda report: {
            "key_decision": yes_no(report.key_decision),
            "decision_reason": "" if report.decision_reason == "N/A" else report.decision_reason,
            "forward_plan": report.forward_plan,
            "decision_maker": report.decision_maker,
            "revision": report.revision,
        },
        values=lambda form: form.values(),
        template="cabinet/decision.html",
        saved="The decision status has been saved.",
        anchor="decision",
        page_title="Decision status",
    )


def _appendix_options(report) -> dict:
    data = gather(
        report.council,
        evaluation=report.evaluation,
        audit_return=report.audit_return,
        inspection=report.inspection,
    )
    available = available_appendices(data)
    reasons: dict[str, str] = {
        Appendix.ROLES: "the council has no statement of roles and responsibilities yet",
        Appendix.EVALUATION: "the report was not drafted from an issued SSI evaluation",
        Appendix.SELF_AUDIT: "the report was not drafted from a submitted self-audit",
        Appendix.ACTION_PLAN: "the action plan has no actions",
    }
    return {
        "available": available,
        "unavailable_hints": {v: reasons[v] for v in Appendix.values if v not in available},
    }


def appendices(request, council_code, pk):
    """Which appendices drawn up from the data the paper has. Kept ones stay where the council
    put them (reports.paper_parts); the page shares the structure revision with those pages."""
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    options = _appendix_options(report)
    chosen = [key for key in report.appendix_list() if key in Appendix.values]
    form = AppendicesForm(
        posted(request),
        initial={"appendices": chosen, "revision": report.structure_revision},
        **options,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["appendices"]
        try:
            parts.choose_drafted_appendices(
                report, request.user, form.cleaned_data["revision"], wanted
            )
        except parts.StructureConflict as clash:
            conflict = clash
            form = AppendicesForm(
                with_revision(request, clash.current.structure_revision), **options
            )
            form.is_valid()
        except ImmutableRecordError:
            return _final_refusal(request, report)
        else:
            messages.success(request, "The appendices have been saved.")
            return redirect(_review_url(report, "appendices"))
    return render(
        request,
        "cabinet/appendices.html",
        {
            "council": council,
            "report": report,
            "form": form,
            "conflict": conflict,
            "conflict_what": "list of appendices",
            "page_title": "Appendices",
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def report_pdf(request, council_code, pk):
    council, report = cabinet_access.readable_cabinet_report(request.user, council_code, pk)
    filename = rendering.pdf_filename(report)
    if report.is_final:
        # Rendered once when it was marked final; served as kept, never rendered again.
        return download(
            request,
            content=report.pdf_bytes,
            sha256=report.pdf_sha256,
            content_type="application/pdf",
            filename=filename,
        )
    return prepared_download(
        request,
        request.user,
        kind=documents.DRAFT_PDF,
        key=report.pk,
        filename=filename,
        title="The draft cabinet report PDF",
        back_url=_review_url(report),
    )


def report_docx(request, council_code, pk):
    """The Word copy: a final report's kept bytes, a draft's written now from the PDF's context."""
    council, report = cabinet_access.readable_cabinet_report(request.user, council_code, pk)
    if report.is_final and report.docx is None:
        raise Http404("This report was marked final before Word copies were kept")
    content = word.report_docx_bytes(report)
    response = HttpResponse(content, content_type=word.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{word.docx_filename(report)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def finalise(request, council_code, pk):
    council, report = cabinet_access.editable_cabinet_report(request.user, council_code, pk)
    if report.is_final:
        return _final_refusal(request, report)
    meetings = [meeting_label(row) for row in report.timetable.all()]
    form = FinalForm(posted(request), meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            report = mark_final(report, request.user, form.cleaned_data["meeting"])
        except ImmutableRecordError:
            return _final_refusal(request, report)
        except PdfTookTooLong as error:
            # Nothing was marked final: the transaction that would have kept the PDF rolled back.
            return render(
                request,
                "documents/failed.html",
                {
                    "document": {"problem": error.message},
                    "title": "The final cabinet report PDF",
                    "back_url": _review_url(report),
                },
                status=422,
            )
        messages.success(
            request, f"The report is final for {report.final_for}. Its PDF is kept as it is now."
        )
        return redirect(_review_url(report))
    return render(
        request,
        "cabinet/final.html",
        {
            "council": council,
            "report": report,
            "form": form,
            "page_title": "Mark the report final",
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=400 if form.errors else 200,
    )
