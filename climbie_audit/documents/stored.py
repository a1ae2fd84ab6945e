"""Documents whose source can never change are rendered once and kept in the database with their
SHA-256; every download serves those bytes, with the SHA-256 as the ETag."""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from climbie_audit.models_documents import StoredDocument


def stored_document(
    kind: str, key: object, content_type: str, make: Callable[[], bytes]
) -> StoredDocument:
    """The kept document of this kind for the record `key`, made now by `make` if it has never
    been made. Call it only for records that can never change again."""
    found = StoredDocument.objects.filter(kind=kind, key=str(key)).first()
    if found is not None:
        return found
    content = make()
    try:
        # A savepoint: two first downloads at once both render; the second insert loses the race
        # and serves the first one's bytes (the same document, made from the same record).
        with transaction.atomic():
            document = StoredDocument(
                kind=kind, key=str(key), content_type=content_type, content=content
            )
            document.save()
            return document
    except IntegrityError:
        return StoredDocument.objects.get(kind=kind, key=str(key))


def etag(sha256: str) -> str:
    return f'"{sha256}"'


def download(
    request: HttpRequest,
    *,
    content: bytes,
    sha256: str,
    content_type: str,
    filename: str,
    disposition: str = "attachment",
) -> HttpResponse:
    """The bytes as a download; a browser that already holds them (If-None-Match) gets 304."""
    tag = etag(sha256)
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type=content_type)
        # RFC 6266: a name beyond ASCII ("Lettre d’Ofsted.pdf") travels as filename*=utf-8''…
        header = content_disposition_header(disposition == "attachment", filename)
        response["Content-Disposition"] = header or disposition
    response["ETag"] = tag
    # Private papers: the browser may keep them, no shared cache may.
    response["Cache-Control"] = "private, no-cache"
    return response


def stored_download(
    request: HttpRequest, document: StoredDocument, filename: str, disposition: str = "attachment"
) -> HttpResponse:
    return download(
        request,
        content=document.content_bytes,
        sha256=document.sha256,
        content_type=document.content_type,
        filename=filename,
        disposition=disposition,
    )
