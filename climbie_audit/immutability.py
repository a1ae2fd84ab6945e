"""Database triggers that refuse changes to records the service has made final.

The model layer already refuses them; triggers make the database itself refuse, so raw SQL,
bulk updates or another program cannot alter a submitted return or an issued evaluation.
SQLite gets UPDATE triggers only: Django's test flush empties SQLite tables with DELETE, and
deleting is refused by the model layer there. PostgreSQL gets UPDATE and DELETE triggers (its
flush uses TRUNCATE, which row triggers do not see).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps.registry import Apps
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# What a migration's RunPython runs: (the historical apps, the schema editor) -> None.
MigrationStep = Callable[[Apps, BaseDatabaseSchemaEditor], None]


@dataclass(frozen=True)
class Guard:
    """Refuse changes to rows of `table` when `condition` (SQL over OLD) holds."""

    name: str
    table: str
    condition: str
    message: str


def _postgres_sql(guard: Guard) -> tuple[str, str]:
    function = f"{guard.name}_refuse"
    create = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            IF {guard.condition} THEN
                RAISE EXCEPTION '{guard.message}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {guard.name} ON {guard.table};
        CREATE TRIGGER {guard.name} BEFORE UPDATE OR DELETE ON {guard.table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
    """
    drop = f"""
        DROP TRIGGER IF EXISTS {guard.name} ON {guard.table};
        DROP FUNCTION IF EXISTS {function}();
    """
    return create, drop


def _sqlite_sql(guard: Guard) -> tuple[str, str]:
    create = f"""
        CREATE TRIGGER IF NOT EXISTS {guard.name} BEFORE UPDATE ON {guard.table}
        WHEN {guard.condition}
        BEGIN SELECT RAISE(ABORT, '{guard.message}'); END;
    """
    return create, f"DROP TRIGGER IF EXISTS {guard.name};"


def install(guards: Iterable[Guard]) -> tuple[MigrationStep, MigrationStep]:
    def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _run(schema_editor, guards, 0)

    def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _run(schema_editor, guards, 1)

    return forwards, backwards


def _run(schema_editor: BaseDatabaseSchemaEditor, guards: Iterable[Guard], which: int) -> None:
    vendor = schema_editor.connection.vendor
    build = {"postgresql": _postgres_sql, "sqlite": _sqlite_sql}.get(vendor)
    if build is None:
        return
    for guard in guards:
        sql = build(guard)[which]
        if vendor == "sqlite":
            schema_editor.execute(sql)
        else:
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)
