"""Bringing texts stored before the limits (climbie_audit.limits) within them, for the data
migrations that come before each app's length constraints.

- Records people can still change are normalised (line endings, trailing spaces), so the first
  save of an untouched page records nothing.
- Records made final (a submitted return's answers, an issued evaluation, a final report, a
  recorded response or progress note) keep their exact text: they are a record of what was sent.
- A text over its limit, final or not, is shortened to the limit with a marker saying so, so the
  constraint can be added and the migration never fails. The demo data has none; a log line
  names each one shortened (decision 0011).
"""

import logging

from django.db import models

from climbie_audit import limits

logger = logging.getLogger(__name__)

MARKER = "\n[Shortened to the {limit:,}-character limit when limits were introduced]"


def shortened(value: str, limit: int) -> str:
    marker = MARKER.format(limit=limit)
    return value[: limit - len(marker)].rstrip() + marker


def bound_existing(
    model: type[models.Model], fields: dict[str, int], final: models.Q | None = None
) -> int:
    """Normalise the texts `fields` (name: limit) of `model`'s rows not matching `final`, and
    shorten any text over its limit. Returns how many rows changed."""
    manager = model._default_manager
    final_ids = set(manager.filter(final).values_list("pk", flat=True)) if final else set()
    changed_rows = 0
    for row in manager.values("pk", *fields).iterator():
        changes: dict[str, str] = {}
        for name, limit in fields.items():
            stored = row[name]
            if not isinstance(stored, str):
                continue
            value = stored if row["pk"] in final_ids else limits.normalise_text(stored)
            if len(value) > limit:
                logger.warning("%s %s: %s shortened to %s", model.__name__, row["pk"], name, limit)
                value = shortened(value, limit)
            if value != stored:
                changes[name] = value
        if changes:
            manager.filter(pk=row["pk"]).update(**changes)
            changed_rows += 1
    return changed_rows
