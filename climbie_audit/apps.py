from django.apps import AppConfig


class ClimbieAuditConfig(AppConfig):
    name = "climbie_audit"
    verbose_name = "Councils and people"

    def ready(self) -> None:
        from climbie_audit import audit_log, sessions

        audit_log.connect()
        sessions.connect()
