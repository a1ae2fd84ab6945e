"""A council's action plan: improvement actions drafted from its submitted return, then managed
on their own — progress notes, status, completion — and what is overdue.

Rules here hold whoever calls them (views, the spreadsheet, seed_national). Dates that depend on
"today" take it as an argument, so the rules can be tested on the boundary days.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from climbie_audit.concurrency import Difference, StaleEdit, claim, save_if_unchanged
from climbie_audit.models import User
from standards.action_plan import progress
from standards.framework import index as framework_index
from standards.models import (
    ActionPlan,
    ActionStatus,
    Answer,
    AuditReturn,
    Criterion,
    Framework,
    ImprovementAction,
    NoteKind,
    ProgressNote,
    Recommendation,
    SelfAudit,
)

TITLE_LENGTH = 100

# The fields of an action that come from the criterion's answer in the return.
FROM_ANSWER = {
    "action": "improvement",
    "lead_officer": "lead_officer",
    "target_date": "target_date",
}

DETAIL_LABELS = {
    "title": "Title",
    "action": "Action",
    "lead_officer": "Lead officer",
    "start_date": "Start date",
    "start_as_month": "Start shown as a month",
    "target_date": "Target date",
    "monitoring": "Monitoring arrangements",
}


# --- The plan and its actions ------------------------------------------------------------------


def plan_of(audit: SelfAudit) -> ActionPlan | None:
    return ActionPlan.objects.filter(self_audit=audit).select_related("drafted_from").first()


def plan_for(audit: SelfAudit) -> ActionPlan:
    plan, _ = ActionPlan.objects.get_or_create(self_audit=audit)
    return plan


def actions_with_detail(plan: ActionPlan) -> QuerySet[ImprovementAction]:
    """Everything the plan and the dashboard show of its actions, in a fixed number of queries."""
    return (
        plan.actions.select_related(
            "criterion__standard__framework", "drafted_from", "updated_from", "updated_by"
        )
        .prefetch_related(
            Prefetch("criterion__recommendations", queryset=Recommendation.objects.all()),
            Prefetch(
                "progress_notes",
                queryset=ProgressNote.objects.select_related("author").order_by(
                    "-recorded_at", "-pk"
                ),
            ),
        )
        .order_by("criterion__standard__number", "criterion__number", "pk")
    )


def title_from(improvement: str) -> str:
    """A short title from the intended improvement: its first sentence, cut at a word."""
    text = " ".join(improvement.split())
    for stop in (". ", "; "):
        if stop in text:
            text = text.split(stop, 1)[0]
            break
    text = text.rstrip(".")
    if len(text) > TITLE_LENGTH:
        text = text[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text or "Improvement"


# --- Drafting from a submitted return, and carrying actions over to revised returns ------------


class DraftingRefused(Exception):
    pass


@dataclass
class DraftResult:
    source: AuditReturn
    created: list[ImprovementAction] = field(default_factory=list)
    updated: list[ImprovementAction] = field(default_factory=list)
    unchanged: list[ImprovementAction] = field(default_factory=list)
    now_rated_four: list[ImprovementAction] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.now_rated_four)


def needs_action(answer: Answer) -> bool:
    """An intended improvement in the return: rated below 4 with an improvement written."""
    return answer.rating is not None and answer.rating < 4 and bool(answer.improvement.strip())


def draft_actions_from(
    audit_return: AuditReturn,
    user: User | None = None,
    now: datetime.datetime | None = None,
) -> DraftResult:
    """Take the intended improvements of a submitted return into the council's action plan.

    Idempotent: running it again changes nothing. For a revised return, each criterion keeps its
    one drafted action (progress, status and notes stay); a field the revision changed (the
    improvement, lead officer or target date) is updated, a field the council changed on the
    plan and the return did not is kept. An action whose criterion the revision rates 4 stays
    on the plan, marked as no longer needed by the return. Never goes back to an older version.
    """
    if not audit_return.is_submitted:
        raise DraftingRefused("Actions are drafted from a submitted return only.")
    now = now or timezone.now()
    with transaction.atomic():
        plan = plan_for(audit_return.self_audit)
        # Serialise drafting per plan (a no-op on SQLite, where writes are serialised anyway).
        plan = (
            ActionPlan.objects.select_for_update(of=("self",))
            .select_related("drafted_from")
            .get(pk=plan.pk)
        )
        result = DraftResult(audit_return)
        if plan.drafted_from is not None and plan.drafted_from.number > audit_return.number:
            return result
        existing = {
            a.criterion_id: a
            for a in plan.actions.filter(source=ImprovementAction.Source.RETURN).select_related(
                "updated_from"
            )
        }
        before = _answers_of({a.updated_from_id for a in existing.values() if a.updated_from_id})
        answers = audit_return.answers.select_related("criterion").order_by(
            "criterion__standard__number", "criterion__number"
        )
        to_create, to_update = [], []
        for answer in answers:
            action = existing.get(answer.criterion_id)
            if action is None:
                if needs_action(answer):
                    to_create.append(_new_action(plan, answer, audit_return, user, now))
                continue
            if action.updated_from is not None and action.updated_from.number > audit_return.number:
                result.unchanged.append(action)
                continue
            if action.updated_from_id == audit_return.pk:
                result.unchanged.append(action)
                continue
            # (An action not yet updated from any return has no earlier answer.)
            previous = (
                before.get((action.updated_from_id, answer.criterion_id))
                if action.updated_from_id is not None
                else None
            )
            changed = _carry_over(action, previous, answer)
            action.updated_from = audit_return
            action.source_rating = answer.rating
            to_update.append(action)
            if not needs_action(answer):
                result.now_rated_four.append(action)
            elif changed:
                result.updated.append(action)
            else:
                result.unchanged.append(action)
        if to_create:
            ImprovementAction.objects.bulk_create(to_create)
            result.created = to_create
        if to_update:
            ImprovementAction.objects.bulk_update(
                to_update,
                ["title", "action", "lead_officer", "target_date", "updated_from", "source_rating"],
            )
        if plan.drafted_from_id != audit_return.pk:
            plan.drafted_from = audit_return
            plan.save(update_fields=["drafted_from", "updated_at"])
    return result


def _answers_of(return_ids: set[int]) -> dict[tuple[int, int], Answer]:
    if not return_ids:
        return {}
    return {
        (a.audit_return_id, a.criterion_id): a
        for a in Answer.objects.filter(audit_return_id__in=return_ids)
    }


def _new_action(
    plan: ActionPlan,
    answer: Answer,
    audit_return: AuditReturn,
    user: User | None,
    now: datetime.datetime,
) -> ImprovementAction:
    return ImprovementAction(
        plan=plan,
        criterion=answer.criterion,
        source=ImprovementAction.Source.RETURN,
        drafted_from=audit_return,
        updated_from=audit_return,
        source_rating=answer.rating,
        title=title_from(answer.improvement),
        action=answer.improvement.strip(),
        lead_officer=answer.lead_officer,
        target_date=answer.target_date,
        created_at=now,
        updated_by=user,
    )


def _carry_over(action: ImprovementAction, previous: Answer | None, answer: Answer) -> bool:
    """Three-way merge of one action with the revised answer; True if anything changed.

    The revision is the council's later word to SSI, so a field it changed wins; a field it left
    alone keeps whatever the council has since done to the action on the plan.
    """
    if not needs_action(answer):
        return False
    changed = False
    for name, answer_field in FROM_ANSWER.items():
        new = getattr(answer, answer_field)
        new = new.strip() if isinstance(new, str) else new
        old = getattr(previous, answer_field) if previous is not None else None
        old = old.strip() if isinstance(old, str) else old
        if new != old and getattr(action, name) != new:
            if name == "action" and action.title == title_from(old or ""):
                action.title = title_from(new)
            setattr(action, name, new)
            changed = True
    return changed


def bring_up_to_date(audit: SelfAudit, user: User | None = None) -> DraftResult | None:
    """Draft from the latest submitted return if the plan has not yet taken it in."""
    latest = audit.returns.latest_submitted()
    if latest is None:
        return None
    plan = plan_of(audit)
    if plan is not None and plan.drafted_from_id == latest.pk:
        return None
    return draft_actions_from(latest, user)


# --- Overdue, two ways ---------------------------------------------------------------------------

PAST_TARGET = "target"
PAST_LAMING = "laming"
OVERDUE_LABELS = {
    PAST_TARGET: "Past its target date",
    PAST_LAMING: "Past the Laming deadline",
}


def is_past_target_date(action: ImprovementAction, today: datetime.date) -> bool:
    """Not complete as at `today` and `today` is after its own target date (due on the day)."""
    return (
        action.target_date is not None
        and today > action.target_date
        and not progress.is_complete_as_at(action, today)
    )


def is_past_laming_deadline(
    action: ImprovementAction, today: datetime.date, deadline: datetime.date | None = None
) -> bool:
    """Not complete as at `today` and `today` is after the criterion's Laming deadline.

    `deadline` lets callers that have computed the framework's deadlines once pass them in.
    """
    if deadline is None:
        deadline = action.criterion.laming_deadline
    return (
        deadline is not None and today > deadline and not progress.is_complete_as_at(action, today)
    )


def overdue_kinds(
    action: ImprovementAction, today: datetime.date, deadline: datetime.date | None = None
) -> list[str]:
    kinds = []
    if is_past_target_date(action, today):
        kinds.append(PAST_TARGET)
    if is_past_laming_deadline(action, today, deadline):
        kinds.append(PAST_LAMING)
    return kinds


def misses_laming_deadline(action: ImprovementAction, deadline: datetime.date | None) -> bool:
    """ "Not on target" in the plan: its target date is later than the criterion's Laming
    deadline, unless it was completed by the deadline."""
    if deadline is None or action.target_date is None or action.target_date <= deadline:
        return False
    return not progress.is_complete_as_at(action, deadline)


def is_overdue(action: ImprovementAction, today: datetime.date) -> bool:
    return bool(overdue_kinds(action, today))


def overdue_as_at(
    actions: Iterable[ImprovementAction], on: datetime.date
) -> list[ImprovementAction]:
    """The actions overdue against the plan as at the day `on`: not complete as at that day
    (by the progress reported up to it) and `on` is after their target date.

    The one rule for "overdue against the plan" (plan page, dashboard, reports). Pass actions
    from `actions_with_detail` (notes prefetched) for the status as reported at `on`; without
    the notes it uses the status now and the completion date, never a query per action.
    """
    return [a for a in actions if is_past_target_date(a, on)]


def laming_deadlines(framework: Framework) -> dict[int, datetime.date | None]:
    """{criterion id: Laming deadline} for a whole framework."""
    return framework_index.laming_deadlines(framework)


def status_counts(
    actions: Iterable[ImprovementAction], on: datetime.date | None = None
) -> dict[str, int]:
    """{status: how many}; as at the day `on` if given."""
    counts = dict.fromkeys(ActionStatus.values, 0)
    for action in actions:
        counts[action.status if on is None else progress.status_as_at(action, on)] += 1
    return counts


OVERDUE_FILTERS = {
    "": "All actions",
    "either": "Overdue either way",
    PAST_TARGET: "Past their target date",
    PAST_LAMING: "Past the Laming deadline",
}


def filter_actions(
    actions: Iterable[ImprovementAction], today: datetime.date, status: str = "", overdue: str = ""
) -> list[ImprovementAction]:
    """The plan page's filters: by status, and by which kind of overdue (or either)."""
    chosen: list[ImprovementAction] = []
    for action in actions:
        if status and progress.status_as_at(action, today) != status:
            continue
        kinds = overdue_kinds(action, today)
        if overdue == "either" and not kinds:
            continue
        if overdue in (PAST_TARGET, PAST_LAMING) and overdue not in kinds:
            continue
        chosen.append(action)
    return chosen


