"""What councils do with their self-audit: start, save, submit, revise, compare, trace history."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from climbie_audit.concurrency import claim
from climbie_audit.limits import normalise_text
from climbie_audit.models import Council, User
from climbie_audit.notifications import rules as notifications
from standards.evidence.rules import copy_links
from standards.models import (
    Answer,
    AuditReturn,
    Criterion,
    Framework,
    ImmutableRecordError,
    SelfAudit,
)
from standards.review.rules import reopen_after_edit
from standards.review.rules import submission_problems as review_problems


@dataclass
class Conflict:
    """Someone saved this criterion after the person saving now had loaded it."""

    answer: Answer  # as it stands in the database now
    mine: dict[str, object]  # what the person saving now wanted to save


class EditConflict(Exception):
    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} criteria were changed by someone else")
        self.conflicts = conflicts


class SubmissionRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def self_audit_for(council: Council, framework: Framework) -> SelfAudit:
    audit, _ = SelfAudit.objects.get_or_create(council=council, framework=framework)
    # Reuse the objects the caller already holds rather than fetching them again.
    audit.council, audit.framework = council, framework
    return audit


def returns_of(audit: SelfAudit) -> list[AuditReturn]:
    return list(audit.returns.select_related("submitted_by").order_by("number"))


def draft_of(audit: SelfAudit) -> AuditReturn | None:
    return audit.returns.filter(status=AuditReturn.Status.DRAFT).first()


def start_self_audit(audit: SelfAudit, user: User) -> AuditReturn | None:
    """Start the council's return: version 1 with a blank answer for every criterion. Starting is
    an act (a POST), never a side effect of looking. Two people pressing "Start" at once get the
    same draft and no error: the second finds the first's draft, or meets the unique version
    number and reads it."""
    try:
        with transaction.atomic():
            # Serialise starters on PostgreSQL; on SQLite writes are serialised already.
            SelfAudit.objects.select_for_update().get(pk=audit.pk)
            if audit.returns.exists():
                return draft_of(audit)
            draft = AuditReturn.objects.create(self_audit=audit, number=1, started_by=user)
            criteria = Criterion.objects.filter(standard__framework=audit.framework)
            Answer.objects.bulk_create(Answer(audit_return=draft, criterion=c) for c in criteria)
            return draft
    except IntegrityError:
        return draft_of(audit)


def open_draft(audit: SelfAudit, user: User) -> AuditReturn | None:
    """The draft to work on: the existing one, or version 1 started now if the council has not
    started (for POSTs that begin work, such as a spreadsheet upload)."""
    return draft_of(audit) or (None if audit.returns.exists() else start_self_audit(audit, user))


@transaction.atomic
def start_revision(audit: SelfAudit, user: User) -> AuditReturn:
    """A revised return (seed 002 §3.7): version N+1, prefilled from the latest submitted N."""
    if not user.is_director:
        raise PermissionDenied("Only a director can start a revised return.")
    # Lock the audit so two directors cannot start two revisions at once.
    SelfAudit.objects.select_for_update().get(pk=audit.pk)
    if (draft := draft_of(audit)) is not None:
        return draft
    previous = audit.returns.latest_submitted()
    if previous is None:
        raise SubmissionRefused(["There is no submitted return to revise"])
    revision = AuditReturn.objects.create(
        self_audit=audit, number=previous.number + 1, based_on=previous, started_by=user
    )
    copies = [
        Answer(audit_return=revision, criterion_id=a.criterion_id, updated_by=user, **a.values())
        for a in previous.answers.all()
    ]
    bulk_create_with_history(
        copies,
        Answer,
        default_user=user,
        default_change_reason=f"Copied from version {previous.number}",
    )
    # The evidence documents come too: new links to the same stored files, not new bytes.
    copy_links(previous, revision)
    return revision


def save_answers(
    draft: AuditReturn,
    user: User,
    changes: dict[int, tuple[int, dict[str, object]]],
    reason: str = "",
) -> list[Answer]:
    """Save {criterion id: (revision the user started from, values)} atomically.

    A criterion someone else saved since the user loaded it is a conflict unless both ended up
    with the same values; any conflict saves nothing. Returns the answers that changed.

    Not climbie_audit.concurrency.save_if_unchanged, which saves one record: a page saves up to
    15 answers at once, all or none, and a refusal lists every answer in conflict (an
    EditConflict of Conflicts, which the page shows criterion by criterion). Each answer is
    still claimed by compare-and-swap on its revision.
    """
    with transaction.atomic():
        answers = {
            a.criterion_id: a
            for a in Answer.objects.select_for_update()
            .select_related("criterion")
            .filter(audit_return=draft, criterion_id__in=changes)
        }
        to_save: list[tuple[Answer, int, dict[str, object]]] = []
        conflicts: list[Conflict] = []
        for criterion_id, (started_from, values) in changes.items():
            answer = answers[criterion_id]
            values = {name: comparable(value) for name, value in values.items()}
            if answer.values() == values:
                continue
            if answer.revision != started_from:
                conflicts.append(Conflict(answer, values))
            else:
                to_save.append((answer, started_from, values))
        if conflicts:
            raise EditConflict(conflicts)
        for answer, started_from, values in to_save:
            # Compare-and-swap on the revision: safe even where SELECT FOR UPDATE is a no-op.
            if not claim(Answer, answer, started_from):
                answer.refresh_from_db()
                raise EditConflict([Conflict(answer, values)])
            for name, value in values.items():
                setattr(answer, name, value)
            answer.revision = started_from + 1
            answer.updated_by = user
            # django-simple-history reads these from the instance; the model does not declare them.
            answer._change_reason = reason  # type: ignore[attr-defined]
            answer._history_user = user  # type: ignore[attr-defined]  # also outside a request
            answer.save()
        saved = [answer for answer, _, _ in to_save]
        # Editing a standard puts its review back in progress (an approved one needs approving
        # again).
        reopen_after_edit(draft, {a.criterion.standard_id for a in saved}, user)
        return saved


def reference_for(audit_return: AuditReturn) -> str:
    audit = audit_return.self_audit
    return f"{audit.council.code}-{audit.framework.code}-v{audit_return.number}".upper()


def submit(draft: AuditReturn, user: User, notify: bool = True) -> AuditReturn:
    """Make the draft an immutable numbered version and tell the assigned inspectors."""
    from standards.self_audit import scoring

    if not user.is_director:
        raise PermissionDenied("Only a director can submit the return.")
    with transaction.atomic():
        locked = AuditReturn.objects.select_for_update().get(pk=draft.pk)
        if locked.is_submitted:
            raise ImmutableRecordError(f"Version {locked.number} has already been submitted.")
        answers = list(locked.answers.with_criteria())
        problems = [message for _, message in scoring.submission_problems(answers)]
        problems += [message for _, message in review_problems(locked)]
        if problems:
            raise SubmissionRefused(problems)
        locked.status = AuditReturn.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = user
        locked.reference = reference_for(locked)
        locked.save()
        # The return's intended improvements become the council's action plan at once.
        from standards.action_plan.rules import draft_actions_from

        draft_actions_from(locked, user)
        if notify:
            notify_inspectors(locked)
    return locked


def notify_inspectors(audit_return: AuditReturn) -> int:
    """Tell the council's assigned inspectors that a version has been submitted."""
    audit = audit_return.self_audit
    council = audit.council
    submitted_by = audit_return.submitted_by
    assert submitted_by is not None  # a submitted return records who submitted it
    path = reverse("self_audit:version", args=[council.code, audit_return.number])
    made = notifications.notify(
        council.assigned_inspectors.all(),
        notifications.Kind.RETURN_SUBMITTED,
        f"{council.name} has submitted version {audit_return.number} of its Climbié self-audit",
        (
            f"{council.name} ({council.code}) submitted version {audit_return.number} of its "
            f"self-audit on {timezone.localtime(audit_return.submitted_at):%-d %B %Y at %H:%M}.\n"
            f"Reference: {audit_return.reference}\n"
            f"Submitted by: {submitted_by.display_name}\n\n"
            "Read the return:"
        ),
        path,
    )
    return len(made)


