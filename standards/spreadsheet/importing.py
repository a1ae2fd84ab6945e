"""Importing a checked workbook into the draft: what it would change (the preview), kept in the
session between preview and confirmation, then applied in one transaction with no silent
overwrites."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from climbie_audit.models import User
from standards.models import Answer, AuditReturn, Criterion
from standards.self_audit.rules import FIELD_LABELS, save_answers
from standards.spreadsheet.reading import cell_text

IMPORT_REASON = "Imported from a spreadsheet"


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    cleared: bool  # the answer had a value and the spreadsheet cell is empty


@dataclass
class PlannedChange:
    criterion: Criterion
    revision: int
    values: dict[str, Any]  # an answer's editable fields, as Answer.values()
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def clears(self) -> int:
        return sum(1 for f in self.fields if f.cleared)


def display(name: str, value: object) -> str:
    if value in (None, ""):
        return "Not rated" if name == "rating" else "None"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Each answer field that differs, old → new, as the preview shows it."""
    return [
        FieldChange(
            name,
            FIELD_LABELS[name],
            display(name, old[name]),
            display(name, value),
            cleared=value in (None, ""),
        )
        for name, value in new.items()
        if old[name] != value
    ]


def _same_text(old: str, new: str) -> bool:
    """Text that only differs in what a spreadsheet cannot hold counts as unchanged."""
    return cell_text(ILLEGAL_CHARACTERS_RE.sub("", old or "")) == new


def plan_import(draft: AuditReturn, incoming: dict[int, dict[str, Any]]) -> list[PlannedChange]:
    """What applying the workbook would change, criterion by criterion, in framework order."""
    planned: list[PlannedChange] = []
    for answer in draft.answers.with_criteria().in_framework_order():
        new = incoming.get(answer.criterion_id)
        if new is None:
            continue
        old = answer.values()
        values = dict(new)
        for name in ("evidence", "improvement", "lead_officer"):
            if _same_text(old[name], values[name]):
                values[name] = old[name]
        if values == old:
            continue
        planned.append(
            PlannedChange(answer.criterion, answer.revision, values, field_changes(old, values))
        )
    return planned


# Between the preview and the confirmation the plan is kept server-side (in the session) as
# plain JSON, with the revision of each answer at preview time.


# A pending import is plain JSON, kept in the session.
def pending_import(draft: AuditReturn, plan: list[PlannedChange], filename: str) -> dict[str, Any]:
    return {
        "token": uuid.uuid4().hex,
        "draft": draft.pk,
        "filename": filename,
        "changes": {
            str(change.criterion.pk): {
                "revision": change.revision,
                "values": {
                    **change.values,
                    "target_date": change.values["target_date"].isoformat()
                    if change.values["target_date"]
                    else None,
                },
            }
            for change in plan
        },
    }


def _changes_of(pending: dict[str, Any]) -> dict[int, tuple[int, dict[str, Any]]]:
    changes: dict[int, tuple[int, dict[str, Any]]] = {}
    for criterion_id, change in pending["changes"].items():
        values = dict(change["values"])
        if values["target_date"]:
            values["target_date"] = datetime.date.fromisoformat(values["target_date"])
        changes[int(criterion_id)] = (change["revision"], values)
    return changes


@dataclass
class Preview:
    changes: list[PlannedChange]
    changed_since: list[Criterion]  # someone saved these after the upload was checked

    @property
    def clears(self) -> int:
        return sum(change.clears for change in self.changes)


def preview(draft: AuditReturn, pending: dict[str, Any]) -> Preview:
    """The pending import against the answers as they stand now."""
    changes = _changes_of(pending)
    shown: list[PlannedChange] = []
    changed_since: list[Criterion] = []
    for answer in (
        draft.answers.with_criteria().in_framework_order().filter(criterion_id__in=changes)
    ):
        revision, values = changes[answer.criterion_id]
        old = answer.values()
        if old == values:
            continue  # someone made the same change meanwhile: nothing left to do
        if answer.revision != revision:
            changed_since.append(answer.criterion)
        shown.append(PlannedChange(answer.criterion, revision, values, field_changes(old, values)))
    return Preview(changes=shown, changed_since=changed_since)


def apply_import(draft: AuditReturn, user: User, pending: dict[str, Any]) -> list[Answer]:
    """Apply a confirmed import in one transaction; EditConflict if anyone saved in between."""
    return save_answers(draft, user, _changes_of(pending), reason=IMPORT_REASON)
