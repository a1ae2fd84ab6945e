from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from climbie_audit.cache_generations import COUNCIL_FIGURES, NATIONAL_FIGURES
        from climbie_audit.models import Council
        from evaluations.models import Evaluation, StandardJudgement
        from standards.models import ActionPlan, AuditReturn, ImprovementAction, SelfAudit

        COUNCIL_FIGURES.follow(
            NATIONAL_FIGURES,
            {
                Council: "pk",
                SelfAudit: "council_id",
                AuditReturn: ("self_audit_id", SelfAudit, "council_id"),
                Evaluation: ("audit_return_id", AuditReturn, "self_audit__council_id"),
                StandardJudgement: (
                    "evaluation_id",
                    Evaluation,
                    "audit_return__self_audit__council_id",
                ),
                ActionPlan: ("self_audit_id", SelfAudit, "council_id"),
                ImprovementAction: ("plan_id", ActionPlan, "self_audit__council_id"),
            },
        )
