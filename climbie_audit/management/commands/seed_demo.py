from django.core.management.base import BaseCommand

from climbie_audit.demo import DEMO_PASSWORD, seed_demo, seed_demo_audits


class Command(BaseCommand):
    help = "Create demo councils and one person per role per council. Safe to run repeatedly."

    def handle(self, *args, **options):
        sign_ins = seed_demo()
        seed_demo_audits()
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, role, where in sign_ins:
            self.stdout.write(f"  {username:<48} {role:<16} {where}")
