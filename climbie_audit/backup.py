"""Backups that restore. PostgreSQL: pg_dump/pg_restore (custom format). SQLite: the online
backup API, which copies a consistent snapshot while the service runs. Either database:
a portable JSON dump (dumpdata/loaddata) that can move data between them.

Uploaded files (evidence documents) are not in the database: beside each backup a tar archive
holds every file a row names, read and written through Django's storage API, so it works the
same with the file system and with S3.
"""

import io
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from dj_database_url import DBConfig
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models

# Rows Django rebuilds itself, or that should not outlive the running service.
PORTABLE_EXCLUDES = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def database_settings(alias: str = "default") -> DBConfig:
    return settings.DATABASES[alias]


def postgres_env(db: DBConfig) -> tuple[list[str], dict[str, str]]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {}
    return args, env


def backup_database(target: Path) -> Path:
    """Write a native backup of the default database to `target` and return its path."""
    db = database_settings()
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        args, env = postgres_env(db)
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args, db["NAME"]],
            check=True,
            env={**_os_environ(), **env},
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
    else:
        raise RuntimeError(f"No native backup for {connection.vendor}; use --portable")
    return target


def restore_database(source: Path, database_name: str | None = None) -> None:
    """Restore a native backup. PostgreSQL restores into `database_name` (default: the
    configured database), which must exist and be empty; SQLite replaces the database file."""
    db = database_settings()
    if connection.vendor == "postgresql":
        args, env = postgres_env(db)
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                database_name or db["NAME"],
                *args,
                str(source),
            ],
            check=True,
            env={**_os_environ(), **env},
        )
    elif connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(source, database_name or db["NAME"])
    else:
        raise RuntimeError(f"No native restore for {connection.vendor}")


def portable_dump(target: Path) -> Path:
    with open(target, "w", encoding="utf-8") as out:
        call_command(
            "dumpdata",
            exclude=PORTABLE_EXCLUDES,
            natural_foreign=True,
            indent=None,
            stdout=out,
        )
    return Path(target)


def portable_load(source: Path) -> None:
    call_command("loaddata", str(source), verbosity=0)


def _os_environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def files_archive_for(backup: Path) -> Path:
    """Where the uploaded files of a backup are kept: beside it, `<backup>.files.tar`."""
    return backup.with_name(backup.name + ".files.tar")


def stored_file_names() -> list[str]:
    """Every stored file a row of the service names, found through the models' FileFields (so
    this base module needs to know none of the apps that upload files)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                stored = model._default_manager.exclude(**{field.name: ""})
                names.update(stored.values_list(field.name, flat=True))
    return sorted(names)


def backup_files(target: Path) -> int:
    """Write every stored file into a tar archive at `target`; returns how many."""
    names = stored_file_names()
    with tarfile.open(target, "w") as archive:
        for name in names:
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))
    return len(names)


def restore_files(source: Path) -> int:
    """Put the archive's files back into storage under their own names; returns how many.
    Only plain files with plain relative names are read: an archive cannot write elsewhere."""
    restored = 0
    with tarfile.open(source, "r") as archive:
        for entry in archive.getmembers():
            name = PurePosixPath(entry.name)
            if not entry.isfile() or name.is_absolute() or ".." in name.parts:
                raise ValueError(f"{entry.name!r} is not a stored file's name")
            data = archive.extractfile(entry)
            assert data is not None  # a regular file always has data
            if default_storage.exists(entry.name):
                default_storage.delete(entry.name)
            saved = default_storage.save(entry.name, ContentFile(data.read()))
            if saved != entry.name:
                raise ValueError(f"{entry.name!r} was stored as {saved!r}")
            restored += 1
    return restored
