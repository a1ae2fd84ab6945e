import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

# The one import of the framework loader in the tests: if its module moves, change this line.
from standards.framework.data import load_all_frameworks
from standards.models import Framework
from tests import factories
from tests.factories import (
    AdministratorFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous, so Django's async-safety guard would be a false alarm here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    # The SQLite test database is a file under test-artifacts/ (see settings.DATABASES).
    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)


_DB_BLOCKER = pytest.StashKey()


def load_framework() -> Framework:
    """The audit framework as `make database` loads it (idempotent)."""
    return load_all_frameworks()[0]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Load the framework (7 standards, 54 criteria, 44 recommendations) once per test worker,
    committed, so that every test's transaction starts with it instead of loading its own."""
    with django_db_blocker.unblock():
        load_framework()
    request.config.stash[_DB_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Transactional tests (live_server, transactional_db) end by flushing every table, the
    framework's too: put it back for whichever test this worker runs next, in whatever order
    xdist hands them out. Checked against the database itself after every test, so any flush
    is caught, not just those of tests that look transactional."""
    result = yield
    blocker = item.config.stash.get(_DB_BLOCKER, None)
    # nextitem is None at the end of the session, when the database has just been dropped.
    if blocker is not None and nextitem is not None:
        with blocker.unblock():
            if not Framework.objects.exists():
                load_framework()
    return result


def _is_transactional(item) -> bool:
    """Whether pytest-django runs this test as a TransactionTestCase (commit, then flush)."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        if transactional or marker.kwargs.get("reset_sequences"):
            return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


def _uses_db(item) -> bool:
    """Whether a test asks for the database through a fixture. (A module-wide django_db mark
    also lets through tests that never touch it; those cannot see a module's data either way.)"""
    return "db" in getattr(item, "fixturenames", ()) or _is_transactional(item)


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker):
    """One transaction around a whole module, rolled back at its end, as Django's TestCase does
    for setUpTestData: rows that module-scoped fixtures make in it are made once and every test
    of the module reads them. Each test's own transaction is a savepoint inside this one, so
    whatever a test writes is still undone before the next. Module fixtures that build on it
    should hand tests primary keys or fresh copies, not objects a test could change in memory.

    Every test of the module that uses the database must request it (or nothing would say whether
    the module's rows are there), and none may be transactional (they commit and flush)."""
    items = [item for item in request.session.items if item.module is request.module]
    for item in items:
        if _is_transactional(item) or (_uses_db(item) and "module_db" not in item.fixturenames):
            raise pytest.UsageError(
                f"{item.nodeid}: a module with data made once (module_db) can hold only "
                "non-transactional database tests that use that data"
            )
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Django's PBKDF2 takes about half a second a password, on purpose, and the tests create
    thousands of people: hash theirs quickly, as Django's testing documentation advises.
    Argon2 and PBKDF2 stay in the list so that any password hashed the production way (the demo
    people's precomputed Argon2id hash, an older PBKDF2 one) still checks.
    (Servers the tests start in their own processes, and `make loadtest`, hash as production.)
    For the whole session, so that data made once for a module is hashed quickly too."""
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def static_files_found_when_asked_for():
    """WhiteNoise lists every static file whenever a request handler starts, and every test
    client starts one: some 20 ms a test. In its development mode (AUTOREFRESH) it looks a file
    up when a request asks for it instead. Pages are answered the same; no test fetches static
    files through the test client, and the live server serves them with Django's own handler."""
    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True, scope="session")
def tasks_run_when_asked():
    """Jobs for the task queue run as they are enqueued (django-tasks' immediate backend), so a
    test that is not about the queue gets its draft PDF in the same request. The tests about the
    queue (tests/climbie_audit/documents/) switch the database backend back on and run the real
    worker."""
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture(autouse=True, scope="session")
def uploaded_files_kept_apart(tmp_path_factory):
    """Files the tests upload (evidence documents) go to a folder of the session's own, never
    to the working copy's media/ folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def pdfs_unbounded_in_time():
    """A PDF's time bound is wall-clock time, and the test machines are shared: a first render
    (fonts decoded, WeasyPrint warming up) on a loaded machine can pass 20 s. The tests about the
    bound (tests/climbie_audit/documents/test_documents.py) set their own."""
    with override_settings(PDF_TIME_LIMIT_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached, as its database starts empty: cached entries name
    rows by id, and ids come round again from one test to the next."""
    cache.clear()


@pytest.fixture
def framework(db) -> Framework:
    """The framework loaded once for the worker (django_db_setup above): read, not loaded."""
    framework = Framework.objects.current()
    assert framework is not None, "the framework loaded by django_db_setup has gone"
    return framework


@pytest.fixture
def council_a(db):
    return factories.council_a()


@pytest.fixture
def council_b(db):
    return factories.council_b()


@pytest.fixture
def officer(council_a):
    return factories.officer_a(council_a)


@pytest.fixture
def officer_b(council_b):
    return OfficerFactory(username="officer.b", council=council_b)


@pytest.fixture
def director(council_a):
    return factories.director_a(council_a)


@pytest.fixture
def director_b(council_b):
    return DirectorFactory(username="director.b", council=council_b)


@pytest.fixture
def inspector(council_a):
    return factories.inspector_a(council_a)


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
