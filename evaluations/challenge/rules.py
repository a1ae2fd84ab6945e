"""SSI's challenge of a return: an assigned inspector raises a query on a criterion while
evaluating; the council answers it (text and documents); the inspector follows up or closes it.

`raise_query` and `answer_query` are the two events the notifications hook to.
"""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.urls import reverse

from climbie_audit import limits
from climbie_audit.concurrency import claim
from climbie_audit.models import User
from climbie_audit.notifications.rules import Kind, notify
from evaluations.models import Evaluation
from evaluations.models_challenge import ChallengeQuery, QueryMessage
from standards.evidence.file_checks import CheckedFile
from standards.evidence.rules import forget_bytes, new_file
from standards.models import Criterion, ImmutableRecordError
from standards.models_evidence import EvidenceFile

MAX_MESSAGE_CHARACTERS = limits.PARAGRAPH  # 5,000, as the model's constraint


class QueryChanged(Exception):
    """Someone added to the thread (or closed it) after the person writing now had read it."""

    def __init__(self, query: ChallengeQuery) -> None:
        super().__init__("The query changed while you were writing")
        self.query = query


class QueryClosed(Exception):
    """The query is closed, or its evaluation issued: the thread takes no more messages."""


def raise_query(
    evaluation: Evaluation, criterion: Criterion, inspector: User, question: str
) -> ChallengeQuery:
    """An assigned inspector's question on one criterion of the return being evaluated."""
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.is_issued:
            raise ImmutableRecordError("The evaluation has been issued.")
        query = ChallengeQuery.objects.create(
            evaluation=locked,
            council_id=locked.audit_return.self_audit.council_id,
            criterion=criterion,
            question=question,
            raised_by=inspector,
        )
        QueryMessage.objects.create(
            query=query, author=inspector, from_council=False, text=question
        )
        _tell_council(query, inspector)
        return query


def _thread_path(query: ChallengeQuery) -> str:
    return reverse("challenge:query", args=[query.council.code, query.pk])


def _tell_council(query: ChallengeQuery, inspector: User) -> None:
    """The council's people see a query at once: on their notifications, and by e-mail."""
    council = query.council
    notify(
        council.people.all(),
        Kind.QUERY_RAISED,
        f"SSI has raised a query on criterion {query.criterion.code}",
        f"{inspector.display_name} asks about criterion {query.criterion.code} of "
        f"{council.name}'s return:\n\n{query.question}",
        _thread_path(query),
    )


def _tell_ssi(query: ChallengeQuery, person: User) -> None:
    """The inspector who raised the query, and the evaluating inspector, see the answer."""
    notify(
        [query.raised_by, query.evaluation.inspector],
        Kind.QUERY_ANSWERED,
        f"{query.council.name} has answered your query on criterion {query.criterion.code}",
        f"{person.display_name} answered the query on criterion {query.criterion.code}.",
        _thread_path(query),
    )


def answer_query(
    query: ChallengeQuery,
    person: User,
    text: str,
    started_from: int,
    documents: Sequence[CheckedFile] = (),
) -> QueryMessage:
    """The council's answer: text and any documents. The query then waits for SSI."""
    with transaction.atomic():
        message = _add_message(
            query, person, text, started_from, documents, ChallengeQuery.Status.WITH_SSI
        )
        _tell_ssi(query, person)
        return message


def follow_up_query(
    query: ChallengeQuery, inspector: User, text: str, started_from: int
) -> QueryMessage:
    """The inspector asks more: the query waits for the council again."""
    return _add_message(
        query, inspector, text, started_from, (), ChallengeQuery.Status.WITH_COUNCIL
    )


def close_query(query: ChallengeQuery, started_from: int) -> ChallengeQuery:
    with transaction.atomic():
        _claim_open(query, started_from)
        ChallengeQuery.objects.filter(pk=query.pk).update(status=ChallengeQuery.Status.CLOSED)
        query.refresh_from_db()
        return query


def _add_message(
    query: ChallengeQuery,
    person: User,
    text: str,
    started_from: int,
    documents: Sequence[CheckedFile],
    status_after: str,
) -> QueryMessage:
    stored: list[EvidenceFile] = []
    try:
        with transaction.atomic():
            _claim_open(query, started_from)
            for checked in documents:
                document = new_file(query.council, checked, person)
                stored.append(document)
                document.save()
            message = QueryMessage.objects.create(
                query=query,
                author=person,
                from_council=status_after == ChallengeQuery.Status.WITH_SSI,
                text=text,
            )
            message.documents.set(stored)
            ChallengeQuery.objects.filter(pk=query.pk).update(status=status_after)
            query.refresh_from_db()
            return message
    except BaseException:
        for document in stored:
            forget_bytes(document)
        raise


def _claim_open(query: ChallengeQuery, started_from: int) -> None:
    """Refuse a closed query or an issued evaluation's; then take the next revision, or refuse
    if someone else took it first."""
    current = ChallengeQuery.objects.select_related("evaluation").get(pk=query.pk)
    if not current.is_open or current.evaluation.is_issued:
        raise QueryClosed("This query is closed.")
    if current.revision != started_from or not claim(ChallengeQuery, current, started_from):
        current.refresh_from_db()
        raise QueryChanged(current)


def thread_of(query: ChallengeQuery) -> list[QueryMessage]:
    """The query's messages in order, with authors and documents, in two queries."""
    return list(query.messages.select_related("author").prefetch_related("documents"))


def queries_with_threads(queries: list[ChallengeQuery]) -> list[ChallengeQuery]:
    """Attach each query's messages (authors, documents) in a fixed number of queries."""
    prefetch_related_objects(queries, "messages__author", "messages__documents")
    return queries


def open_queries_of_inspector(inspector: User) -> list[ChallengeQuery]:
    """Open queries to the councils the inspector is assigned to, in one query."""
    return list(
        ChallengeQuery.objects.still_open()
        .filter(council__assignments__inspector=inspector)
        .select_related("council", "criterion__standard")
        .order_by("council__name", "criterion__standard__number", "criterion__number")
    )
