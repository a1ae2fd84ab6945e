from django.apps import AppConfig


class ClimbieAuditConfig(AppConfig):
    name = "climbie_audit"
    verbose_name = "Councils and people"

    def ready(self) -> None:
        from climbie_audit import audit_log, checks, sessions  # noqa: F401 -- checks registers itself
        from climbie_audit.accounts import middleware as accounts_middleware

        audit_log.connect()
        sessions.connect()
        accounts_middleware.connect()
