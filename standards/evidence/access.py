"""Who may see and change a return's evidence documents.

The council's own people see the evidence of every version and change a draft's; the SSI
inspectors assigned to the council read a submitted version's. Everyone else, other councils,
unassigned inspectors and administrators, is told nothing exists (404).

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from climbie_audit.access import is_assigned_inspector, is_member_of
from climbie_audit.models import Council, User
from standards.models import AuditReturn, Criterion
from standards.models_evidence import EvidenceLink
from standards.self_audit.access import self_audit_of


def may_read_evidence(user: User, council: Council, audit_return: AuditReturn) -> bool:
    if is_member_of(user, council):
        return True
    return audit_return.is_submitted and is_assigned_inspector(user, council)


def evidence_return(user: User, council_code: str, number: int) -> tuple[Council, AuditReturn]:
    council, audit = self_audit_of(user, council_code)
    audit_return = audit.returns.filter(number=number).first()
    if audit_return is None or not may_read_evidence(user, council, audit_return):
        raise Http404("No such return")
    audit_return.self_audit = audit
    return council, audit_return


def evidence_criterion(
    user: User, council_code: str, number: int, code: str
) -> tuple[Council, AuditReturn, Criterion]:
    council, audit_return = evidence_return(user, council_code, number)
    criterion = (
        Criterion.objects.select_related("standard")
        .filter(standard__framework_id=audit_return.self_audit.framework_id)
        .filter(standard__number=_standard_number(code), number=_criterion_number(code))
        .first()
    )
    if criterion is None:
        raise Http404("No such criterion")
    return council, audit_return, criterion


def evidence_link(
    user: User, council_code: str, number: int, pk: int
) -> tuple[Council, AuditReturn, EvidenceLink]:
    council, audit_return = evidence_return(user, council_code, number)
    link = (
        audit_return.evidence_links.select_related("file", "criterion__standard")
        .filter(pk=pk)
        .first()
    )
    if link is None:
        raise Http404("No such document")
    return council, audit_return, link


def may_change_evidence(user: User, council: Council, audit_return: AuditReturn) -> bool:
    """The council's people, while the version is a draft."""
    return is_member_of(user, council) and not audit_return.is_submitted


def require_may_change_evidence(user: User, council: Council, audit_return: AuditReturn) -> None:
    if not may_change_evidence(user, council, audit_return):
        raise PermissionDenied("Evidence can only be changed while the return is a draft.")


def _standard_number(code: str) -> int:
    return _part(code, 0)


def _criterion_number(code: str) -> int:
    return _part(code, 1)


def _part(code: str, index: int) -> int:
    parts = code.split(".")
    if len(parts) != 2 or not all(p.isdigit() and len(p) <= 3 for p in parts):
        raise Http404("No such criterion")
    return int(parts[index])
