from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "standards"

    def ready(self):
        from climbie_audit.cache_generations import FRAMEWORK
        from standards.models import Criterion, Framework, Recommendation, Standard

        FRAMEWORK.follow(
            Framework, Standard, Recommendation, Criterion, m2m=[Criterion.recommendations.through]
        )
