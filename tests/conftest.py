import os

import pytest
from django.core.cache import cache

from standards.framework.data import load_all_frameworks
from standards.models import Framework
from tests.factories import (
    AdministratorFactory,
    CouncilFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous, so Django's async-safety guard would be a false alarm here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Django's PBKDF2 takes about half a second a password, on purpose, and the tests create
    thousands of people: hash theirs quickly, as Django's testing documentation advises.
    Argon2 and PBKDF2 stay in the list so that any password hashed the production way (the demo
    people's precomputed Argon2id hash, an older PBKDF2 one) still checks.
    (Servers the tests start in their own processes, and `make loadtest`, hash as production.)"""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached, as its database starts empty: cached entries name
    rows by id, and ids come round again from one test to the next."""
    cache.clear()


@pytest.fixture
def framework(db) -> Framework:
    return Framework.objects.current() or load_all_frameworks()[0]


@pytest.fixture
def council_a(db):
    return CouncilFactory(name="Leicester", code="509", region="East Midlands")


@pytest.fixture
def council_b(db):
    return CouncilFactory(name="Derby", code="510", region="East Midlands")


@pytest.fixture
def officer(council_a):
    return OfficerFactory(username="officer.a", council=council_a)


@pytest.fixture
def officer_b(council_b):
    return OfficerFactory(username="officer.b", council=council_b)


@pytest.fixture
def director(council_a):
    return DirectorFactory(username="director.a", council=council_a)


@pytest.fixture
def director_b(council_b):
    return DirectorFactory(username="director.b", council=council_b)


@pytest.fixture
def inspector(council_a):
    person = InspectorFactory(username="inspector.a")
    assign(person, council_a)
    return person


@pytest.fixture
def inspector_unassigned(council_b):
    person = InspectorFactory(username="inspector.b")
    assign(person, council_b)
    return person


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="admin.person")


@pytest.fixture
def client_for(client):
    """A test client signed in as the given person."""

    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in
