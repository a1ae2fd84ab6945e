"""Council self-audit pages. Each view asks climbie_audit.access first; rules live in
standards.self_audit and standards.scoring."""

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from climbie_audit import access
from climbie_audit.word import DOCX
from standards.evidence.access import may_read_evidence
from standards.evidence.rules import counts_by_criterion as evidence_counts_by_criterion
from standards.models import Criterion, ImmutableRecordError, Recommendation
from standards.review import rules as review_rules
from standards.self_audit import access as self_audit_access
from standards.self_audit import documents, scoring
from standards.self_audit import rules as self_audit
from standards.self_audit.forms import AnswerForm, ConflictChoiceForm, initial_for
from standards.self_audit.status import status_of


def overview(request, council_code):
    council, audit = self_audit_access.self_audit_of(request.user, council_code)
    if not access.is_member_of(request.user, council):
        latest = audit.returns.latest_submitted()
        if latest is None:
            raise Http404("No submitted return")
        return redirect("self_audit:version", council.code, latest.number)
    return render(
        request, "self_audit/overview.html", overview_context(request.user, council, audit)
    )


def overview_context(user, council, audit) -> dict:
    returns = list(audit.returns.prefetch_related("evaluations").order_by("number"))
    status = status_of(returns)
    working = status.draft or status.latest_submitted
    summary = scoring.summarise(working.answers.with_criteria()) if working else None
    reviews = review_rules.reviews_of(status.draft) if status.draft else {}
    who_does_what = [
        review_rules.standing_of(f.standard, reviews.get(f.standard.pk), f.rated)
        for f in (summary.standards if summary and status.draft else [])
    ]
    return {
        "who_does_what": who_does_what,
        "review_in_use": bool(reviews),
        "council": council,
        "audit": audit,
        "framework": audit.framework,
        "status": status,
        "summary": summary,
        "working": working,
        "can_revise": self_audit_access.may_start_revision(user, council, status),
    }


def _standard_forms(answers, data=None, strict=False):
    return [
        AnswerForm(data, criterion=a.criterion, strict=strict, initial=initial_for(a))
        for a in answers
    ]


@require_POST
def start(request, council_code):
    """The council's people start its return with a button: looking at the task list writes
    nothing."""
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    self_audit.start_self_audit(audit, request.user)
    return redirect("self_audit:overview", council.code)


def edit_standard(request, council_code, number):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    draft = self_audit.draft_of(audit)
    if draft is None and not audit.returns.exists():
        messages.info(request, "Start your self-audit to rate the criteria.")
        return redirect("self_audit:overview", council.code)
    if draft is None:
        messages.info(
            request, "Your return has been submitted. Start a revised return to make changes."
        )
        return redirect("self_audit:overview", council.code)
    standards = list(audit.framework.standards.order_by("number"))
    standard = next((s for s in standards if s.number == number), None)
    if standard is None:
        raise Http404("No such standard")
    answers = list(
        draft.answers.with_criteria().filter(criterion__standard=standard).in_framework_order()
    )
    # The guidance under each criterion lists its recommendations and their deadlines.
    prefetch_related_objects(
        [a.criterion for a in answers],
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("framework").order_by("number"),
        ),
    )
    conflicts, conflict_forms = [], {}
    if request.method == "POST":
        strict = request.POST.get("action") == "continue"
        forms = _standard_forms(answers, request.POST, strict)
        pending = set(request.POST.getlist("conflicts"))
        conflict_forms = {
            a.criterion_id: ConflictChoiceForm(request.POST, criterion=a.criterion)
            for a in answers
            if a.criterion.code in pending
        }
        if all(f.is_valid() for f in forms) and all(f.is_valid() for f in conflict_forms.values()):
            # Only the criteria the person changed: another officer's saves of the others stand.
            changes = {
                form.criterion.pk: (form.cleaned_data["revision"], form.answer_values())
                for form in forms
                if form.changed()
                and not (
                    form.criterion.pk in conflict_forms
                    and conflict_forms[form.criterion.pk].cleaned_data["keep"] == "theirs"
                )
            }
            try:
                self_audit.save_answers(draft, request.user, changes)
            except self_audit.EditConflict as clash:
                conflicts = clash.conflicts
                forms = _rebind_after_conflict(answers, request.POST, conflicts, strict)
                conflict_forms = {
                    c.answer.criterion_id: ConflictChoiceForm(criterion=c.answer.criterion)
                    for c in conflicts
                }
            except ImmutableRecordError:
                messages.error(
                    request,
                    "This version was submitted while you were editing. Your changes were not saved.",
                )
                return redirect("self_audit:overview", council.code)
            else:
                return _after_save(request, council, audit, standard, strict)
    else:
        forms = _standard_forms(answers)
    error_links = [link for form in forms for link in form.error_links()]
    error_links += [
        (f"id_{f['keep'].html_name}_1", message)
        for f in conflict_forms.values()
        for message in f.errors.get("keep", [])
    ]
    conflict_by_criterion = {c.answer.criterion_id: c for c in conflicts}
    evidence_counts = evidence_counts_by_criterion(draft)  # one query for the whole page
    for form in forms:
        form.conflict = conflict_by_criterion.get(form.criterion.pk)
        form.conflict_form = conflict_forms.get(form.criterion.pk)
        form.evidence_count = evidence_counts.get(form.criterion.pk, 0)
    return render(
        request,
        "self_audit/standard.html",
        {
            "council": council,
            "draft": draft,
            "standard": standard,
            "forms": forms,
            "error_links": error_links,
            "has_errors": bool(error_links),
            "conflicts": conflicts,
            "standard_count": len(standards),
        },
        status=409 if conflicts else 200,
    )