@dataclass
class CriterionChange:
    criterion: Criterion
    changes: list[tuple[str, object, object]]  # (field label, old, new)


FIELD_LABELS: dict[str, str] = {
    "rating": "Rating",
    "evidence": "Evidence and comment",
    "improvement": "Intended improvement",
    "lead_officer": "Lead officer",
    "target_date": "Target date",
}


def comparable(value: object) -> object:
    """A stored value as it compares: texts normalised (a version submitted before normalisation
    may hold \r\n or trailing spaces where its successor holds the same text without)."""
    return normalise_text(value) if isinstance(value, str) else value


def compare(older: AuditReturn, newer: AuditReturn) -> list[CriterionChange]:
    """Per criterion, every field that differs between two versions, in framework order."""
    before = {a.criterion_id: a for a in older.answers.all()}
    result: list[CriterionChange] = []
    for answer in newer.answers.with_criteria().in_framework_order():
        old = before.get(answer.criterion_id)
        old_values = old.values() if old else dict.fromkeys(Answer.EDITABLE_FIELDS)
        changes = [
            (FIELD_LABELS[name], old_values[name], value)
            for name, value in answer.values().items()
            if comparable(old_values[name]) != comparable(value)
        ]
        if changes:
            result.append(CriterionChange(answer.criterion, changes))
    return result


@dataclass
class HistoryEntry:
    version: int | None  # None only for a version since removed
    who: str
    when: datetime.datetime
    reason: str
    changes: list[tuple[str, object, object]]


def history_of(audit: SelfAudit, criterion: Criterion) -> list[HistoryEntry]:
    """Every recorded change to one criterion across all versions, newest first."""
    records = list(
        Answer.history.filter(audit_return__self_audit=audit, criterion=criterion)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    versions = dict(audit.returns.values_list("pk", "number"))
    previous_by_answer: dict[int, object] = {}
    entries: list[HistoryEntry] = []
    for record in records:
        previous = previous_by_answer.get(record.id)
        changes: list[tuple[str, object, object]] = []
        for name, label in FIELD_LABELS.items():
            new = getattr(record, name)
            old = getattr(previous, name) if previous else None
            if comparable(old) != comparable(new) and not (previous is None and new in (None, "")):
                changes.append((label, old, new))
        previous_by_answer[record.id] = record
        if changes or record.history_change_reason:
            entries.append(
                HistoryEntry(
                    version=versions.get(record.audit_return_id),
                    who=record.history_user.display_name if record.history_user else "System",
                    when=record.history_date,
                    reason=record.history_change_reason or "",
                    changes=changes,
                )
            )
    return list(reversed(entries))
