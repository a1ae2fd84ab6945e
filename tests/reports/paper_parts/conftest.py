"""A Leicester report drafted from an issued SSI evaluation, as both test modules start from."""

import pytest
from django.urls import reverse

from reports.cabinet.drafting import draft_report
from reports.models import ReportKind
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return


@pytest.fixture
def evaluated(council_a, framework, officer, director, inspector):
    audit_return = submitted_return(council_a, framework, officer, director, {"1.1": 2, "3.4": 3})
    return issued_like_seed(audit_return, inspector)


@pytest.fixture
def report(evaluated, council_a, director):
    return draft_report(council_a, ReportKind.EVALUATION, director)


def parts_url(report, name="parts", *extra):
    return reverse(f"paper_parts:{name}", args=[report.council.code, report.pk, *extra])
