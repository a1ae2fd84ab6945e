import json

from django.core.management.base import BaseCommand, CommandError

from standards.framework.data import export_framework
from standards.models import Framework


class Command(BaseCommand):
    help = "Print the loaded framework as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--code", help="Framework code (default: the current framework).")
        parser.add_argument(
            "--framework-version", dest="framework_version", help="Framework version."
        )

    def handle(self, *args, code=None, framework_version=None, **options):
        frameworks = Framework.objects.all()
        if code:
            frameworks = frameworks.filter(code=code)
        if framework_version:
            frameworks = frameworks.filter(version=framework_version)
        framework = frameworks.current()
        if framework is None:
            raise CommandError("No framework is loaded. Run `manage.py load_framework` first.")
        self.stdout.write(json.dumps(export_framework(framework), indent=2, ensure_ascii=False))
