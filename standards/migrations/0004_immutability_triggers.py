from django.db import migrations

from climbie_audit.immutability import Guard, install

GUARDS = [
    Guard(
        name="standards_auditreturn_submitted_is_final",
        table="standards_auditreturn",
        condition="OLD.status = 'submitted'",
        message="A submitted return cannot be changed",
    ),
    Guard(
        name="standards_answer_submitted_is_final",
        table="standards_answer",
        condition=(
            "EXISTS (SELECT 1 FROM standards_auditreturn "
            "WHERE id = OLD.audit_return_id AND status = 'submitted')"
        ),
        message="Answers of a submitted return cannot be changed",
    ),
]

forwards, backwards = install(GUARDS)


class Migration(migrations.Migration):
    dependencies = [("standards", "0003_action_plans")]

    operations = [migrations.RunPython(forwards, backwards)]
