"""The parts of a cabinet paper a council decides (issue 15): which sections it prints and in what
order, sections of its own, and its appendices and their order, attached PDF documents included.

Every change names the structure revision the person's page showed (CabinetReport.
structure_revision) and is refused with StructureConflict if anyone changed the structure since:
a move or a removal means something only against the order the person saw. A change that changes
nothing (moving the first section up) records nothing. A final report refuses every change.
Renaming a drafted section is the section's own edit (reports.cabinet.saving.save_section).
"""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from climbie_audit.models import User
from reports.cabinet.layout import body_keys
from reports.cabinet.styles import style_named
from reports.models import (
    APPENDIX_ORDER,
    CabinetReport,
    ReportAttachment,
    ReportSection,
    attachment_pk,
)
from reports.paper_parts.attached_pdf import CheckedPdf
from standards.models import ImmutableRecordError

UP, DOWN = "up", "down"
OWN_PREFIX = "own-"


class StructureConflict(Exception):
    """Someone changed the paper's sections or appendices after the person's page was loaded."""

    def __init__(self, current: CabinetReport) -> None:
        super().__init__("The sections or appendices were changed by someone else")
        self.current = current


class UnknownPart(LookupError):
    """The page named a section or appendix the paper does not have (a forged or mangled form)."""


@dataclass
class Change:
    """The report as locked for a change, and whether the change did anything."""

    report: CabinetReport
    changed: bool = False


@contextlib.contextmanager
def structure_change(report: CabinetReport, user: User, started_from: int) -> Iterator[Change]:
    """Lock the report, refuse a final one or a stale page, let the caller change the structure,
    then take the next structure revision, only if something changed."""
    with transaction.atomic():
        current = CabinetReport.objects.select_for_update().filter(pk=report.pk).first()
        if current is None or current.is_final:
            raise ImmutableRecordError("This report is final and cannot change.")
        if current.structure_revision != started_from:
            raise StructureConflict(current)
        change = Change(current)
        yield change
        if change.changed:
            CabinetReport.objects.filter(pk=current.pk).update(
                structure_revision=F("structure_revision") + 1,
                updated_at=timezone.now(),
                updated_by=user,
            )


# --- Sections ---------------------------------------------------------------------------------


def body_sections(report: CabinetReport) -> list[ReportSection]:
    """The sections the paper's body prints in its order, left-out ones included (in their
    place); the style prints the others elsewhere (its front box, its implications appendix)."""
    elsewhere = body_keys(style_named(report.house_style))
    return [s for s in report.sections.order_by("position", "pk") if s.key not in elsewhere]


def _renumber(report: CabinetReport, body: list[ReportSection]) -> None:
    """Positions 1, 2, 3 … for the body in the given order, then the sections printed elsewhere
    (their own order is the style's)."""
    keys = [s.key for s in body]
    rest = [s for s in report.sections.order_by("position", "pk") if s.key not in keys]
    ordered = body + rest
    for position, section in enumerate(ordered, start=1):
        section.position = position
    ReportSection.objects.bulk_update(ordered, ["position"])


def move_section(
    report: CabinetReport, user: User, started_from: int, key: str, direction: str
) -> bool:
    with structure_change(report, user, started_from) as change:
        body = body_sections(change.report)
        change.changed = _move(body, [s.key for s in body].index(_known(body, key)), direction)
        if change.changed:
            _renumber(change.report, body)
    return change.changed


def set_section_included(
    report: CabinetReport, user: User, started_from: int, key: str, included: bool
) -> bool:
    with structure_change(report, user, started_from) as change:
        body = body_sections(change.report)
        section = body[[s.key for s in body].index(_known(body, key))]
        change.changed = section.included != included
        if change.changed:
            ReportSection.objects.filter(pk=section.pk).update(
                included=included, updated_at=timezone.now(), updated_by=user
            )
    return change.changed


def add_own_section(
    report: CabinetReport,
    user: User,
    started_from: int,
    *,
    heading: str,
    body: str,
    after: str | None,
) -> ReportSection:
    """A section of the council's own, printed after the section `after` (None: first)."""
    with structure_change(report, user, started_from) as change:
        sections = body_sections(change.report)
        index = 0 if not after else [s.key for s in sections].index(_known(sections, after)) + 1
        section = ReportSection.objects.create(
            report=change.report,
            position=0,
            key=_next_own_key(change.report),
            heading=heading,
            body=body,
            own=True,
            updated_by=user,
        )
        sections.insert(index, section)
        _renumber(change.report, sections)
        change.changed = True
    return section


