from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from climbie_audit.backup import backup_database, backup_files, files_archive_for, portable_dump


class Command(BaseCommand):
    help = (
        "Back up the database: pg_dump (custom format) on PostgreSQL, the SQLite online backup "
        "on SQLite, or with --portable a JSON dump that loads into either; the uploaded files "
        "(evidence documents) go into <backup>.files.tar beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="File to write (default: backups/<timestamp>.*)")
        parser.add_argument("--portable", action="store_true", help="JSON via dumpdata")

    def handle(
        self, *args: Any, output: str | None = None, portable: bool = False, **options: Any
    ) -> None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        suffix = ".json" if portable else ".backup"
        target = Path(output or f"backups/climbie-{stamp}{suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        path = portable_dump(target) if portable else backup_database(target)
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size:,} bytes)")
        files = files_archive_for(path)
        count = backup_files(files)
        self.stdout.write(f"{count} uploaded files written to {files}")
