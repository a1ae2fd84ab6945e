import pytest

from standards.models import Framework
from tests import factories
from tests.evaluations.helpers import issued_like_seed, start, submitted


@pytest.fixture
def audit_return(council_a, framework, officer, director):
    """Leicester's submitted version 1."""
    return submitted(council_a, framework, officer, director)


@pytest.fixture(scope="module")
def audit_return_made_once(module_db, django_db_blocker) -> int:
    """Leicester's submitted version 1 (as audit_return makes it), made once for a module whose
    every database test starts from it (tests/conftest.py: module_db). A module opts in with an
    audit_return of its own that reads this one."""
    with django_db_blocker.unblock():
        council = factories.council_a()
        officer, director = factories.officer_a(council), factories.director_a(council)
        return submitted(council, Framework.objects.current(), officer, director).pk


@pytest.fixture
def draft(audit_return, inspector):
    return start(audit_return, inspector)


@pytest.fixture
def issued(audit_return, inspector):
    return issued_like_seed(audit_return, inspector)
