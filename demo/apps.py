from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and national data, on top of every other app: nothing imports from here."""

    name = "demo"
    verbose_name = "Demo and national data"
