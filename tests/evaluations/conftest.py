import pytest

from tests.evaluations.helpers import issued_like_seed, start, submitted


@pytest.fixture
def audit_return(council_a, framework, officer, director):
    """Leicester's submitted version 1."""
    return submitted(council_a, framework, officer, director)


@pytest.fixture
def draft(audit_return, inspector):
    return start(audit_return, inspector)


@pytest.fixture
def issued(audit_return, inspector):
    return issued_like_seed(audit_return, inspector)
