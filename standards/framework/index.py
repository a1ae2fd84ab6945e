"""Criteria with their standard, framework and Laming deadline, read from the database on every
request (docs/decisions/0003-what-is-cached.md: frameworks can be edited in the admin site, so
nothing here is remembered between requests).

Pages that list many answers or actions need each row's criterion, its standard and framework
and its Laming deadline. Joining every row to them, and loading every criterion's
recommendations to work out its deadline, built hundreds of model objects a page. Instead the
criteria the rows name are read in one query, with their standard and framework and the
shortest timescale of their recommendations worked out by the database.
"""

import datetime
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.db.models import Min, Q

from standards.models import Criterion, Framework


def current_framework() -> Framework | None:
    """Framework.objects.current(): nearly every page asks for it."""
    return Framework.objects.current()


def _shortest_timescale():
    # As Criterion.shortest_timescale_months: the recommendations that state a timescale.
    return Min(
        "recommendations__timescale_months",
        filter=Q(recommendations__timescale_months__gt=0),
    )


@lru_cache(maxsize=256)
def _deadline(published_on: datetime.date, months: int | None) -> datetime.date | None:
    # As Criterion.laming_deadline (a pure function of its arguments, so remembered).
    return None if months is None else published_on + relativedelta(months=months)


def criteria(ids) -> dict[int, Criterion]:
    """{id: criterion} for the criteria with these ids, each with its standard, framework and
    Laming deadline (recommendations are not read: the pages that list them prefetch them)."""
    found = list(
        Criterion.objects.filter(pk__in=set(ids))
        .select_related("standard__framework")
        .annotate(shortest_months=_shortest_timescale())
        .order_by()  # Meta.ordering would sort by the framework and standard for nothing
    )
    for criterion in found:
        # Criterion.laming_deadline is a cached_property: the value set here is the one it gives.
        # shortest_months is the annotation above, which the stubs do not add to the model type.
        months = criterion.shortest_months  # type: ignore[attr-defined]
        criterion.__dict__["laming_deadline"] = _deadline(
            criterion.standard.framework.published_on, months
        )
    return {criterion.pk: criterion for criterion in found}


def laming_deadlines(framework: Framework) -> dict[int, datetime.date | None]:
    """{criterion id: Laming deadline} for a whole framework, in one query."""
    return {
        pk: _deadline(framework.published_on, months)
        for pk, months in Criterion.objects.filter(standard__framework=framework)
        .annotate(shortest_months=_shortest_timescale())
        .order_by()
        .values_list("pk", "shortest_months")
    }


def attach_criteria(items) -> None:
    """Give each answer or action (anything with a criterion_id) its criterion, standard,
    framework and Laming deadline, read in one query instead of a join per row."""
    items = list(items)
    if not items:
        return
    found = criteria(item.criterion_id for item in items)
    for item in items:
        item.criterion = found[item.criterion_id]
