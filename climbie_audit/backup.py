"""Backups that restore. PostgreSQL: pg_dump/pg_restore (custom format). SQLite: the online
backup API, which copies a consistent snapshot while the service runs. Either database:
a portable JSON dump (dumpdata/loaddata) that can move data between them.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from dj_database_url import DBConfig
from django.conf import settings
from django.core.management import call_command
from django.db import connection

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
