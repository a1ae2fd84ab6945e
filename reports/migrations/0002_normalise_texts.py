"""Texts stored before the limits: normalised where still editable, shortened where over the
limit (climbie_audit.text_migration; decision 0011). Limits are written out as they were when
this migration was made, so later changes to climbie_audit.limits do not rewrite history."""

from django.db import migrations
from django.db.models import Q

from climbie_audit.text_migration import bound_existing


def forwards(apps, schema_editor):
    def model(name):
        return apps.get_model("reports", name)

    final = Q(report__status="final")
    bound_existing(
        model("CabinetReport"),
        {
            "council_heading": 120,
            "wards_affected": 200,
            "officer_title": 200,
            "title": 300,
            "decision_reason": 300,
            "final_for": 200,
        },
        final=Q(status="final"),
    )
    bound_existing(model("TimetableRow"), {"committee": 120}, final=final)
    bound_existing(model("ReportSection"), {"heading": 200, "body": 20_000}, final=final)
    bound_existing(model("RoleStatement"), {"title": 200, "preamble": 5_000})
    bound_existing(model("ResponsibleRole"), {"title": 200, "responsibilities": 5_000, "note": 2_000})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_cabinet_reports")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
