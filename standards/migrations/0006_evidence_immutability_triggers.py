from django.db import migrations

from climbie_audit.immutability import Guard, install

# A submitted version's evidence, like its answers, is refused below the ORM too.
GUARDS = [
    Guard(
        name="standards_evidencelink_submitted_is_final",
        table="standards_evidencelink",
        condition=(
            "EXISTS (SELECT 1 FROM standards_auditreturn "
            "WHERE id = OLD.audit_return_id AND status = 'submitted')"
        ),
        message="Evidence of a submitted return cannot be changed",
    ),
    Guard(
        name="standards_evidencefile_submitted_is_final",
        table="standards_evidencefile",
        condition=(
            "EXISTS (SELECT 1 FROM standards_evidencelink link "
            "JOIN standards_auditreturn r ON r.id = link.audit_return_id "
            "WHERE link.file_id = OLD.id AND r.status = 'submitted')"
        ),
        message="A document of a submitted return cannot be changed",
    ),
]

forwards, backwards = install(GUARDS)


class Migration(migrations.Migration):
    dependencies = [("standards", "0005_evidence_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