def delete_own_section(report: CabinetReport, user: User, started_from: int, key: str) -> bool:
    with structure_change(report, user, started_from) as change:
        section = change.report.sections.filter(key=key, own=True).first()
        if section is None:
            raise UnknownPart(key)
        section.delete()
        change.changed = True
    return True


def _next_own_key(report: CabinetReport) -> str:
    taken = set(report.sections.filter(key__startswith=OWN_PREFIX).values_list("key", flat=True))
    number = 1
    while f"{OWN_PREFIX}{number}" in taken:
        number += 1
    return f"{OWN_PREFIX}{number}"


# --- Appendices -------------------------------------------------------------------------------


def move_appendix(
    report: CabinetReport, user: User, started_from: int, key: str, direction: str
) -> bool:
    with structure_change(report, user, started_from) as change:
        chosen = change.report.appendix_list()
        change.changed = _move(chosen, chosen.index(_known_key(chosen, key)), direction)
        if change.changed:
            _save_appendices(change.report, chosen)
    return change.changed


def remove_appendix(report: CabinetReport, user: User, started_from: int, key: str) -> bool:
    """Take an appendix out of the paper; an attached document is deleted with it."""
    with structure_change(report, user, started_from) as change:
        chosen = change.report.appendix_list()
        chosen.remove(_known_key(chosen, key))
        pk = attachment_pk(key)
        if pk is not None:
            ReportAttachment.objects.filter(report=change.report, pk=pk).delete()
        _save_appendices(change.report, chosen)
        change.changed = True
    return True


def choose_drafted_appendices(
    report: CabinetReport, user: User, started_from: int, wanted: list[str]
) -> bool:
    """The drafted appendices ticked: those kept stay where the council put them, attached
    documents too, and each new one goes where the usual order puts it among the drafted ones
    (before the first that usually follows it, else after the last)."""
    with structure_change(report, user, started_from) as change:
        before = change.report.appendix_list()
        after = [key for key in before if attachment_pk(key) is not None or key in wanted]
        for key in APPENDIX_ORDER:
            if key in wanted and key not in after:
                after.insert(_usual_place(after, key), key)
        change.changed = after != before
        if change.changed:
            _save_appendices(change.report, after)
    return change.changed


def _usual_place(keys: list[str], key: str) -> int:
    rank = APPENDIX_ORDER.index(key)
    drafted = [(i, APPENDIX_ORDER.index(k)) for i, k in enumerate(keys) if k in APPENDIX_ORDER]
    following = [i for i, other in drafted if other > rank]
    if following:
        return following[0]
    return drafted[-1][0] + 1 if drafted else 0


def attach_pdf(
    report: CabinetReport, user: User, started_from: int, *, title: str, checked: CheckedPdf
) -> ReportAttachment:
    """The checked document as the paper's last appendix."""
    with structure_change(report, user, started_from) as change:
        attachment = ReportAttachment.objects.create(
            report=change.report,
            title=title,
            file_name=checked.file_name,
            content=checked.data,
            pages=checked.pages,
            uploaded_by=user,
        )
        _save_appendices(change.report, [*change.report.appendix_list(), attachment.key])
        change.changed = True
    return attachment


def rename_attachment(
    report: CabinetReport, user: User, started_from: int, attachment: ReportAttachment, title: str
) -> bool:
    with structure_change(report, user, started_from) as change:
        change.changed = attachment.title != title
        if change.changed:
            ReportAttachment.objects.filter(pk=attachment.pk, report=change.report).update(
                title=title
            )
    return change.changed


def _save_appendices(report: CabinetReport, chosen: list[str]) -> None:
    CabinetReport.objects.filter(pk=report.pk).update(appendices=chosen)


# --- Shared -----------------------------------------------------------------------------------


def _move(items: list[Any], index: int, direction: str) -> bool:
    """Swap the item at `index` with its neighbour above or below; False at either end."""
    other = index - 1 if direction == UP else index + 1
    if other < 0 or other >= len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


def _known(sections: list[ReportSection], key: str) -> str:
    if key not in {s.key for s in sections}:
        raise UnknownPart(key)
    return key


def _known_key(keys: list[str], key: str) -> str:
    if key not in keys:
        raise UnknownPart(key)
    return key
