"""Every criterion, with its standard, framework, recommendations and Laming deadline, read once
per version of the frameworks and kept in the cache.

Pages that list many answers or actions used to join each row to its criterion, standard and
framework and load every criterion's recommendations to work out its Laming deadline: hundreds
of model objects built on every request for data that changes only when an administrator edits
a framework (climbie_audit/cache_generations.py starts a new generation when one does). There
are a few dozen criteria per framework, so one list serves them all.
"""

import datetime

from django.core.cache import cache

from climbie_audit.cache_generations import FRAMEWORK
from standards.models import Criterion, Framework

# The latest list in this process as well, under the same key: unpickling the criteria from the
# shared cache on every request cost as much as the join it replaced. Read-only: nothing changes
# a criterion it is given. {what: (cache key, value)}, the latest of each only.
_in_process: dict[str, tuple[str, object]] = {}


def current_framework() -> Framework | None:
    """Framework.objects.current(), read once per version of the frameworks in each process:
    nearly every page asks for it."""
    key = f"current-framework:{FRAMEWORK.current()}"
    held = _in_process.get("framework")
    if held is None or held[0] != key:
        held = _in_process["framework"] = (key, Framework.objects.current())
    return held[1]


def criterion_index(*, reload: bool = False) -> dict[int, Criterion]:
    key = f"criterion-index:{FRAMEWORK.current()}"
    held = _in_process.get("criteria")
    if held is not None and held[0] == key and not reload:
        return held[1]
    index = None if reload else cache.get(key)
    if index is None:
        index = {}
        for criterion in Criterion.objects.with_framework_detail():
            criterion.laming_deadline  # noqa: B018 -- worked out (cached_property) before caching
            index[criterion.pk] = criterion
        cache.set(key, index, FRAMEWORK.seconds)
    _in_process["criteria"] = (key, index)
    return index


def laming_deadlines(framework: Framework) -> dict[int, datetime.date | None]:
    """{criterion id: Laming deadline} for a whole framework."""
    return {
        pk: criterion.laming_deadline
        for pk, criterion in criterion_index().items()
        if criterion.standard.framework_id == framework.pk
    }


def attach_criteria(items) -> None:
    """Give each answer or action (anything with a criterion_id) its criterion, standard,
    framework, recommendations and Laming deadline from the cached list instead of a join."""
    items = list(items)
    index = criterion_index()
    if any(item.criterion_id not in index for item in items):
        # Criteria written without signals (a raw SQL import): read them all again.
        index = criterion_index(reload=True)
    for item in items:
        item.criterion = index[item.criterion_id]
