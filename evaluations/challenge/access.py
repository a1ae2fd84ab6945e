"""Who takes part in SSI's challenge of a council's return: the council's own people and the
inspectors assigned to it. Everyone else, other councils, unassigned inspectors and
administrators, is told no query exists (404).

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from climbie_audit.access import council_for, is_assigned_inspector, is_member_of
from climbie_audit.models import Council, User
from evaluations.models import Evaluation
from evaluations.models_challenge import ChallengeQuery, ChallengeQueryQuerySet
from standards.models_evidence import EvidenceFile


def takes_part(user: User, council: Council) -> bool:
    return is_member_of(user, council) or is_assigned_inspector(user, council)


def challenge_council(user: User, council_code: str) -> Council:
    council = council_for(user, council_code)
    if not takes_part(user, council):
        raise Http404("No such council")
    return council


def council_queries(user: User, council: Council) -> ChallengeQueryQuerySet:
    """The council's queries, for its people and its assigned inspectors; none for others."""
    if not takes_part(user, council):
        return ChallengeQuery.objects.none()
    return ChallengeQuery.objects.filter(council=council).select_related(
        "criterion__standard", "raised_by", "evaluation", "council"
    )


def readable_query(user: User, council_code: str, pk: int) -> tuple[Council, ChallengeQuery]:
    council = challenge_council(user, council_code)
    query = council_queries(user, council).filter(pk=pk).first()
    if query is None:
        raise Http404("No such query")
    return council, query


def query_document(
    user: User, council_code: str, pk: int, document_pk: int
) -> tuple[Council, EvidenceFile]:
    """A document sent in the query's thread, and only through that query."""
    council, query = readable_query(user, council_code, pk)
    document = EvidenceFile.objects.filter(
        pk=document_pk, council=council, query_messages__query=query
    ).first()
    if document is None:
        raise Http404("No such document")
    return council, document


def evaluation_to_query(user: User, council_code: str, pk: int) -> tuple[Council, Evaluation]:
    """A draft evaluation, for one of the council's assigned inspectors to raise a query on."""
    council = challenge_council(user, council_code)
    if not is_assigned_inspector(user, council):
        raise PermissionDenied("Only the council's assigned inspectors raise queries.")
    evaluation = (
        Evaluation.objects.filter(audit_return__self_audit__council=council, pk=pk)
        .select_related("audit_return__self_audit__framework")
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation")
    if evaluation.is_issued:
        raise PermissionDenied("Queries are raised while evaluating, before the issue.")
    return council, evaluation


def may_answer(user: User, council: Council, query: ChallengeQuery) -> bool:
    return is_member_of(user, council) and query.is_open and not query.evaluation.is_issued


def may_follow_up(user: User, council: Council, query: ChallengeQuery) -> bool:
    return is_assigned_inspector(user, council) and query.is_open and not query.evaluation.is_issued
