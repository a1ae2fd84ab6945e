from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from climbie_audit.cache_generations import NATIONAL_FIGURES
        from climbie_audit.models import Council
        from evaluations.models import Evaluation, StandardJudgement
        from standards.models import ActionPlan, AuditReturn, ImprovementAction, SelfAudit

        NATIONAL_FIGURES.follow(
            Council,
            SelfAudit,
            AuditReturn,
            Evaluation,
            StandardJudgement,
            ActionPlan,
            ImprovementAction,
        )
