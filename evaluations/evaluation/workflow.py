"""What inspectors and councils do with an evaluation: start, save, add findings, issue, respond.

Access is checked by the views (climbie_audit.access) before any of this runs; these functions
keep the rules that hold whoever calls them.
"""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from climbie_audit.concurrency import Difference, StaleEdit, save_if_unchanged
from climbie_audit.models import User
from climbie_audit.notifications.rules import Kind, notify
from evaluations.evaluation.judgements import issue_problems
from evaluations.models import (
    CouncilResponse,
    Evaluation,
    EvaluationQuerySet,
    Finding,
    StandardJudgement,
)
from standards.models import AuditReturn, ImmutableRecordError, SelfAudit

PHASE_ORDER = [phase for phase, _ in Evaluation.Phase.choices]


class EvaluationRefused(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


class EvaluationConflict(StaleEdit):
    """Someone saved the evaluation (or finding) after the person saving now had loaded it."""


# --- Which evaluation comes next -----------------------------------------------------------


def evaluations_of(audit: SelfAudit) -> EvaluationQuerySet:
    return Evaluation.objects.filter(audit_return__self_audit=audit)


def draft_evaluation(audit: SelfAudit) -> Evaluation | None:
    return evaluations_of(audit).drafts().select_related("audit_return").first()


def latest_issued(audit: SelfAudit) -> Evaluation | None:
    return evaluations_of(audit).issued().order_by("-issued_at", "-pk").first()


def available_phases(audit_return: AuditReturn, previous: Evaluation | None) -> list[str]:
    """Phases not yet used on this version and not earlier than the last issued evaluation."""
    used = set(audit_return.evaluations.values_list("phase", flat=True))
    earliest = PHASE_ORDER.index(previous.phase) if previous else 0
    return [p for p in PHASE_ORDER[earliest:] if p not in used]


@transaction.atomic
def start_evaluation(audit_return: AuditReturn, inspector: User, phase: str) -> Evaluation:
    """A new draft for the latest submitted version, prefilled from the last issued evaluation.

    One draft at a time per council: two inspectors pressing "Start" together get the same one.
    """
    audit = SelfAudit.objects.select_for_update().get(pk=audit_return.self_audit_id)
    existing = draft_evaluation(audit)
    if existing is not None:
        return existing
    latest = audit.returns.latest_submitted()
    if latest is None or latest.pk != audit_return.pk:
        raise EvaluationRefused([("phase", "Only the latest submitted version can be evaluated")])
    previous = latest_issued(audit)
    if phase not in available_phases(audit_return, previous):
        raise EvaluationRefused([("phase", "Select a phase for this evaluation")])
    evaluation = Evaluation(audit_return=audit_return, phase=phase, inspector=inspector)
    standards = list(audit.framework.standards.order_by("number"))
    judgements = {}
    findings = []
    if previous is not None:
        # A later phase starts from what SSI last told the council (DESIGN.md "Evaluation").
        evaluation.based_on = previous
        for name in Evaluation.EDITABLE_FIELDS:
            if name != "completed_on":
                setattr(evaluation, name, getattr(previous, name))
        judgements = {j.standard_id: j for j in previous.judgements.all()}
        findings = list(previous.findings.all())
    evaluation.updated_by = inspector
    evaluation.save()
    StandardJudgement.objects.bulk_create(
        StandardJudgement(
            evaluation=evaluation,
            standard=standard,
            judgement=judgements[standard.pk].judgement if standard.pk in judgements else "",
            text=judgements[standard.pk].text if standard.pk in judgements else "",
        )
        for standard in standards
    )
    Finding.objects.bulk_create(
        Finding(evaluation=evaluation, position=position, **finding.values())
        for position, finding in enumerate(findings, start=1)
    )
    return evaluation


# --- Saving the draft ------------------------------------------------------------------------

FIELD_LABELS = {
    "completed_on": "Date of completion",
    "overall_serving": "Serving children well?",
    "overall_serving_text": "Serving children well: explanation",
    "overall_capacity": "Capacity for improvement?",
    "overall_capacity_text": "Capacity for improvement: explanation",
    "follow_up_visit": "Follow-up visit to take place?",
}


def save_evaluation(
    evaluation: Evaluation,
    user: User,
    started_from: int,
    values: dict[str, object],
    judgements: dict[int, dict[str, str]],
) -> Evaluation:
    """Save the main form: `values` for Evaluation.EDITABLE_FIELDS, `judgements` as
    {standard number: {"judgement": …, "text": …}}.

    If someone saved since revision `started_from` and what they saved differs from what this
    user is saving, nothing is saved and EvaluationConflict lists the differences.
    """
    # The judgements are saved with the evaluation, under its revision: read (and locked) with
    # it, then saved once it is.
    stored: dict[int, StandardJudgement] = {}

    def judgement_differences(current: Evaluation) -> list[Difference]:
        stored.update(
            (j.standard.number, j)
            for j in current.judgements.select_for_update().select_related("standard")
        )
        return _judgement_differences(stored, judgements)

    with transaction.atomic():
        current, _ = save_if_unchanged(
            Evaluation,
            evaluation.pk,
            started_from,
            values,
            FIELD_LABELS,
            conflict=EvaluationConflict,
            user=user,
            refuse=_refuse_if_issued,
            related=judgement_differences,
        )
        for number, entered in sorted(judgements.items()):
            judgement = stored[number]
            if (judgement.judgement, judgement.text) != (entered["judgement"], entered["text"]):
                judgement.judgement, judgement.text = entered["judgement"], entered["text"]
                # One save per changed standard (at most 7), so the audit log records each.
                judgement.save(update_fields=["judgement", "text"])
        return current


def _refuse_if_issued(evaluation: Evaluation) -> None:
    if evaluation.is_issued:
        raise ImmutableRecordError("This evaluation has been issued and cannot change.")


def _judgement_differences(
    stored: dict[int, StandardJudgement], judgements: dict[int, dict[str, str]]
) -> list[Difference]:
    differences = []
    for number, entered in sorted(judgements.items()):
        judgement = stored[number]
        if judgement.judgement != entered["judgement"]:
            differences.append(
                Difference(
                    f"Standard {number}: judgement",
                    judgement.get_judgement_display(),
                    StandardJudgement(judgement=entered["judgement"]).get_judgement_display(),
                )
            )
        if judgement.text != entered["text"]:
            differences.append(
                Difference(f"Standard {number}: explanation", judgement.text, entered["text"])
            )
    return differences


# --- Findings ----------------------------------------------------------------------------------

FINDING_LABELS = {
    "description": "Description of issue",
    "paf_domain": "PAF domain",
    "kind": "Strength or area for development",
    "highlight": "Highlight for annual review",
}


def add_finding(evaluation: Evaluation, values: dict[str, object]) -> Finding:
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if current.is_issued:
            raise ImmutableRecordError("This evaluation has been issued and cannot change.")
        last = current.findings.aggregate(last=Max("position"))["last"] or 0
        return Finding.objects.create(evaluation=current, position=last + 1, **values)


def change_finding(finding: Finding, started_from: int, values: dict[str, object]) -> Finding:
    current, _ = save_if_unchanged(
        Finding, finding.pk, started_from, values, FINDING_LABELS, conflict=EvaluationConflict
    )
    return current


def remove_finding(finding: Finding, started_from: int) -> None:
    """Remove the finding the inspector looked at; refuse if someone has changed it since."""
    with transaction.atomic():
        current = Finding.objects.select_for_update().filter(pk=finding.pk).first()
        if current is None:
            return  # someone else removed it already: the outcome the user asked for
        if current.revision != started_from:
            raise EvaluationConflict(current, [])
        current.delete()


# --- Issuing and responding --------------------------------------------------------------------


def problems_of(evaluation: Evaluation) -> list[tuple[str, str]]:
    judgements = {
        j.standard.number: j.judgement for j in evaluation.judgements.select_related("standard")
    }
    return issue_problems(
        judgements,
        evaluation.overall_serving,
        evaluation.overall_capacity,
        evaluation.follow_up_visit,
    )


def issue(evaluation: Evaluation, user: User, notify: bool = True) -> Evaluation:
    """Issue the evaluation to the council. From now on nobody can change it."""
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.is_issued:
            raise ImmutableRecordError("This evaluation has already been issued.")
        problems = problems_of(locked)
        if problems:
            raise EvaluationRefused(problems)
        now = timezone.now()
        locked.status = Evaluation.Status.ISSUED
        locked.issued_at = now
        locked.issued_by = user
        locked.completed_on = locked.completed_on or timezone.localdate(now)
        locked.save()
        if notify:
            notify_council(locked)
    return locked


def record_response(
    evaluation: Evaluation, user: User, text: str, notify: bool = True
) -> CouncilResponse:
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if CouncilResponse.objects.filter(evaluation=locked).exists():
            raise ImmutableRecordError("The council's response has already been recorded.")
        response = CouncilResponse.objects.create(
            evaluation=locked, text=text, recorded_by=user, recorded_at=timezone.now()
        )
        if notify:
            notify_inspectors(locked, response)
    return response


def _evaluation_path(evaluation: Evaluation) -> str:
    return reverse("evaluation:detail", args=[evaluation.council.code, evaluation.pk])


def notify_council(evaluation: Evaluation) -> int:
    """Tell the council's directors that SSI has issued its evaluation."""
    council = evaluation.council
    made = notify(
        council.people.filter(role="director"),
        Kind.EVALUATION_ISSUED,
        f"SSI has issued its evaluation of {council.name}'s Climbié self-audit",
        (
            f"{evaluation.inspector.display_name} has issued SSI's evaluation of version "
            f"{evaluation.audit_return.number} of {council.name}'s self-audit "
            f"({evaluation.get_phase_display()}).\n\n"
            "Read the evaluation and record the council's response:"
        ),
        _evaluation_path(evaluation),
    )
    return len(made)


def notify_inspectors(evaluation: Evaluation, response: CouncilResponse) -> int:
    """Tell the evaluating inspector and the council's assigned inspectors of its response."""
    council = evaluation.council
    inspectors = [*council.assigned_inspectors.all(), evaluation.inspector]
    made = notify(
        inspectors,
        Kind.RESPONSE_RECORDED,
        f"{council.name} has responded to SSI's evaluation",
        (
            f"{response.recorded_by.display_name} recorded {council.name}'s response to the "
            f"evaluation issued on {timezone.localtime(evaluation.issued_at):%-d %B %Y}.\n\n"
            "Read it:"
        ),
        _evaluation_path(evaluation),
    )
    return len(made)
