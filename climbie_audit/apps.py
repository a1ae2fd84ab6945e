from django.apps import AppConfig


class ClimbieAuditConfig(AppConfig):
    name = "climbie_audit"
    verbose_name = "Councils and people"
