import pytest


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path):
    """Each test sees only the files it stored itself."""
    settings.MEDIA_ROOT = tmp_path / "media"