# --- Recording progress, with no silent overwrites -----------------------------------------------


class ActionConflict(StaleEdit):
    """Someone changed the action after the person saving now had loaded it."""


class NothingToRecord(ValueError):
    pass


class ProgressDateRefused(ValueError):
    """Progress dated in the future, or before the plan started."""


def record_progress(
    action: ImprovementAction,
    user: User,
    started_from: int,
    text: str = "",
    status: str | None = None,
    completed_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
    as_at: datetime.date | None = None,
    next_action: str = "",
) -> ProgressNote | None:
    """Add progress as at a date (today unless given) and/or change the status (marking complete
    records the date, the as-at date unless given), with the next action agreed.

    If someone changed the action since revision `started_from`, a note alone is still added
    (notes never overwrite each other), but a status that differs from theirs is refused with
    ActionConflict rather than silently undoing their change.
    """
    text = (text or "").strip()
    next_action = (next_action or "").strip()
    now = now or timezone.now()
    back_dated = as_at is not None
    as_at = as_at or timezone.localdate(now)
    if as_at > timezone.localdate(now):
        raise ProgressDateRefused("The date of the progress must be today or in the past")
    # Not save_if_unchanged: a stale page may still add a note (notes never overwrite each
    # other), so only a change of status needs the revision the page was loaded at.
    with transaction.atomic():
        current = ImprovementAction.objects.select_for_update().get(pk=action.pk)
        status = status or current.status
        if status not in ActionStatus.values:
            raise ValueError(f"Unknown status {status!r}")
        changes_status = status != current.status
        if current.revision != started_from:
            if changes_status:
                raise ActionConflict(
                    current,
                    [
                        Difference(
                            "Status", current.get_status_display(), ActionStatus(status).label
                        )
                    ],
                )
            started_from = current.revision
        if not text and not next_action and not changes_status:
            raise NothingToRecord("Enter a progress note or change the status")
        # Only a back-dated entry can fall before the plan: "today" is always in its life.
        started_on = progress.plan_started_on(current.plan, current.plan.actions.all())
        if back_dated and as_at < started_on:
            raise ProgressDateRefused(
                f"The date of the progress must be on or after {started_on:%-d %B %Y}, "
                "when the plan started"
            )
        if not claim(ImprovementAction, current, started_from):
            current.refresh_from_db()
            raise ActionConflict(current, [])
        note = ProgressNote(
            action=current,
            author=user,
            recorded_at=now,
            as_at=as_at,
            kind=NoteKind.PROGRESS,
            text=text,
            next_action=next_action,
            status_before=current.status if changes_status else "",
            status_after=status if changes_status else "",
        )
        note.save()
        if changes_status:
            current.status = status
            if status == ActionStatus.COMPLETE:
                current.completed_on = completed_on or as_at
            else:
                current.completed_on = None
        current.revision = started_from + 1
        current.updated_by = user
        current.save()
    return note


