"""SSI challenge pages: the council's queries, one query's thread with its answer form, raising
a query from an evaluation, closing one, and the documents sent in a thread. Each view asks
evaluations.challenge.access first."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from climbie_audit.access import is_member_of
from climbie_audit.form_fields import posted
from evaluations.challenge import access
from evaluations.challenge import rules as challenge
from evaluations.challenge.forms import MessageForm, RaiseQueryForm
from standards.evidence import file_checks
from standards.evidence.views import file_response
from standards.models import Criterion, ImmutableRecordError

DOCUMENT_FIELD = "documents"
MAX_DOCUMENTS = 5


class MessageSizeLimit(FileUploadHandler):
    """Stops reading an upload once the message's documents pass the limit."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > file_checks.MAX_EVIDENCE_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@require_safe
def council_queries(request, council_code):
    council = access.challenge_council(request.user, council_code)
    queries = list(access.council_queries(request.user, council).in_framework_order())
    return render(
        request,
        "challenge/list.html",
        {
            "council": council,
            "open_queries": [q for q in queries if q.is_open],
            "closed_queries": [q for q in queries if not q.is_open],
        },
    )


def raise_query(request, council_code, pk):
    council, evaluation = access.evaluation_to_query(request.user, council_code, pk)
    criteria = list(
        Criterion.objects.filter(
            standard__framework_id=evaluation.audit_return.self_audit.framework_id
        )
        .select_related("standard")
        .order_by("standard__number", "number")
    )
    form = RaiseQueryForm(
        posted(request), criteria=criteria, initial={"criterion": request.GET.get("criterion", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            query = challenge.raise_query(
                evaluation, form.chosen_criterion(), request.user, form.cleaned_data["question"]
            )
        except ImmutableRecordError:
            messages.error(request, "This evaluation has been issued. The query was not raised.")
            return redirect("evaluation:detail", council.code, evaluation.pk)
        messages.success(
            request, f"Your query on {query.criterion.code} has been sent to {council.name}"
        )
        return redirect("challenge:query", council.code, query.pk)
    error_links = form.error_links()
    return render(
        request,
        "challenge/raise.html",
        {
            "council": council,
            "evaluation": evaluation,
            "form": form,
            "error_links": error_links,
            "has_errors": bool(error_links),
        },
        status=400 if error_links else 200,
    )


@csrf_exempt  # the CSRF check runs in _receive_message, after the size limit is installed
def query_thread(request, council_code, pk):
    council, query = access.readable_query(request.user, council_code, pk)
    if request.method == "POST":
        if not _may_write(request.user, council, query):
            raise PermissionDenied("This query takes no more messages.")
        request.upload_handlers.insert(0, MessageSizeLimit(request))
        return _receive_message(request, council, query)
    return _render_thread(request, council, query, _blank_form(request.user, council, query))


def _may_write(user, council, query) -> bool:
    return access.may_answer(user, council, query) or access.may_follow_up(user, council, query)


def _blank_form(user, council, query):
    if not _may_write(user, council, query):
        return None
    return MessageForm(
        initial={"revision": query.revision}, follow_up=not is_member_of(user, council)
    )


@csrf_protect
def _receive_message(request, council, query):
    from_council = is_member_of(request.user, council)
    form = MessageForm(request.POST, follow_up=not from_council)
    document_problem = ""
    checked = []
    if getattr(request, "upload_too_large", False):
        document_problem = file_checks.TOO_BIG
    elif from_council:
        uploads = request.FILES.getlist(DOCUMENT_FIELD)
        if len(uploads) > MAX_DOCUMENTS:
            document_problem = f"Select {MAX_DOCUMENTS} files or fewer"
        try:
            checked = [file_checks.check_evidence(u.name, u, u.size) for u in uploads]
        except file_checks.RefusedUpload as refusal:
            document_problem = str(refusal)
    if form.is_valid() and not document_problem:
        text, started_from = form.cleaned_data["text"], form.cleaned_data["revision"]
        try:
            if from_council:
                challenge.answer_query(query, request.user, text, started_from, checked)
            else:
                challenge.follow_up_query(query, request.user, text, started_from)
        except challenge.QueryChanged as changed:
            messages.error(
                request,
                "Someone added to this query while you were writing. Read their message; "
                "your text is below, send it again if it still applies.",
            )
            form = MessageForm(
                {"text": text, "revision": changed.query.revision}, follow_up=not from_council
            )
            return _render_thread(request, council, changed.query, form, status=409)
        except challenge.QueryClosed:
            messages.error(request, "This query has been closed. Your message was not sent.")
            return redirect("challenge:query", council.code, query.pk)
        messages.success(request, "Your message has been sent")
        return redirect("challenge:query", council.code, query.pk)
    return _render_thread(request, council, query, form, document_problem, status=400)


def _render_thread(request, council, query, form, document_problem="", status=200):
    error_links = form.error_links() if form is not None and form.is_bound else []
    if document_problem:
        error_links.append(("documents", document_problem))
    return render(
        request,
        "challenge/query.html",
        {
            "council": council,
            "query": query,
            "thread": challenge.thread_of(query),
            "form": form,
            "from_council": is_member_of(request.user, council),
            "may_close": access.may_follow_up(request.user, council, query),
            "document_problem": document_problem,
            "error_links": error_links,
            "has_errors": bool(error_links),
            "max_megabytes": file_checks.MAX_EVIDENCE_BYTES // (1024 * 1024),
        },
        status=status,
    )


@require_POST
def close(request, council_code, pk):
    council, query = access.readable_query(request.user, council_code, pk)
    if not access.may_follow_up(request.user, council, query):
        raise PermissionDenied("Only the council's assigned inspectors close its queries.")
    try:
        started_from = int(request.POST.get("revision", ""))
        challenge.close_query(query, started_from)
    except ValueError:
        messages.error(request, "The query could not be closed. Try again.")
    except challenge.QueryChanged:
        messages.error(request, "Someone added to this query. Read it before closing the query.")
    except challenge.QueryClosed:
        messages.info(request, "This query was already closed.")
    else:
        messages.success(request, "The query has been closed")
    return redirect("challenge:query", council.code, query.pk)


@require_safe
def document(request, council_code, pk, document_pk):
    council, stored = access.query_document(request.user, council_code, pk, document_pk)
    return file_response(stored)
