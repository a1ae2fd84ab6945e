"""Inspections of a council's services (seed 003): recorded by its director, changed with no
silent overwrites, then reported to cabinet."""

from django.db import transaction

from climbie_audit.concurrency import Difference, StaleEdit, claim
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


def record_inspection(council, user, values: dict) -> Inspection:
    return Inspection.objects.create(council=council, recorded_by=user, updated_by=user, **values)


def save_inspection(inspection: Inspection, user, started_from: int, values: dict) -> Inspection:
    with transaction.atomic():
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        differences = [
            Difference(INSPECTION_LABELS[name], getattr(current, name), value)
            for name, value in values.items()
            if getattr(current, name) != value
        ]
        if not differences:
            return current
        claimed = claim(Inspection, current, started_from)
        if current.revision != started_from or not claimed:
            current.refresh_from_db()
            raise InspectionConflict(current, differences)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision = started_from + 1
        current.updated_by = user
        current.save()
        return current
