"""SSI evaluation pages. Each view asks climbie_audit.access first; rules live in
evaluations.judgements and evaluations.workflow."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from climbie_audit.documents.prepared import prepared_download
from climbie_audit.documents.stored import stored_download
from climbie_audit.form_fields import posted
from climbie_audit.pdf import PdfTookTooLong
from climbie_audit.word import DOCX
from evaluations.challenge import access as challenge_access
from evaluations.challenge import rules as challenge_rules
from evaluations.evaluation import access as evaluation_access
from evaluations.evaluation import documents, workflow
from evaluations.evaluation import workspace as workspace_rules
from evaluations.evaluation.documents import (
    evaluation_docx_bytes,
    evaluation_filename,
)
from evaluations.evaluation.forms import (
    FindingForm,
    HeaderForm,
    OverallForm,
    RemoveFindingForm,
    ResponseForm,
    StandardJudgementForm,
    StartForm,
    WorkspaceFilterForm,
    finding_initial,
    overall_initial,
)
from evaluations.evaluation.judgements import issue_problems
from standards.models import ImmutableRecordError
from standards.self_audit import access as self_audit_access
from standards.self_audit import scoring

# --- The inspector's workspace ---------------------------------------------------------------


def workspace(request):
    evaluation_access.workspace_councils(request.user)
    form = WorkspaceFilterForm(request.GET or None, regions=workspace_rules.regions())
    region, status = form.filters()
    assigned, others = workspace_rules.workspace(request.user, region=region, status=status)
    return render(
        request,
        "evaluation/workspace.html",
        {
            "filter_form": form,
            "assigned": assigned,
            "others": others,
            "filtered": bool(region or status),
            "open_queries": challenge_rules.open_queries_of_inspector(request.user),
        },
    )


# --- A council's evaluations -------------------------------------------------------------------


def council_evaluations(request, council_code):
    council, audit = self_audit_access.self_audit_of(request.user, council_code)
    evaluations = list(
        evaluation_access.visible_evaluations(request.user, council)
        .select_related("audit_return", "inspector", "council_response")
        .order_by("-audit_return__number", "-phase")
    )
    latest = audit.returns.latest_submitted()
    draft = next((e for e in evaluations if not e.is_issued), None)
    return render(
        request,
        "evaluation/council_evaluations.html",
        {
            "council": council,
            "audit": audit,
            "latest": latest,
            "evaluations": evaluations,
            "can_evaluate": evaluation_access.may_start_evaluation(
                request.user, council, latest is not None
            ),
            "draft": draft,
        },
    )


def start(request, council_code):
    council, audit = evaluation_access.evaluable_council(request.user, council_code)
    draft = workflow.draft_evaluation(audit)
    if draft is not None:
        return redirect("evaluation:edit", council.code, draft.pk)
    latest = audit.returns.latest_submitted()
    if latest is None:
        raise Http404("No submitted return to evaluate")
    previous = workflow.latest_issued(audit)
    phases = workflow.available_phases(latest, previous)
    if not phases:
        messages.info(request, f"Version {latest.number} has been evaluated in every phase.")
        return redirect("evaluation:council", council.code)
    initial = {"phase": phases[0]} if previous is None else {}
    form = StartForm(posted(request), phases=phases, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = workflow.start_evaluation(latest, request.user, form.cleaned_data["phase"])
        except workflow.EvaluationRefused as refusal:
            for _, message in refusal.problems:
                form.add_error("phase", message)
        else:
            return redirect("evaluation:edit", council.code, evaluation.pk)
    summary = scoring.summarise(latest.answers.with_criteria())
    return render(
        request,
        "evaluation/start.html",
        {
            "council": council,
            "audit_return": latest,
            "previous": previous,
            "form": form,
            "error_links": form.error_links(),
            "summary": summary,
        },
        status=400 if form.errors else 200,
    )


# --- Reading an evaluation ------------------------------------------------------------------


def _judgements(evaluation):
    return list(evaluation.judgements.select_related("standard").order_by("standard__number"))


def detail(request, council_code, pk):
    council, evaluation = evaluation_access.readable_evaluation(request.user, council_code, pk)
    user = request.user
    response = getattr(evaluation, "council_response", None)
    return render(
        request,
        "evaluation/detail.html",
        {
            "council": council,
            "evaluation": evaluation,
            "judgements": _judgements(evaluation),
            "findings": list(evaluation.findings.all()),
            "response": response,
            "can_edit": evaluation_access.may_edit_evaluation(user, council, evaluation),
            "can_respond": evaluation_access.may_respond_to(user, council, evaluation, response),
            "queries": evaluation_queries(user, council, evaluation),
            "can_raise_query": evaluation_access.may_edit_evaluation(user, council, evaluation),
        },
    )


def evaluation_queries(user, council, evaluation) -> list:
    """The evaluation's SSI queries, for the council's people and assigned inspectors only."""
    return list(
        challenge_access.council_queries(user, council)
        .filter(evaluation=evaluation)
        .in_framework_order()
    )


def pdf(request, council_code, pk):
    council, evaluation = evaluation_access.readable_evaluation(request.user, council_code, pk)
    filename = documents.pdf_filename(evaluation)
    if request.GET.get("annex") == "queries":
        return _pdf_with_queries(request, council, evaluation, filename)
    if evaluation.is_issued:
        try:
            kept = documents.issued_pdf(evaluation)
        except PdfTookTooLong as error:
            return _pdf_refused(request, council, evaluation, error)
        return stored_download(request, kept, filename, disposition="inline")
    return prepared_download(
        request,
        request.user,
        kind=documents.DRAFT_PDF,
        key=evaluation.pk,
        filename=filename,
        title="The draft evaluation PDF",
        back_url=reverse("evaluation:detail", args=[council.code, evaluation.pk]),
        disposition="inline",
    )


def _pdf_with_queries(request, council, evaluation, filename):
    """The evaluation with SSI's queries and the council's answers as an annex. It is drawn for
    the person asking (the queries they may read) and the threads go on, so it is never kept."""
    queries = evaluation_queries(request.user, council, evaluation)
    try:
        content = documents.evaluation_pdf_bytes(
            evaluation, annex=challenge_rules.queries_with_threads(queries)
        )
    except PdfTookTooLong as error:
        return _pdf_refused(request, council, evaluation, error)
    response = HttpResponse(content, content_type="application/pdf")
    annexed = filename.removesuffix(".pdf") + "-with-queries.pdf"
    response["Content-Disposition"] = f'inline; filename="{annexed}"'
    response["Cache-Control"] = "private, no-store"
    return response


def docx(request, council_code, pk):
    """The evaluation as a Word file, written from the same context as its PDF."""
    council, evaluation = evaluation_access.readable_evaluation(request.user, council_code, pk)
    response = HttpResponse(evaluation_docx_bytes(evaluation), content_type=DOCX)
    filename = evaluation_filename(evaluation, "docx")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_refused(request, council, evaluation, error):
    return render(
        request,
        "documents/failed.html",
        {
            "document": {"problem": error.message},
            "title": "The evaluation PDF",
            "back_url": reverse("evaluation:detail", args=[council.code, evaluation.pk]),
        },
        status=422,
    )


# --- Writing an evaluation ----------------------------------------------------------------------


def _editable_draft(request, council_code, pk):
    """The draft the assigned inspector may edit, or a redirect once it has been issued."""
    council, evaluation = evaluation_access.editable_evaluation(request.user, council_code, pk)
    if evaluation.is_issued:
        messages.info(request, "This evaluation has been issued and can no longer be changed.")
        return council, evaluation, redirect("evaluation:detail", council.code, evaluation.pk)
    return council, evaluation, None


class EditPage:
    """The forms of the evaluation page: header, one per standard, overall."""

    def __init__(self, evaluation, judgements, data=None):
        self.header = HeaderForm(
            data,
            initial={"completed_on": evaluation.completed_on, "revision": evaluation.revision},
        )
        self.standards = [
            StandardJudgementForm(
                data, standard=j.standard, initial={"judgement": j.judgement, "text": j.text}
            )
            for j in judgements
        ]
        self.overall = OverallForm(data, initial=overall_initial(evaluation))

    @property
    def forms(self):
        return [self.header, *self.standards, self.overall]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def judgement_values(self) -> dict[int, dict]:
        return {form.standard.number: form.values() for form in self.standards}

    def values(self) -> dict:
        return {"completed_on": self.header.cleaned_data.get("completed_on")} | (
            self.overall.values()
        )

    def add_issue_problems(self) -> bool:
        """Apply the rule for issuing to what was entered; True if anything is missing."""
        values = self.values()
        problems = issue_problems(
            {n: v["judgement"] for n, v in self.judgement_values().items()},
            values["overall_serving"],
            values["overall_capacity"],
            values["follow_up_visit"],
        )
        by_prefix = {form.prefix: form for form in self.standards}
        for key, message in problems:
            prefix, _, name = key.rpartition("-")
            form = by_prefix[prefix] if prefix else self.overall
            if name not in form.errors:
                form.add_error(name, message)
        return bool(problems)

    def error_links(self):
        return [link for form in self.forms for link in form.error_links()]


def edit(request, council_code, pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    judgements = _judgements(evaluation)
    conflict = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        page = EditPage(evaluation, judgements, request.POST)
        valid = page.is_valid()
        if valid and action == "check" and page.add_issue_problems():
            valid = False
        if valid:
            try:
                workflow.save_evaluation(
                    evaluation,
                    request.user,
                    page.header.cleaned_data["revision"],
                    page.values(),
                    page.judgement_values(),
                )
            except workflow.EvaluationConflict as clash:
                conflict = clash
                data = request.POST.copy()
                # Their version is now the one this user has seen: saving again replaces it.
                data["revision"] = str(clash.current.revision)
                page = EditPage(evaluation, judgements, data)
                page.is_valid()
                status = 409
            except ImmutableRecordError:
                messages.error(
                    request,
                    "This evaluation was issued while you were editing. Your changes were not saved.",
                )
                return redirect("evaluation:detail", council.code, evaluation.pk)
            else:
                return _after_save(request, council, evaluation, action)
        else:
            status = 400
    else:
        page = EditPage(evaluation, judgements)
    return _render_edit(request, council, evaluation, page, conflict, status)


def _after_save(request, council, evaluation, action):
    if action == "check":
        return redirect("evaluation:check", council.code, evaluation.pk)
    if action == "add-finding":
        return redirect("evaluation:add_finding", council.code, evaluation.pk)
    for verb, name in (("change", "change_finding"), ("remove", "remove_finding")):
        prefix = f"{verb}-finding-"
        if action.startswith(prefix):
            finding = get_object_or_404(
                evaluation.findings, pk=_int(action.removeprefix(prefix)) or 0
            )
            return redirect(f"evaluation:{name}", council.code, evaluation.pk, finding.pk)
    messages.success(request, "Your draft evaluation has been saved.")
    return redirect("evaluation:edit", council.code, evaluation.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _render_edit(request, council, evaluation, page, conflict, status):
    audit_return = evaluation.audit_return
    answers = list(audit_return.answers.with_criteria().in_framework_order())
    for answer in answers:
        answer.not_on_target = scoring.is_not_on_target(answer)
    figures = {f.standard.number: f for f in scoring.figures_by_standard(answers)}
    sections = [(form, figures.get(form.standard.number)) for form in page.standards]
    error_links = page.error_links()
    return render(
        request,
        "evaluation/edit.html",
        {
            "council": council,
            "evaluation": evaluation,
            "audit_return": audit_return,
            "page": page,
            "sections": sections,
            "findings": list(evaluation.findings.all()),
            "error_links": error_links,
            "has_errors": bool(error_links),
            "conflict": conflict,
        },
        status=status,
    )


def check(request, council_code, pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    return _render_check(request, council, evaluation)


def _render_check(request, council, evaluation, problems=(), status=200):
    edit_url = reverse("evaluation:edit", args=[council.code, evaluation.pk])
    error_links = []
    for key, message in problems:
        prefix, _, name = key.rpartition("-")
        anchor = f"id_{prefix}-{name}_1" if prefix else f"id_{name}_1"
        error_links.append((f"{edit_url}#{anchor}", message))
    return render(
        request,
        "evaluation/check.html",
        {
            "council": council,
            "evaluation": evaluation,
            "judgements": _judgements(evaluation),
            "findings": list(evaluation.findings.all()),
            "error_links": error_links,
            "has_errors": bool(error_links),
            "edit_url": edit_url,
        },
        status=status,
    )


@require_POST
def issue(request, council_code, pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    try:
        workflow.issue(evaluation, request.user)
    except workflow.EvaluationRefused as refusal:
        return _render_check(request, council, evaluation, refusal.problems, status=400)
    except ImmutableRecordError:
        messages.info(request, "This evaluation had already been issued.")
    else:
        messages.success(request, f"The evaluation has been issued to {council.name}.")
    return redirect("evaluation:detail", council.code, evaluation.pk)


# --- Findings ----------------------------------------------------------------------------------


def add_finding(request, council_code, pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    form = FindingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_finding(evaluation, form.values())
        except ImmutableRecordError:
            messages.error(request, "This evaluation has been issued. The finding was not added.")
            return redirect("evaluation:detail", council.code, evaluation.pk)
        messages.success(request, "The finding has been added.")
        return redirect(_findings_url(council, evaluation))
    return _render_finding(request, council, evaluation, form, None)


def _findings_url(council, evaluation) -> str:
    return reverse("evaluation:edit", args=[council.code, evaluation.pk]) + "#findings"


def _finding_number(evaluation, finding) -> int:
    return list(evaluation.findings.values_list("pk", flat=True)).index(finding.pk) + 1


def _render_finding(request, council, evaluation, form, finding, conflict=None, status=None):
    error_links = form.error_links()
    return render(
        request,
        "evaluation/finding_form.html",
        {
            "council": council,
            "evaluation": evaluation,
            "form": form,
            "finding": finding,
            "number": _finding_number(evaluation, finding) if finding else None,
            "error_links": error_links,
            "conflict": conflict,
        },
        status=status or (400 if error_links else 200),
    )


def change_finding(request, council_code, pk, finding_pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    finding = get_object_or_404(evaluation.findings, pk=finding_pk)
    form = FindingForm(posted(request), initial=finding_initial(finding))
    if request.method == "POST" and form.is_valid():
        try:
            workflow.change_finding(finding, form.cleaned_data["revision"] or 0, form.values())
        except workflow.EvaluationConflict as clash:
            data = request.POST.copy()
            data["revision"] = str(clash.current.revision)
            form = FindingForm(data)
            form.is_valid()
            return _render_finding(request, council, evaluation, form, finding, clash, 409)
        except ImmutableRecordError:
            messages.error(request, "This evaluation has been issued. The finding was not changed.")
            return redirect("evaluation:detail", council.code, evaluation.pk)
        messages.success(request, "The finding has been changed.")
        return redirect(_findings_url(council, evaluation))
    return _render_finding(request, council, evaluation, form, finding)


def remove_finding(request, council_code, pk, finding_pk):
    council, evaluation, gone = _editable_draft(request, council_code, pk)
    if gone:
        return gone
    finding = get_object_or_404(evaluation.findings, pk=finding_pk)
    number = _finding_number(evaluation, finding)
    form = RemoveFindingForm(posted(request), number=number, initial={"revision": finding.revision})
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["confirm"]:
            return redirect(_findings_url(council, evaluation))
        try:
            workflow.remove_finding(finding, form.cleaned_data["revision"])
        except workflow.EvaluationConflict:
            messages.error(
                request,
                f"Someone changed finding {number} after you opened it, so it was not removed. "
                "Check it and remove it again if you still want to.",
            )
        except ImmutableRecordError:
            messages.error(request, "This evaluation has been issued. The finding was not removed.")
            return redirect("evaluation:detail", council.code, evaluation.pk)
        else:
            messages.success(request, f"Finding {number} has been removed.")
        return redirect(_findings_url(council, evaluation))
    error_links = form.error_links()
    return render(
        request,
        "evaluation/finding_remove.html",
        {
            "council": council,
            "evaluation": evaluation,
            "finding": finding,
            "number": number,
            "form": form,
            "error_links": error_links,
        },
        status=400 if error_links else 200,
    )


# --- The council's response ---------------------------------------------------------------------


def respond(request, council_code, pk):
    council, evaluation = evaluation_access.readable_evaluation(request.user, council_code, pk)
    evaluation_access.require_responder_to(request.user, council, evaluation)
    if getattr(evaluation, "council_response", None) is not None:
        messages.info(request, "The council's response has already been recorded.")
        return redirect("evaluation:detail", council.code, evaluation.pk)
    form = ResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            workflow.record_response(evaluation, request.user, form.cleaned_data["text"])
        except ImmutableRecordError:
            messages.info(request, "The council's response has already been recorded.")
        else:
            messages.success(request, "The council's response has been recorded and sent to SSI.")
        return redirect("evaluation:detail", council.code, evaluation.pk)
    error_links = form.error_links()
    return render(
        request,
        "evaluation/respond.html",
        {
            "council": council,
            "evaluation": evaluation,
            "form": form,
            "error_links": error_links,
        },
        status=400 if error_links else 200,
    )
