"""Texts stored before the limits: normalised where still editable, shortened where over the
limit (climbie_audit.text_migration; decision 0011). Limits are written out as they were when
this migration was made, so later changes to climbie_audit.limits do not rewrite history."""

from django.db import migrations
from django.db.models import Q

from climbie_audit.text_migration import bound_existing

INSPECTION_PARTS = (
    "about",
    "priority_actions",
    "development_areas",
    "strengths",
    "satisfactory_areas",
    "council_response",
    "actions_taken",
)


def forwards(apps, schema_editor):
    def model(name):
        return apps.get_model("evaluations", name)

    issued = Q(evaluation__status="issued")
    bound_existing(
        model("Evaluation"),
        {"overall_serving_text": 10_000, "overall_capacity_text": 10_000},
        final=Q(status="issued"),
    )
    bound_existing(model("StandardJudgement"), {"text": 10_000}, final=issued)
    bound_existing(model("Finding"), {"description": 5_000}, final=issued)
    bound_existing(model("CouncilResponse"), {"text": 20_000}, final=Q(pk__isnull=False))
    bound_existing(
        model("Inspection"),
        {"inspectorate": 120, "inspection_type": 200, "services_inspected": 300}
        | dict.fromkeys(INSPECTION_PARTS, 20_000),
    )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_inspections")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
