"""Who does what on a draft return: the director assigns each standard to one of the council's
people, who marks it ready for review; the director approves it or returns it with a comment.
Once the director has assigned any standard, submission needs every standard approved
(docs/decisions/0014-working-together.md). Every step is a history record of the review."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from climbie_audit.concurrency import StaleEdit, claim
from climbie_audit.models import User
from climbie_audit.notifications.rules import Kind, notify
from standards.models import (
    AuditReturn,
    ImmutableRecordError,
    ReviewState,
    Standard,
    StandardReview,
)

# What editing an answer does to its standard's review: work has started, or started again.
REOPENED_BY_EDITING = (ReviewState.NOT_STARTED, ReviewState.APPROVED, ReviewState.RETURNED)


class ReviewRefused(Exception):
    """The step is not possible from where the review stands."""


@dataclass(frozen=True)
class StandardStanding:
    """A standard of the task list: who has it and where it stands."""

    standard: Standard
    assignee: User | None
    state: str
    comment: str
    revision: int

    @property
    def label(self) -> str:
        return ReviewState(self.state).label


def reviews_of(draft: AuditReturn) -> dict[int, StandardReview]:
    """The draft's reviews by standard id, read in one query."""
    return {
        r.standard_id: r
        for r in StandardReview.objects.filter(audit_return=draft).select_related("assignee")
    }


def standing_of(
    standard: Standard, review: StandardReview | None, rated: int = 0
) -> StandardStanding:
    """Where a standard stands; without a review, from how many of its criteria are rated."""
    if review is None:
        state = ReviewState.IN_PROGRESS if rated else ReviewState.NOT_STARTED
        return StandardStanding(standard, None, state, "", 0)
    return StandardStanding(
        standard, review.assignee, review.state, review.comment, review.revision
    )


def review_in_use(draft: AuditReturn) -> bool:
    return StandardReview.objects.filter(audit_return=draft).exists()


def submission_problems(draft: AuditReturn) -> list[tuple[Standard, str]]:
    """Each standard not yet approved, once the director shares out the work; none before."""
    reviews = reviews_of(draft)
    if not reviews:
        return []
    standards = draft.self_audit.framework.standards.order_by("number")
    problems = []
    for standard in standards:
        review = reviews.get(standard.pk)
        if review is None or not review.is_approved:
            state = ReviewState(review.state if review else ReviewState.NOT_STARTED).label
            problems.append(
                (
                    standard,
                    f"Standard {standard.number}: {standard.title} has not been approved "
                    f"({state.lower()})",
                )
            )
    return problems


def _review_for_change(draft: AuditReturn, standard: Standard, started_from: int) -> StandardReview:
    """The standard's review, locked and claimed at the revision the person started from."""
    if AuditReturn.objects.filter(pk=draft.pk, status=AuditReturn.Status.SUBMITTED).exists():
        raise ImmutableRecordError("This version has been submitted.")
    review, _ = StandardReview.objects.get_or_create(audit_return=draft, standard=standard)
    review = (
        StandardReview.objects.select_for_update(of=("self",))
        .select_related("assignee")
        .get(pk=review.pk)
    )
    if review.revision != started_from or not claim(StandardReview, review, started_from):
        review.refresh_from_db()
        raise StaleEdit(review, [])
    review.revision = started_from + 1
    return review


def _save_step(review: StandardReview, user: User, reason: str) -> StandardReview:
    review.updated_by = user
    # django-simple-history reads these from the instance; the model does not declare them.
    review._change_reason = reason  # type: ignore[attr-defined]
    review._history_user = user  # type: ignore[attr-defined]
    review.save()
    return review