def change_details(
    action: ImprovementAction,
    user: User,
    started_from: int,
    values: dict[str, object],
    now: datetime.datetime | None = None,
) -> ImprovementAction:
    """Change the action's details; the change is kept as history, never as progress."""
    now = now or timezone.now()
    with transaction.atomic():
        current, before = save_if_unchanged(
            ImprovementAction,
            action.pk,
            started_from,
            values,
            DETAIL_LABELS,
            conflict=ActionConflict,
            user=user,
        )
        if before:
            changed = {name: values[name] for name in before}
            ProgressNote(
                action=current,
                author=user,
                recorded_at=now,
                as_at=timezone.localdate(now),
                kind=NoteKind.DETAILS,
                text=describe_changes(before, changed),
            ).save()
    return current


def describe_changes(old: dict[str, object], new: dict[str, object]) -> str:
    parts = []
    for name, value in new.items():
        if old.get(name) == value:
            continue
        label = DETAIL_LABELS[name].lower()
        if name in ("title", "action", "monitoring"):
            parts.append(f"Changed the {label}.")
        else:
            parts.append(f"Changed the {label} from {_shown(old.get(name))} to {_shown(value)}.")
    return " ".join(parts)


def _shown(value: object) -> str:
    if value in (None, ""):
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def add_action(
    plan: ActionPlan,
    user: User,
    criterion: Criterion,
    values: dict[str, object],
    now: datetime.datetime | None = None,
) -> ImprovementAction:
    """An action the council adds itself (beyond the return's intended improvements)."""
    if criterion.standard.framework_id != plan.self_audit.framework_id:
        raise ValueError("The criterion belongs to another framework.")
    return ImprovementAction.objects.create(
        plan=plan,
        criterion=criterion,
        source=ImprovementAction.Source.COUNCIL,
        created_at=now or timezone.now(),
        updated_by=user,
        **values,
    )


CABINET_LABELS = {
    "endorsed_on": "Date endorsed by cabinet",
    "last_reported_on": "Last reported to cabinet on",
}


def set_cabinet_dates(
    plan: ActionPlan, user: User, started_from: int, values: dict[str, object]
) -> ActionPlan:
    current, _ = save_if_unchanged(
        ActionPlan,
        plan.pk,
        started_from,
        values,
        CABINET_LABELS,
        conflict=ActionConflict,
        user=user,
    )
    return current