def _rebind_after_conflict(answers, data, conflicts, strict):
    """Keep what the user typed, but let their next save start from the current revision."""
    data = data.copy()
    for conflict in conflicts:
        prefix = AnswerForm(criterion=conflict.answer.criterion).prefix
        data[f"{prefix}-revision"] = str(conflict.answer.revision)
        # They have now been shown the other person's answer: that is what the page shows.
        data[f"{prefix}-rendered"] = initial_for(conflict.answer)["rendered"]
    forms = _standard_forms(answers, data, strict)
    for form in forms:
        form.is_valid()
    return forms


SAVE_AT = "save-at-"


def _after_save(request, council, audit, standard, strict):
    if not strict:
        messages.success(request, f"Your answers for standard {standard.number} have been saved.")
        # A criterion's own save button brings the person back to where they were.
        code = request.POST.get("action", "").removeprefix(SAVE_AT)
        criterion = standard.criteria.filter(code=code).first()
        if request.POST.get("action", "").startswith(SAVE_AT) and criterion is not None:
            url = reverse("self_audit:standard", args=[council.code, standard.number])
            return redirect(f"{url}#{criterion.anchor}")
        return redirect("self_audit:overview", council.code)
    following = (
        audit.framework.standards.filter(number__gt=standard.number).order_by("number").first()
    )
    if following:
        return redirect("self_audit:standard", council.code, following.number)
    return redirect("self_audit:check", council.code)


def check_answers(request, council_code):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    draft = self_audit.draft_of(audit)
    if draft is None:
        return redirect("self_audit:overview", council.code)
    return _render_check(request, council, audit, draft)


def _render_check(request, council, audit, draft, refused=False, status=200):
    summary = scoring.summarise(draft.answers.with_criteria())
    error_links = []
    not_approved = review_rules.submission_problems(draft)
    if refused:
        error_links = [
            (criterion_anchor(council, answer.criterion), message)
            for answer, message in summary.problems
        ]
        error_links += [
            (reverse("review:standard", args=[council.code, standard.number]), message)
            for standard, message in not_approved
        ]
    return render(
        request,
        "self_audit/check.html",
        {
            "council": council,
            "audit": audit,
            "draft": draft,
            "summary": summary,
            "error_links": error_links,
            "has_errors": bool(error_links),
            "can_submit": self_audit_access.may_submit(request.user, council),
            "not_approved": not_approved,
        },
        status=status,
    )


def criterion_anchor(council, criterion: Criterion) -> str:
    url = reverse("self_audit:standard", args=[council.code, criterion.standard.number])
    return f"{url}#{criterion.anchor}"


@require_POST
def submit_return(request, council_code):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    access.require_director_of(request.user, council)
    draft = self_audit.draft_of(audit)
    if draft is None:
        return redirect("self_audit:overview", council.code)
    try:
        submitted_return = self_audit.submit(draft, request.user)
    except self_audit.SubmissionRefused:
        return _render_check(request, council, audit, draft, refused=True, status=400)
    return redirect("self_audit:submitted", council.code, submitted_return.number)