def assign(
    draft: AuditReturn, standard: Standard, assignee: User, director: User, started_from: int
) -> StandardReview:
    council = draft.self_audit.council
    if not (director.is_director and director.council_id == council.pk):
        raise PermissionDenied("Only the council's director assigns standards.")
    if not (assignee.is_council_user and assignee.council_id == council.pk and assignee.is_active):
        raise ReviewRefused("Select someone who works for the council")
    with transaction.atomic():
        review = _review_for_change(draft, standard, started_from)
        if review.assignee_id == assignee.pk:
            raise ReviewRefused(f"{assignee.display_name} already has this standard")
        review.assignee = assignee
        return _save_step(review, director, f"Assigned to {assignee.display_name}")


def may_mark_ready(user: User, review: StandardStanding) -> bool:
    """The person who has the standard, or the director."""
    return user.is_director or (review.assignee is not None and review.assignee.pk == user.pk)


def mark_ready(
    draft: AuditReturn, standard: Standard, user: User, started_from: int
) -> StandardReview:
    with transaction.atomic():
        review = _review_for_change(draft, standard, started_from)
        if not may_mark_ready(user, standing_of(standard, review)):
            raise PermissionDenied("Only the person who has this standard can mark it ready.")
        if review.state in (ReviewState.READY, ReviewState.APPROVED):
            raise ReviewRefused(
                f"Standard {standard.number} is already {review.get_state_display().lower()}"
            )
        review.state = ReviewState.READY
        return _save_step(review, user, "Marked ready for review")


def approve(
    draft: AuditReturn, standard: Standard, director: User, started_from: int
) -> StandardReview:
    with transaction.atomic():
        review = _review_for_change(draft, standard, started_from)
        _director_reviews(director, draft, review)
        review.state = ReviewState.APPROVED
        review = _save_step(review, director, "Approved")
        _tell_assignee(review, Kind.STANDARD_APPROVED, "approved", director)
        return review


def return_with_comment(
    draft: AuditReturn, standard: Standard, director: User, started_from: int, comment: str
) -> StandardReview:
    with transaction.atomic():
        review = _review_for_change(draft, standard, started_from)
        _director_reviews(director, draft, review)
        review.state = ReviewState.RETURNED
        review.comment = comment
        review = _save_step(review, director, f"Returned: {comment}"[:100])
        _tell_assignee(review, Kind.STANDARD_RETURNED, "returned", director, comment)
        return review


def _director_reviews(director: User, draft: AuditReturn, review: StandardReview) -> None:
    if not (director.is_director and director.council_id == draft.self_audit.council_id):
        raise PermissionDenied("Only the council's director reviews standards.")
    if review.state != ReviewState.READY:
        raise ReviewRefused(f"Standard {review.standard.number} is not ready for review")


def _tell_assignee(
    review: StandardReview, kind: str, verb: str, director: User, comment: str = ""
) -> None:
    if review.assignee is None or review.assignee.pk == director.pk:
        return
    standard = review.standard
    council = review.audit_return.self_audit.council
    body = f"{director.display_name} has {verb} standard {standard.number}: {standard.title}."
    if comment:
        body += f"\n\nTheir comment:\n{comment}"
    notify(
        [review.assignee],
        kind,
        f"Standard {standard.number} has been {verb}",
        body,
        reverse("review:standard", args=[council.code, standard.number]),
    )


def reopen_after_edit(draft: AuditReturn, standard_ids: Iterable[int], user: User) -> None:
    """Answers of these standards changed: work on them is in progress (again). An approved
    standard that is edited needs approving again."""
    for review in StandardReview.objects.filter(
        audit_return=draft, standard_id__in=set(standard_ids), state__in=REOPENED_BY_EDITING
    ).select_related("standard"):
        was = review.state
        review.state = ReviewState.IN_PROGRESS
        review.revision += 1
        reason = "Changed after approval" if was == ReviewState.APPROVED else "Work started"
        _save_step(review, user, reason)


def history_of(review: StandardReview | None) -> list[Any]:
    """Each step of the review, newest first. (The row made when a review is first needed is
    no step anyone took: it has no reason and is left out.)"""
    if review is None:
        return []
    return list(
        review.history.filter(history_change_reason__isnull=False)
        .select_related("history_user", "assignee")
        .order_by("-history_date", "-history_id")
    )
