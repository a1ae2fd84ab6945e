"""Below the ORM: the database itself refuses changes to a submitted return."""

import pytest
from django.db import DatabaseError, connection, transaction

from standards.models import ImmutableRecordError
from tests.standards.helpers import submitted_return


@pytest.fixture
def submitted(council_a, framework, officer, director):
    return submitted_return(council_a, framework, officer, director)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE standards_answer SET rating = 1 WHERE audit_return_id = %s",
        "UPDATE standards_auditreturn SET reference = 'forged' WHERE id = %s",
        "UPDATE standards_auditreturn SET status = 'draft' WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_a_submitted_return(submitted, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [submitted.pk])
    submitted.refresh_from_db()
    assert submitted.reference == "509-CLIMBIE-2003-V1" and submitted.is_submitted
    assert submitted.answers.filter(rating=4).count() == 54


def test_deleting_a_submitted_return_is_refused(submitted):
    if connection.vendor == "postgresql":
        # PostgreSQL refuses it by trigger, even in raw SQL.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM standards_answer WHERE audit_return_id = %s", [submitted.pk]
            )
    else:
        # SQLite has no delete trigger (see climbie_audit.immutability): the model layer refuses.
        with pytest.raises(ImmutableRecordError):
            submitted.answers.all().delete()
    assert submitted.answers.count() == 54


def test_drafts_stay_editable_in_sql(council_a, framework, officer):
    from tests.standards.helpers import draft_for

    draft = draft_for(council_a, framework, officer)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE standards_answer SET rating = 2 WHERE audit_return_id = %s", [draft.pk]
        )
    assert draft.answers.filter(rating=2).count() == 54
