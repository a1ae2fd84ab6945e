from django.core.management.base import BaseCommand

from demo.seed import (
    DEMO_PASSWORD,
    seed_demo,
    seed_demo_audits,
    seed_demo_cabinet,
    seed_demo_reports,
)


class Command(BaseCommand):
    help = "Create demo councils and one person per role per council. Safe to run repeatedly."

    def handle(self, *args, **options):
        sign_ins = seed_demo()
        seed_demo_audits()
        seed_demo_cabinet()  # issue 6: an issued evaluation, an inspection, Derby's progress
        seed_demo_reports()  # issue 14: the reports of July 2003 and March 2004
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, role, where in sign_ins:
            self.stdout.write(f"  {username:<48} {role:<16} {where}")
