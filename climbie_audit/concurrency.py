"""Optimistic concurrency shared by every editable record: a revision number, compare-and-swap.

A save names the revision it was edited from. claim() moves the revision on only if it is still
that one, in a single UPDATE, so the check holds even where SELECT FOR UPDATE is a no-op (SQLite)
and across app servers. A refused save raises a StaleEdit carrying what differs.
save_if_unchanged() is the whole save, for every record edited on one form
(docs/decisions/0002-optimistic-concurrency.md says why it is a helper and not a library).
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

if TYPE_CHECKING:
    from climbie_audit.models import User

# Any editable record: a model with a `revision` field (and perhaps `updated_by`).
M = TypeVar("M", bound=models.Model)


@dataclass
class Difference:
    label: str
    theirs: object
    mine: object


class StaleEdit(Exception):
    """Someone saved the record after the person saving now had loaded it."""

    def __init__(self, current: models.Model | None, differences: list[Difference]) -> None:
        super().__init__(f"{len(differences)} answers were changed by someone else")
        self.current = current
        self.differences = differences


def fingerprint(values: dict[str, object]) -> str:
    """A short digest of the values a page was rendered with, carried in the page (a hidden
    input) so that a save can tell what the person changed from what they merely loaded: a page
    claims only what changed, and saving an untouched page conflicts with nobody."""
    canonical = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def claim(model: type[models.Model], obj: models.Model, started_from: int) -> bool:
    """Take the next revision of `obj` if it is still at `started_from`."""
    return bool(
        model._default_manager.filter(pk=obj.pk, revision=started_from).update(
            revision=started_from + 1
        )
    )


def as_stored(name: str, value: object) -> object:
    return value


def save_if_unchanged(
    model: type[M],
    pk: object,
    started_from: int,
    values: dict[str, object],
    labels: dict[str, str],
    *,
    conflict: type[StaleEdit] = StaleEdit,
    user: "User | None" = None,
    shown: Callable[[str, object], object] = as_stored,
    refuse: Callable[[M], None] | None = None,
    related: Callable[[M], list[Difference]] | None = None,
) -> tuple[M, dict[str, object]]:
    """Save `values` (field name: value) onto the record, unless someone changed it since the
    revision `started_from` the person saving loaded it at.

    In one transaction: lock the record, let `refuse` object to any change at all (a final
    report, an issued evaluation), compare `values` with what is stored. If nothing differs,
    nothing is saved (whoever saved meanwhile saved the same). If something does, the save must
    start from the current revision and claim the next; otherwise `conflict` is raised with the
    record as it now stands and each difference, labelled by `labels` and shown by `shown`. A
    record someone has removed is a conflict with no current record. A record with `updated_by`
    records `user`.

    `related` gives the differences in rows saved with the record (a report's timetable, an
    evaluation's judgements), read once the record is locked; they count as the record's, so
    they too need the current revision. The caller saves those rows once this returns, inside
    its own transaction around this one.

    Returns the record and the stored values of the fields that changed (empty if none did).
    """
    with transaction.atomic():
        current = model._default_manager.select_for_update().filter(pk=pk).first()
        if current is None:
            raise conflict(None, [])
        if refuse is not None:
            refuse(current)
        before = {
            name: getattr(current, name)
            for name, value in values.items()
            if getattr(current, name) != value
        }
        differences = [
            Difference(labels[name], shown(name, old), shown(name, values[name]))
            for name, old in before.items()
        ]
        if related is not None:
            differences += related(current)
        if not differences:
            return current, before
        # Model declares no `revision`; every record saved here has one.
        if current.revision != started_from:  # type: ignore[attr-defined]
            raise conflict(current, differences)
        if not claim(model, current, started_from):
            # Someone saved between our read and our claim (SQLite takes no row lock).
            current.refresh_from_db()
            raise conflict(current, differences)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision = started_from + 1  # type: ignore[attr-defined]  # as above
        if _records_who_changed_it(model):
            current.updated_by = user  # type: ignore[attr-defined]  # checked just above
        current.save()
        return current, before


def _records_who_changed_it(model: type[models.Model]) -> bool:
    try:
        model._meta.get_field("updated_by")
    except FieldDoesNotExist:
        return False
    return True
