from django.core.management.base import BaseCommand

from standards.framework.data import load_all_frameworks


class Command(BaseCommand):
    help = "Load (or refresh) every framework in fixtures/framework/. Safe to run repeatedly."

    def handle(self, *args, **options):
        for framework in load_all_frameworks():
            self.stdout.write(
                f"Loaded {framework.code} version {framework.version}: "
                f"{framework.standards.count()} standards, "
                f"{framework.recommendations.count()} recommendations"
            )
