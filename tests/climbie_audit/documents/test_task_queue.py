"""Draft PDFs are rendered off the request path (issue 17, point 3): the page says the document
is being prepared and refreshes itself; the real database worker (`manage.py db_worker`, the one
`make run` starts) renders it; the page then serves it to the person who asked, and no one else."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from climbie_audit.models_documents import PreparedDocument
from standards.models import Framework
from tests import factories
from tests.evaluations.helpers import fill_like_seed, start
from tests.standards.helpers import submitted_return

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    """The test database, as DATABASE_URL names it for a process of its own."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def run_the_worker() -> None:
    """`manage.py db_worker` in its own process until the queue is empty."""
    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "database"}
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]


@pytest.mark.django_db(transaction=True)
def test_a_draft_pdf_is_prepared_by_the_database_worker(client, settings):
    settings.TASKS = DATABASE_TASKS
    council = factories.council_a()
    officer, director = factories.officer_a(council), factories.director_a(council)
    inspector = factories.inspector_a(council)
    colleague = factories.InspectorFactory(username="inspector.colleague")
    factories.assign(colleague, council)
    audit_return = submitted_return(council, Framework.objects.current(), officer, director)
    evaluation = fill_like_seed(start(audit_return, inspector), inspector)
    url = reverse("evaluation:pdf", args=[council.code, evaluation.pk])

    client.force_login(inspector)
    waiting = client.get(url)
    assert waiting.status_code == 200
    assert "Your document is being prepared" in waiting.content.decode()
    document = PreparedDocument.objects.get()
    check_url = f"{url}?prepared={document.pk}"
    assert waiting["Refresh"] == f"2; url={check_url}"
    # Asking again while it is being prepared queues nothing more.
    assert "being prepared" in client.get(check_url).content.decode()
    assert "being prepared" in client.get(url).content.decode()
    assert PreparedDocument.objects.count() == 1 and DBTaskResult.objects.count() == 1

    run_the_worker()

    ready = client.get(check_url)
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf" and ready.content.startswith(b"%PDF")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # The draft was prepared for the person who asked: a colleague cannot fetch it by its id.
    client.force_login(colleague)
    assert client.get(check_url).status_code == 404
    assert client.get(f"{url}?prepared=not-an-id").status_code == 404
