from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self) -> None:
        # Each kind of draft document says how it is rendered, for the task worker to find.
        import reports.cabinet.documents  # noqa: F401
        import reports.roles.documents  # noqa: F401
