"""Texts stored before the limits: normalised where still editable, shortened where over the
limit (climbie_audit.text_migration; decision 0011). Limits are written out as they were when
this migration was made, so later changes to climbie_audit.limits do not rewrite history."""

import importlib

from django.db import migrations
from django.db.models import Q

from climbie_audit.immutability import install
from climbie_audit.text_migration import bound_existing


def forwards(apps, schema_editor):
    answer = apps.get_model("standards", "Answer")
    bound_existing(
        answer,
        {"evidence": 10_000, "improvement": 5_000, "lead_officer": 120},
        final=Q(audit_return__status="submitted"),
    )
    action = apps.get_model("standards", "ImprovementAction")
    bound_existing(action, {"title": 200, "action": 5_000, "lead_officer": 120})
    note = apps.get_model("standards", "ProgressNote")
    bound_existing(note, {"text": 2_000}, final=Q(pk__isnull=False))  # a record: kept as written


# A submitted return's answer over its limit must be shortened too (or the constraint cannot be
# added): its guard steps aside for this migration only.
GUARDS = importlib.import_module("standards.migrations.0004_immutability_triggers").GUARDS
guards_off, guards_on = install(GUARDS)[::-1]


class Migration(migrations.Migration):
    dependencies = [("standards", "0004_immutability_triggers")]

    operations = [
        migrations.RunPython(guards_off, guards_on),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(guards_on, guards_off),
    ]
