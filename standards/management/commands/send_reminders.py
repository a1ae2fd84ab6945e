"""Daily reminders and digests, run from cron: `manage.py send_reminders`. Safe to run twice, or
twice at once: each reminder and each day's digest is sent once."""

import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from climbie_audit.notifications.rules import send_digests
from standards.reminders.rules import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due today and the daily digests of notifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="The day to remind as of (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args: object, **options: object) -> None:
        today = options.get("date") or timezone.localdate()
        assert isinstance(today, datetime.date)
        sent = send_due_reminders(today)
        digests = send_digests(today)
        self.stdout.write(
            f"{sent.actions_due} action due, {sent.actions_overdue} action overdue and "
            f"{sent.returns_due} return due reminders; {digests} digests."
        )
