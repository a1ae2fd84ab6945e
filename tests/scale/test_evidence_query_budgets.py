"""Query budgets of the pages that list evidence documents and SSI queries (issue 18): the same
number of queries with one document or query as with many, and within each page's budget."""

import contextlib
import io

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from evaluations.challenge import rules as challenge
from standards.evidence.file_checks import check_evidence
from standards.evidence.rules import add_evidence
from standards.models import Criterion
from tests.evaluations.helpers import start
from tests.standards.helpers import submitted_return

BUDGETS = {
    "criterion's evidence": 12,
    "version's evidence": 11,
    "council's queries": 9,
    "query thread": 13,
    "evaluation with queries": 16,
    "task list with queries": 14,
    "inspector workspace with queries": 12,
}


class Rollback(Exception):
    pass


@pytest.fixture
def setting(settings, tmp_path, framework, council_a, officer, director, inspector):
    settings.MEDIA_ROOT = tmp_path / "media"
    submitted = submitted_return(council_a, framework, officer, director)
    evaluation = start(submitted, inspector)
    from standards.self_audit.rules import start_revision

    draft = start_revision(submitted.self_audit, director)
    first_query = challenge.raise_query(evaluation, _criterion("1.1"), inspector, "Query 0")
    as_officer, as_inspector = Client(), Client()
    as_officer.force_login(officer)
    as_inspector.force_login(inspector)
    pages = {
        "criterion's evidence": (as_officer, f"/councils/509/self-audit/versions/{draft.number}/evidence/criteria/1.1/"),
        "version's evidence": (as_officer, f"/councils/509/self-audit/versions/{draft.number}/evidence/"),
        "council's queries": (as_officer, "/councils/509/queries/"),
        "query thread": (as_officer, f"/councils/509/queries/{first_query.pk}/"),
        "evaluation with queries": (as_inspector, f"/councils/509/evaluations/{evaluation.pk}/"),
        "task list with queries": (as_officer, "/councils/509/self-audit/"),
        "inspector workspace with queries": (as_inspector, "/inspector/"),
    }  # fmt: skip
    return draft, evaluation, first_query, officer, inspector, pages


def _criterion(code):
    standard, number = code.split(".")
    return Criterion.objects.get(standard__number=standard, number=number)


def _more(setting, how_many):
    draft, evaluation, first_query, officer, inspector, _ = setting
    for n in range(how_many):
        document = check_evidence(f"d{n}.pdf", io.BytesIO(b"%PDF-1.4 " + bytes([n])), None)
        add_evidence(draft, _criterion("1.1"), document, officer)
        add_evidence(draft, _criterion(f"2.{n + 1}"), document, officer)
        query = challenge.raise_query(evaluation, _criterion(f"3.{n + 1}"), inspector, f"Q{n}")
        challenge.answer_query(query, officer, f"A{n}", query.revision, [document])
        first_query.refresh_from_db()
        challenge.answer_query(first_query, officer, f"More {n}", first_query.revision, [document])
        first_query.refresh_from_db()
        challenge.follow_up_query(first_query, inspector, f"And {n}?", first_query.revision)


def counts(setting, how_many) -> dict[str, int]:
    result = {}
    with contextlib.suppress(Rollback), transaction.atomic():
        _more(setting, how_many)
        for name, (client, path) in setting[-1].items():
            assert client.get(path).status_code == 200, name
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200, name
            result[name] = len(queries)
        raise Rollback
    return result


def test_evidence_and_query_pages_keep_their_budget_as_documents_and_queries_grow(setting):
    few, many = counts(setting, 1), counts(setting, 4)
    assert many == few
    over = {name: (n, BUDGETS[name]) for name, n in many.items() if n > BUDGETS[name]}
    assert not over, f"over budget (queries, budget): {over}; all: {many}"
