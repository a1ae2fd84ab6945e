"""A council's self-audit: its people see every version and work on the draft; everyone else who
may see the council sees submitted versions only.

Views call these first: they find the record or raise Http404 / PermissionDenied."""

from django.http import Http404

from climbie_audit.access import (
    council_for,
    is_director_of,
    is_member_of,
)
from climbie_audit.models import Council, User
from standards.framework.index import current_framework
from standards.models import AuditReturn, SelfAudit
from standards.self_audit.rules import self_audit_for
from standards.self_audit.status import AuditStatus


def self_audit_of(user: User, council_code: str) -> tuple[Council, SelfAudit]:
    """The council's self-audit against the current framework, if the user may see the council."""
    council = council_for(user, council_code)
    framework = current_framework()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    return council, self_audit_for(council, framework)


def own_self_audit(user: User, council_code: str) -> tuple[Council, SelfAudit]:
    """For pages only the council's own people may open: drafts are invisible to everyone else."""
    council, audit = self_audit_of(user, council_code)
    if not is_member_of(user, council):
        raise Http404("No such draft")
    return council, audit


def readable_return(
    user: User, council_code: str, number: int
) -> tuple[Council, SelfAudit, AuditReturn]:
    """A version of the return: its council's people see every version, others submitted ones."""
    council, audit = self_audit_of(user, council_code)
    audit_return = audit.returns.filter(number=number).select_related("submitted_by").first()
    if audit_return is None or not (audit_return.is_submitted or is_member_of(user, council)):
        raise Http404("No such return")
    return council, audit, audit_return


def may_submit(user: User, council: Council) -> bool:
    return is_director_of(user, council)


def may_start_revision(user: User, council: Council, status: AuditStatus) -> bool:
    """The director, when the latest version is submitted and no revision is in progress."""
    return (
        is_director_of(user, council)
        and status.draft is None
        and status.latest_submitted is not None
    )
