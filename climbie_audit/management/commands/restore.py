from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from climbie_audit.backup import files_archive_for, portable_load, restore_database, restore_files


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`. Native backups go into an empty database "
        "(PostgreSQL: created and empty; SQLite: the file is replaced). Portable JSON backups "
        "load into a freshly migrated database. The uploaded files in <backup>.files.tar, if "
        "there, go back into the file storage."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source")
        parser.add_argument("--database-name", help="PostgreSQL: restore into this database")

    def handle(
        self, *args: Any, source: str, database_name: str | None = None, **options: Any
    ) -> None:
        path = Path(source)
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        if path.suffix == ".json":
            portable_load(path)
        else:
            restore_database(path, database_name)
        self.stdout.write(f"Restored {path}")
        files = files_archive_for(path)
        if files.exists():
            count = restore_files(files)
            self.stdout.write(f"Restored {count} uploaded files from {files}")
