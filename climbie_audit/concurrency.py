"""Optimistic concurrency shared by every editable record: a revision number, compare-and-swap.

A save names the revision it was edited from. claim() moves the revision on only if it is still
that one, in a single UPDATE, so the check holds even where SELECT FOR UPDATE is a no-op (SQLite)
and across app servers. A refused save raises a StaleEdit carrying what differs.
"""

from dataclasses import dataclass


@dataclass
class Difference:
    label: str
    theirs: object
    mine: object


class StaleEdit(Exception):
    """Someone saved the record after the person saving now had loaded it."""

    def __init__(self, current, differences: list[Difference]):
        super().__init__(f"{len(differences)} answers were changed by someone else")
        self.current = current
        self.differences = differences


def claim(model, obj, started_from: int) -> bool:
    """Take the next revision of `obj` if it is still at `started_from`."""
    return bool(
        model.objects.filter(pk=obj.pk, revision=started_from).update(revision=started_from + 1)
    )
