"""Editing a cabinet report and its sections, with no silent overwrites: a save from an
out-of-date page is refused with what differs (climbie_audit.concurrency); a final report never
changes."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from climbie_audit.concurrency import Difference, StaleEdit, save_if_unchanged
from climbie_audit.models import User
from reports.cabinet.words import long_date
from reports.models import (
    CabinetReport,
    DecisionMaker,
    ForwardPlan,
    ReportSection,
    TimetableRow,
)
from standards.models import ImmutableRecordError


class ReportConflict(StaleEdit):
    """Someone saved the report (or section) after the person saving now had loaded it."""


FIELD_LABELS = {
    "council_heading": "Council name as printed",
    "wards_affected": "Wards affected",
    "officer_title": "Report of the",
    "title": "Title",
    "timetable": "Forward timetable of meetings",
    "key_decision": "Key decision",
    "decision_reason": "Reason",
    "forward_plan": "Appeared in forward plan",
    "decision_maker": "Executive or council decision",
    "other_implications": "Other implications",
    "heading": "Heading",
    "body": "Text",
}


def _shown(name: str, value: Any) -> object:  # value: the field's stored value, by name
    if name == "timetable":
        return "; ".join(f"{c}, {long_date(d)}" for c, d in value) or "None"
    if name == "other_implications":
        return "; ".join(
            f"{row['name']}: {'Yes' if row['applies'] else 'No'}"
            + (f" ({row['reference']})" if row.get("reference") else "")
            for row in value
        )
    if name == "key_decision":
        return "Yes" if value else "No"
    if name == "forward_plan":
        return ForwardPlan(value).label if value in ForwardPlan.values else value
    if name == "decision_maker":
        return DecisionMaker(value).label if value in DecisionMaker.values else value
    return value


def timetable_of(report: CabinetReport) -> list[tuple[str, datetime.date]]:
    return [(row.committee, row.meeting_date) for row in report.timetable.all()]


def _refuse_if_final(report: CabinetReport) -> None:
    if report.is_final:
        raise ImmutableRecordError("This report is final and cannot change.")


def save_report(
    report: CabinetReport,
    user: User,
    started_from: int,
    values: dict[str, object],
    timetable: list[tuple[str, datetime.date]] | None = None,
) -> CabinetReport:
    """Save some of the report's own fields (and, from the front matter page, its timetable).

    If someone saved since revision `started_from` and what they saved differs from what this
    user is saving, nothing is saved and ReportConflict lists the differences.
    """
    # The timetable is saved with the report, under its revision: read once the report is
    # locked, then saved once it is.
    stored_timetable: list[tuple[str, datetime.date]] = []

    def timetable_difference(current: CabinetReport) -> list[Difference]:
        stored_timetable.extend(timetable_of(current))
        if stored_timetable == timetable:
            return []
        shown = _shown("timetable", stored_timetable), _shown("timetable", timetable)
        return [Difference(FIELD_LABELS["timetable"], *shown)]

    with transaction.atomic():
        current, _ = save_if_unchanged(
            CabinetReport,
            report.pk,
            started_from,
            values,
            FIELD_LABELS,
            conflict=ReportConflict,
            user=user,
            shown=_shown,
            refuse=_refuse_if_final,
            related=timetable_difference if timetable is not None else None,
        )
        if timetable is not None and stored_timetable != timetable:
            current.timetable.all().delete()
            TimetableRow.objects.bulk_create(
                TimetableRow(report=current, position=i, committee=c, meeting_date=d)
                for i, (c, d) in enumerate(timetable, start=1)
            )
        return current


def save_section(
    section: ReportSection, user: User, started_from: int, values: dict[str, object]
) -> ReportSection:
    with transaction.atomic():
        current, before = save_if_unchanged(
            ReportSection,
            section.pk,
            started_from,
            values,
            FIELD_LABELS,
            conflict=ReportConflict,
            user=user,
            refuse=lambda current: _refuse_if_final(
                CabinetReport.objects.get(pk=current.report_id)
            ),
        )
        if before:
            # The report's "last changed" follows its sections.
            CabinetReport.objects.filter(pk=current.report_id).update(
                updated_at=timezone.now(), updated_by=user
            )
        return current
