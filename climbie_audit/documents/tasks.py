"""The task queue's tasks (django-tasks; the database backend runs them in `manage.py db_worker`)."""

from django_tasks import task

from climbie_audit.documents import prepared


@task()
def prepare_document(document_id: str) -> None:
    prepared.prepare(document_id)
