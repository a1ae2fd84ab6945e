"""The national overview's figures that come from many records at once: counted in the database
(ratings of submitted returns by standard, judgements of issued evaluations, overdue actions),
the figures of records that can never change cached by id."""

import datetime
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypedDict, TypeVar

from django.core.cache import cache
from django.db.models import Count, Q

from evaluations.models import StandardJudgement
from standards.action_plan import rules as action_plan
from standards.models import (
    RATING_LEVELS,
    ActionStatus,
    Answer,
    Framework,
    ImprovementAction,
    Standard,
)


class ReturnValues(TypedDict):
    """A return as the overview reads it (a values row)."""

    pk: int
    number: int
    status: str
    submitted_at: datetime.datetime | None
    self_audit__council_id: int


class EvaluationValues(TypedDict):
    """An evaluation as the overview reads it (a values row)."""

    pk: int
    audit_return_id: int
    status: str
    phase: str
    issued_at: datetime.datetime | None
    overall_serving: str
    overall_capacity: str


def overdue_by_council(
    framework: Framework, today: datetime.date, council_ids: Collection[int] | None = None
) -> dict[int, tuple[int, int, int]]:
    """{council id: (overdue either way, past target date, past Laming deadline)} as at `today`
    (action_plan.overdue_as_at, counted by the database), one query."""
    past_laming = [
        pk
        for pk, deadline in action_plan.laming_deadlines(framework).items()
        if deadline is not None and today > deadline
    ]
    target = Q(target_date__lt=today)
    laming = Q(criterion_id__in=past_laming)
    # Open as at the date: not complete, or completed after it (action_plan.completed_by).
    open_then = ~Q(status=ActionStatus.COMPLETE) | Q(completed_on__gt=today)
    actions = ImprovementAction.objects.filter(plan__self_audit__framework=framework).filter(
        open_then
    )
    if council_ids is not None:
        actions = actions.filter(plan__self_audit__council_id__in=council_ids)
    rows = (
        actions.filter(target | laming)
        .values("plan__self_audit__council_id")
        .annotate(
            either=Count("pk"),
            target=Count("pk", filter=target),
            laming=Count("pk", filter=laming),
        )
        .order_by()
    )
    return {
        row["plan__self_audit__council_id"]: (row["either"], row["target"], row["laming"])
        for row in rows
    }


IMMUTABLE_FIGURES_SECONDS = 24 * 60 * 60


# What cached_for_immutable keeps per record.
V = TypeVar("V")


def cached_for_immutable(
    prefix: str,
    records: Sequence[Mapping[str, Any]],  # values rows, read by the name in `stamp`
    stamp: str,
    fetch: Callable[[list[int]], dict[int, V]],
) -> dict[int, V]:
    """{pk: fetch's value} for records that can never change again (submitted returns, issued
    evaluations: the models and database triggers refuse any change), each value kept in the
    cache once fetched. `records` are values rows with pk and the datetime field `stamp`;
    `fetch(pks)` returns {pk: value} for every pk asked for.

    The stamp is in the key as well as the id: a database rebuilt from scratch (tests, a restore
    into a new server) can give a different record the same id.
    """
    keys: dict[str, int] = {f"{prefix}:{r['pk']}:{r[stamp].timestamp()}": r["pk"] for r in records}
    cached = cache.get_many(list(keys))
    values: dict[int, V] = {keys[key]: value for key, value in cached.items()}
    missing = {key: pk for key, pk in keys.items() if key not in cached}
    if missing:
        fresh = fetch(list(missing.values()))
        cache.set_many({key: fresh[pk] for key, pk in missing.items()}, IMMUTABLE_FIGURES_SECONDS)
        values.update(fresh)
    return values


def submitted_rating_counts(
    submitted_returns: list[ReturnValues], standards: list[Standard]
) -> dict[int, dict[int, dict[int, int]]]:
    """{return id: {standard number: {rating: criteria}}} for submitted returns (values rows with
    pk and submitted_at) of the framework whose `standards` are given, counted by the database:
    one row per return and standard. It was the national overview's slowest query: grouping by
    the criterion's standard id rather than its number saves a join. A submitted return's
    counts never change."""
    numbers = {standard.pk: standard.number for standard in standards}

    per_level = {f"rated_{level}": Count("pk", filter=Q(rating=level)) for level in RATING_LEVELS}

    def count(return_ids: list[int]) -> dict[int, dict[int, dict[int, int]]]:
        counted: dict[int, dict[int, dict[int, int]]] = {pk: {} for pk in return_ids}
        for return_id, standard_id, *counts in (
            Answer.objects.filter(audit_return_id__in=return_ids, rating__isnull=False)
            .values_list("audit_return_id", "criterion__standard_id")
            .annotate(**per_level)
            .order_by()
        ):
            counted[return_id][numbers[standard_id]] = dict(zip(RATING_LEVELS, counts, strict=True))
        return counted

    return cached_for_immutable("rating-counts", submitted_returns, "submitted_at", count)


def issued_judgements(
    issued_evaluations: list[EvaluationValues],
) -> dict[int, list[tuple[int, str]]]:
    """{evaluation id: [(standard number, judgement)]} for issued evaluations (values rows with
    pk and issued_at), in standard order."""

    def fetch(evaluation_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
        judgements: dict[int, list[tuple[int, str]]] = {pk: [] for pk in evaluation_ids}
        for evaluation_id, number, judgement in (
            StandardJudgement.objects.filter(evaluation_id__in=evaluation_ids)
            .values_list("evaluation_id", "standard__number", "judgement")
            .order_by("evaluation_id", "standard__number")
        ):
            judgements[evaluation_id].append((number, judgement))
        return judgements

    return cached_for_immutable("standard-judgements", issued_evaluations, "issued_at", fetch)
