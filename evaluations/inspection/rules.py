"""Inspections of a council's services (seed 003): recorded by its director, changed with no
silent overwrites, then reported to cabinet."""

from climbie_audit.concurrency import StaleEdit, save_if_unchanged
from climbie_audit.models import Council, User
from evaluations.models import Inspection

# =============================================================================================
# Inspections (seed 003): recorded by the council, then reported to cabinet.
# =============================================================================================


class InspectionConflict(StaleEdit):
    """Someone saved the inspection after the person saving now had loaded it."""


INSPECTION_LABELS = {
    "inspectorate": "Inspectorate",
    "inspection_type": "Type of inspection",
    "services_inspected": "Services inspected",
    "started_on": "First day of the inspection",
    "ended_on": "Last day of the inspection",
    "about": "About the inspection",
    "priority_actions": "Areas for priority action",
    "development_areas": "Areas for development",
    "strengths": "Strengths",
    "satisfactory_areas": "Areas delivered satisfactorily",
    "council_response": "The council's response",
    "actions_taken": "Actions already taken",
}


def record_inspection(council: Council, user: User, values: dict[str, object]) -> Inspection:
    return Inspection.objects.create(council=council, recorded_by=user, updated_by=user, **values)


def save_inspection(
    inspection: Inspection, user: User, started_from: int, values: dict[str, object]
) -> Inspection:
    current, _ = save_if_unchanged(
        Inspection,
        inspection.pk,
        started_from,
        values,
        INSPECTION_LABELS,
        conflict=InspectionConflict,
        user=user,
    )
    return current
