"""A backup is only as good as its restore: restore into an empty database and compare."""

import datetime
import hashlib
import sqlite3
import subprocess
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from climbie_audit.backup import backup_database, portable_dump, portable_load
from standards.self_audit import rules as self_audit
from tests.standards.helpers import fill, submitted_return

KEPT_APPS = ("climbie_audit", "standards", "evaluations", "reports")


def to_milliseconds(value):
    # Django's serialisers keep datetimes to the millisecond; that is the backup's precision.
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def snapshot() -> dict[str, list[dict]]:
    """Every row of the service's own tables, in primary-key order."""
    rows = {}
    for label in KEPT_APPS:
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = [
                {k: to_milliseconds(v) for k, v in row.items()}
                for row in model.objects.order_by("pk").values()
            ]
    return rows


@pytest.fixture
def audit_data(transactional_db, council_a, framework, officer, director):
    first = submitted_return(council_a, framework, officer, director, ratings={"2.10": 2})
    revision = self_audit.start_revision(first.self_audit, director)
    fill(revision, officer, {"5.1": 3}, only={"5.1"})
    return first, revision


def test_portable_backup_restores_into_an_empty_database(audit_data, tmp_path):
    before = snapshot()
    assert before["standards.AuditReturn"] and before["standards.HistoricalAnswer"]
    dump = portable_dump(tmp_path / "backup.json")

    call_command("flush", interactive=False, verbosity=0)
    assert snapshot()["standards.Answer"] == []

    portable_load(dump)
    after = snapshot()
    for label, rows in before.items():
        assert after[label] == rows, label


def table_rows(cursor, table):
    cursor.execute(f"SELECT * FROM {table} ORDER BY id")
    return cursor.fetchall()


def service_tables():
    return [
        model._meta.db_table
        for label in KEPT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.auto_created
    ]


def rows_by_table(raw_connection, tables):
    cursor = raw_connection.cursor()
    try:
        return {table: [tuple(row) for row in table_rows(cursor, table)] for table in tables}
    finally:
        cursor.close()


def test_native_backup_restores_into_an_empty_database(audit_data, tmp_path):
    tables = service_tables()
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg2

        where = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}

        def open_database(name):
            return psycopg2.connect(dbname=name, **where)
    else:

        def open_database(name):
            return sqlite3.connect(name, uri=str(name).startswith("file:"))

    original = open_database(db["NAME"])
    expected = rows_by_table(original, tables)
    original.close()
    assert len(expected["standards_answer"]) == 108
    backup = backup_database(tmp_path / "native.backup")
    assert backup.stat().st_size > 0

    if connection.vendor == "postgresql":
        empty = f"restore_{uuid.uuid4().hex[:8]}"
        admin = open_database("postgres")
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{empty}"')
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", "-h", where["host"],
                 "-p", str(where["port"]), "-U", where["user"], "--dbname", empty, str(backup)],
                check=True,
            )  # fmt: skip
            restored = open_database(empty)
            try:
                assert rows_by_table(restored, tables) == expected
            finally:
                restored.close()
        finally:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{empty}"')
            admin.close()
    else:
        restored = open_database(str(backup))
        try:
            assert rows_by_table(restored, tables) == expected
        finally:
            restored.close()


def test_uploaded_evidence_is_backed_up_and_restored_with_the_database(
    audit_data, officer, tmp_path, settings
):
    """The backup and restore commands, portable kind: the rows and every stored file's bytes
    come back, checked against the SHA-256 each file was stored with."""
    import io
    from pathlib import Path

    from django.core.files.storage import default_storage

    from standards.evidence.file_checks import check_evidence
    from standards.evidence.rules import add_evidence
    from standards.models_evidence import EvidenceFile

    settings.MEDIA_ROOT = tmp_path / "media"
    _, revision = audit_data
    criterion = revision.answers.select_related("criterion").first().criterion
    for name, data in (("a.pdf", b"%PDF-1.4 first"), ("b.pdf", b"%PDF-1.4 second")):
        add_evidence(revision, criterion, check_evidence(name, io.BytesIO(data), None), officer)
    stored = {f.file.name: f.sha256 for f in EvidenceFile.objects.all()}
    before = snapshot()
    output = tmp_path / "backup.json"
    call_command("backup", "--portable", "--output", str(output), stdout=io.StringIO())
    assert Path(f"{output}.files.tar").stat().st_size > 0

    call_command("flush", interactive=False, verbosity=0)
    for name in stored:
        default_storage.delete(name)
    assert not any(default_storage.exists(name) for name in stored)

    call_command("restore", str(output), stdout=io.StringIO())
    assert snapshot() == before
    for name, sha256 in stored.items():
        with default_storage.open(name, "rb") as restored:
            assert hashlib.sha256(restored.read()).hexdigest() == sha256


def test_a_files_archive_cannot_write_outside_the_storage(tmp_path, settings):
    import io
    import tarfile

    from climbie_audit.backup import restore_files

    settings.MEDIA_ROOT = tmp_path / "media"
    hostile = tmp_path / "hostile.files.tar"
    with tarfile.open(hostile, "w") as archive:
        entry = tarfile.TarInfo("../../escaped.txt")
        entry.size = 4
        archive.addfile(entry, io.BytesIO(b"evil"))
    with pytest.raises(ValueError, match="is not a stored file's name"):
        restore_files(hostile)
    assert not (tmp_path / "escaped.txt").exists()