def submitted(request, council_code, number):
    council, audit, audit_return = self_audit_access.readable_return(
        request.user, council_code, number
    )
    if not audit_return.is_submitted:
        raise Http404("Not submitted")
    inspectors = council.assigned_inspectors.order_by("last_name")
    return render(
        request,
        "self_audit/submitted.html",
        {"council": council, "audit_return": audit_return, "inspectors": inspectors},
    )


@require_POST
def start_revision(request, council_code):
    council, audit = self_audit_access.own_self_audit(request.user, council_code)
    access.require_director_of(request.user, council)
    try:
        revision = self_audit.start_revision(audit, request.user)
    except self_audit.SubmissionRefused:
        messages.error(request, "There is no submitted return to revise yet.")
        return redirect("self_audit:overview", council.code)
    messages.success(
        request,
        f"You have started version {revision.number}. It starts with the answers of version "
        f"{revision.number - 1}; change what has moved on, then submit it again.",
    )
    return redirect("self_audit:overview", council.code)


def versions(request, council_code):
    council, audit = self_audit_access.self_audit_of(request.user, council_code)
    returns = list(audit.returns.select_related("submitted_by").order_by("-number"))
    if not access.is_member_of(request.user, council):
        returns = [r for r in returns if r.is_submitted]
    return render(
        request,
        "self_audit/versions.html",
        {"council": council, "audit": audit, "returns": returns},
    )


def _submitted_return(user, council_code, number):
    """A submitted version, as anyone who may see it; a draft is never a document."""
    council, _, audit_return = self_audit_access.readable_return(user, council_code, number)
    if not audit_return.is_submitted:
        raise Http404("A draft is not a document")
    return audit_return


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def version_pdf(request, council_code, number):
    audit_return = _submitted_return(request.user, council_code, number)
    return _download(
        documents.return_pdf_bytes(audit_return),
        "application/pdf",
        documents.return_filename(audit_return, "pdf"),
    )


def version_docx(request, council_code, number):
    audit_return = _submitted_return(request.user, council_code, number)
    return _download(
        documents.return_docx_bytes(audit_return),
        DOCX,
        documents.return_filename(audit_return, "docx"),
    )


def version_detail(request, council_code, number):
    council, audit, audit_return = self_audit_access.readable_return(
        request.user, council_code, number
    )
    summary = scoring.summarise(audit_return.answers.with_criteria())
    return render(
        request,
        "self_audit/version.html",
        {
            "council": council,
            "audit": audit,
            "audit_return": audit_return,
            "summary": summary,
            "may_read_evidence": may_read_evidence(request.user, council, audit_return),
        },
    )


def compare_versions(request, council_code):
    council, audit = self_audit_access.self_audit_of(request.user, council_code)
    visible = list(audit.returns.order_by("number"))
    if not access.is_member_of(request.user, council):
        visible = [r for r in visible if r.is_submitted]
    if len(visible) < 2:
        raise Http404("Nothing to compare")
    by_number = {r.number: r for r in visible}
    newer = by_number.get(_int(request.GET.get("to")), visible[-1])
    older = by_number.get(_int(request.GET.get("from")), visible[-2])
    if older.number == newer.number:
        older = visible[-2] if newer is visible[-1] else visible[-1]
    older, newer = sorted((older, newer), key=lambda r: r.number)
    return render(
        request,
        "self_audit/compare.html",
        {
            "council": council,
            "returns": visible,
            "older": older,
            "newer": newer,
            "changes": self_audit.compare(older, newer),
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def criterion_history(request, council_code, code):
    council, audit = self_audit_access.self_audit_of(request.user, council_code)
    if not access.is_member_of(request.user, council) and not audit.returns.submitted().exists():
        raise Http404("No submitted return")
    criterion = get_object_or_404(
        Criterion.objects.select_related("standard"), standard__framework=audit.framework, code=code
    )
    entries = self_audit.history_of(audit, criterion)
    if not access.is_member_of(request.user, council):
        submitted_numbers = set(audit.returns.submitted().values_list("number", flat=True))
        entries = [e for e in entries if e.version in submitted_numbers]
    return render(
        request,
        "self_audit/history.html",
        {"council": council, "criterion": criterion, "entries": entries},
    )
