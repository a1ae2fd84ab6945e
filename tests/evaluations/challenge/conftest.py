import pytest

from standards.models import AuditReturn


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path):
    """Each test sees only the files it stored itself."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def audit_return(db, audit_return_made_once, council_a, officer, director):
    # Leicester's submitted version 1, made once for the module.
    return AuditReturn.objects.get(pk=audit_return_made_once)
