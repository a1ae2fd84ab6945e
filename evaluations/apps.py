from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"

    def ready(self) -> None:
        # Each kind of draft document says how it is rendered, for the task worker to find.
        import evaluations.evaluation.documents  # noqa: F401
