"""The action plan as at a date: what each action's status and progress were on a given day.

Progress notes are append-only and carry the date they report at (`as_at`), so the plan as at
any past date can be read back from them: a cabinet report dated 5 November 2003 shows the plan
as it stood then, whatever has been recorded since. Changes of an action's details are history,
never progress, so nothing here reads them.

The functions read `action.progress_notes.all()`; callers that handle many actions pass actions
from `rules.actions_with_detail`, which prefetches the notes, so the query count stays constant.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from standards.models import ActionPlan, ActionStatus, ImprovementAction, NoteKind, ProgressNote


def _in_order(notes: Iterable[ProgressNote]) -> list[ProgressNote]:
    """Oldest first: by the date reported at, then by when it was typed."""
    return sorted(notes, key=lambda n: (n.as_at, n.recorded_at, n.pk or 0))


def progress_notes(action: ImprovementAction) -> list[ProgressNote]:
    """The action's progress entries, oldest first; changes of details left out."""
    return _in_order(n for n in action.progress_notes.all() if n.kind == NoteKind.PROGRESS)


def _notes_loaded(action: ImprovementAction) -> bool:
    cache: dict[str, object] = getattr(action, "_prefetched_objects_cache", {})
    return "progress_notes" in cache


def history(action: ImprovementAction) -> list[ProgressNote]:
    """Changes of the action's details (title, lead officer, dates…), newest first."""
    notes = _in_order(n for n in action.progress_notes.all() if n.kind == NoteKind.DETAILS)
    return notes[::-1]


def status_as_at(action: ImprovementAction, on: datetime.date) -> str:
    """The action's status on the day `on`, from the status changes reported up to then.

    Without its notes prefetched (a caller counting many actions cheaply) it is the status now,
    except that an action completed after `on` was not complete on `on`: never a query per row.
    """
    changes = (
        [n for n in progress_notes(action) if n.changed_status] if _notes_loaded(action) else []
    )
    reported = [n for n in changes if n.as_at <= on]
    if reported:
        status = reported[-1].status_after
    elif changes:
        status = changes[0].status_before or ActionStatus.NOT_STARTED
    else:
        # No status ever recorded through a note (e.g. bulk-made national data): as it is now.
        status = action.status
    if status == ActionStatus.COMPLETE and action.completed_on and action.completed_on > on:
        return str(ActionStatus.IN_PROGRESS)
    return status


def is_complete_as_at(action: ImprovementAction, on: datetime.date) -> bool:
    return status_as_at(action, on) == ActionStatus.COMPLETE


def latest_progress(action: ImprovementAction, on: datetime.date) -> ProgressNote | None:
    """The latest progress reported as at `on` (never a change of details)."""
    reported = [n for n in progress_notes(action) if n.as_at <= on]
    return reported[-1] if reported else None


def plan_started_on(plan: ActionPlan, actions: Iterable[ImprovementAction]) -> datetime.date:
    """The earliest date progress can be reported at: the plan's earliest known date.

    The earliest of the date cabinet endorsed it, the actions' start dates, the submission of
    the return it was drafted from and the day it was made: a plan typed in today for work begun
    in 2003 starts in 2003 once its actions say so.
    """
    dates = [timezone.localdate(plan.created_at)]
    if plan.endorsed_on is not None:
        dates.append(plan.endorsed_on)
    if plan.drafted_from is not None and plan.drafted_from.submitted_at is not None:
        dates.append(timezone.localdate(plan.drafted_from.submitted_at))
    dates.extend(a.start_date for a in actions if a.start_date is not None)
    return min(dates)


@dataclass
class ActionAsAt:
    """One action as a report dated `on` shows it, with what happened since the last report."""

    action: ImprovementAction
    on: datetime.date
    since: datetime.date | None
    status: str
    latest: ProgressNote | None
    in_period: list[ProgressNote] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return self.status == ActionStatus.COMPLETE

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)

    @property
    def outstanding(self) -> bool:
        """Not complete, and no progress reported in the period: carried forward as it stood."""
        return not self.is_complete and not self.in_period

    @property
    def next_action(self) -> str:
        return self.latest.next_action.strip() if self.latest is not None else ""


def plan_as_at(
    actions: Iterable[ImprovementAction], on: datetime.date, since: datetime.date | None = None
) -> list[ActionAsAt]:
    """Each action as at `on`; `in_period` holds the progress reported after `since` (the date
    of the last report), or all progress up to `on` when there was no earlier report."""
    shown = []
    for action in actions:
        notes = [n for n in progress_notes(action) if n.as_at <= on]
        in_period = [n for n in notes if since is None or n.as_at > since]
        shown.append(
            ActionAsAt(
                action=action,
                on=on,
                since=since,
                status=status_as_at(action, on),
                latest=notes[-1] if notes else None,
                in_period=in_period,
            )
        )
    return shown
