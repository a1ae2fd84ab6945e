"""Drafts rendered off the request path: a person asks for a draft's PDF, the task queue renders
it, the page says it is being prepared and refreshes until the file is ready.

The apps above register a renderer per kind of document (`register`); the task worker finds it
by kind, so this floor never imports upward.
"""

import datetime
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from climbie_audit.documents.stored import download
from climbie_audit.models import User
from climbie_audit.models_documents import PreparedDocument

# How long a finished draft is kept for its person to download it.
KEPT_FOR = datetime.timedelta(hours=1)
# The page asks again this often while the worker renders (settings.DOCUMENT_REFRESH_SECONDS).
REFRESH_SECONDS = 2


@dataclass(frozen=True)
class Renderer:
    content_type: str
    render: Callable[[str], bytes]


RENDERERS: dict[str, Renderer] = {}


def register(
    kind: str, content_type: str
) -> Callable[[Callable[[str], bytes]], Callable[[str], bytes]]:
    """Declare how to render documents of `kind` from the key of their record."""

    def decorator(render: Callable[[str], bytes]) -> Callable[[str], bytes]:
        RENDERERS[kind] = Renderer(content_type, render)
        return render

    return decorator


def request_document(kind: str, key: object, user: User) -> PreparedDocument:
    """The person's draft of this document being prepared, or a new one queued for the worker.
    Asking again while one is being prepared does not queue another."""
    from climbie_audit.documents.tasks import prepare_document

    pending = PreparedDocument.objects.filter(
        kind=kind, key=str(key), requested_by=user, status=PreparedDocument.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    # Earlier finished drafts of this document for this person are out of date now, and any
    # person's older than KEPT_FOR are no longer wanted.
    PreparedDocument.objects.filter(
        Q(kind=kind, key=str(key), requested_by=user)
        | Q(requested_at__lt=timezone.now() - KEPT_FOR)
    ).exclude(status=PreparedDocument.Status.PENDING).delete()
    document = PreparedDocument.objects.create(kind=kind, key=str(key), requested_by=user)
    prepare_document.enqueue(str(document.pk))
    document.refresh_from_db()
    return document


def prepare(document_id: str) -> None:
    """Render one requested draft (run by the task worker)."""
    from climbie_audit.pdf import PdfTookTooLong

    document = PreparedDocument.objects.filter(
        pk=document_id, status=PreparedDocument.Status.PENDING
    ).first()
    if document is None:
        return
    renderer = RENDERERS[document.kind]
    try:
        content = renderer.render(document.key)
    except PdfTookTooLong as error:
        document.status = PreparedDocument.Status.FAILED
        document.problem = error.message
    except Exception:
        # The person is told, not left waiting; the task's result keeps the error for us.
        document.status = PreparedDocument.Status.FAILED
        document.problem = "The document could not be made. Try again later."
        document.finished_at = timezone.now()
        document.save()
        raise
    else:
        document.status = PreparedDocument.Status.READY
        document.content = content
        document.content_type = renderer.content_type
        document.sha256 = hashlib.sha256(content).hexdigest()
    document.finished_at = timezone.now()
    document.save()


def _requested(request: HttpRequest, kind: str, key: object, user: User) -> PreparedDocument:
    wanted = request.GET.get("prepared")
    if wanted is None:
        return request_document(kind, key, user)
    try:
        document_id = uuid.UUID(wanted)
    except ValueError:
        raise Http404("No such document") from None
    document = PreparedDocument.objects.filter(
        pk=document_id, kind=kind, key=str(key), requested_by=user
    ).first()
    if document is None:
        raise Http404("No such document")
    return document


def prepared_download(
    request: HttpRequest,
    user: User,
    *,
    kind: str,
    key: object,
    filename: str,
    title: str,
    back_url: str,
    disposition: str = "attachment",
) -> HttpResponse:
    """The view's answer for a draft document: the file once the worker has made it, until then
    a page that says it is being prepared and refreshes itself."""
    document = _requested(request, kind, key, user)
    if document.status == PreparedDocument.Status.READY:
        return download(
            request,
            content=document.content_bytes,
            sha256=document.sha256,
            content_type=document.content_type,
            filename=filename,
            disposition=disposition,
        )
    check_url = f"{request.path}?prepared={document.pk}"
    context = {"document": document, "title": title, "check_url": check_url, "back_url": back_url}
    if document.status == PreparedDocument.Status.FAILED:
        return render(request, "documents/failed.html", context, status=422)
    response = render(request, "documents/preparing.html", context)
    # A Refresh header rather than a script: the page works without JavaScript and under the CSP.
    every = getattr(settings, "DOCUMENT_REFRESH_SECONDS", REFRESH_SECONDS)
    response["Refresh"] = f"{every}; url={check_url}"
    response["Cache-Control"] = "no-store"
    return response
