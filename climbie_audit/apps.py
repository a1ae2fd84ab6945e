from django.apps import AppConfig


class ClimbieAuditConfig(AppConfig):
    name = "climbie_audit"
    verbose_name = "Councils and people"

    def ready(self) -> None:
        from climbie_audit import (  # noqa: F401 -- checks registers itself
            audit_log,
            checks,
            limits,
            sessions,
        )
        from climbie_audit.accounts import middleware as accounts_middleware

        audit_log.connect()
        limits.connect()
        sessions.connect()
        accounts_middleware.connect()
