"""Every criterion of a framework, with its standard and Laming deadline, read once per
framework version and kept in the cache.

Pages that list many answers or actions used to join each row to its criterion, standard and
framework and load every criterion's recommendations to work out its Laming deadline: hundreds
of model objects built on every request for data that changes only when an administrator edits
the framework (climbie_audit/cache_generations.py starts a new generation when one does).
"""

import datetime

from django.core.cache import cache

from climbie_audit.cache_generations import FRAMEWORK

from .models import Criterion, Framework

# The latest list of each framework in this process as well, under the same key: unpickling 54
# criteria from the shared cache on every request cost as much as the join it replaced.
# Read-only: nothing changes a criterion it is given.
_in_process: dict[int, tuple[str, dict[int, Criterion]]] = {}


def criteria_of(framework: Framework) -> dict[int, Criterion]:
    key = f"framework-criteria:{framework.pk}:{FRAMEWORK.current()}"
    held = _in_process.get(framework.pk)
    if held is not None and held[0] == key:
        return held[1]
    criteria = cache.get(key)
    if criteria is None:
        criteria = {}
        for criterion in Criterion.objects.filter(
            standard__framework=framework
        ).with_framework_detail():
            criterion.laming_deadline  # noqa: B018 -- worked out (cached_property) before caching
            # The recommendations are only needed for the deadline: keep the cached copy small.
            criterion._prefetched_objects_cache = {}
            criteria[criterion.pk] = criterion
        cache.set(key, criteria, FRAMEWORK.seconds)
    _in_process[framework.pk] = (key, criteria)
    return criteria


def laming_deadlines(framework: Framework) -> dict[int, datetime.date | None]:
    """{criterion id: Laming deadline} for a whole framework."""
    return {pk: criterion.laming_deadline for pk, criterion in criteria_of(framework).items()}


def attach_criteria(items, framework: Framework) -> None:
    """Give each answer or action (anything with a criterion_id) its criterion, standard and
    Laming deadline from the cached list instead of a join."""
    criteria = criteria_of(framework)
    for item in items:
        item.criterion = criteria[item.criterion_id]
