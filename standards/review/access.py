"""Who does what on a draft return: only the council's own people see its reviews (everyone
else gets 404, as for the draft itself); the director assigns, approves and returns."""

from django.http import Http404

from climbie_audit.access import is_director_of
from climbie_audit.models import Council, User
from standards.models import AuditReturn, SelfAudit, Standard
from standards.self_audit.access import own_self_audit
from standards.self_audit.rules import draft_of


def standard_under_review(
    user: User, council_code: str, number: int
) -> tuple[Council, SelfAudit, AuditReturn, Standard]:
    council, audit = own_self_audit(user, council_code)
    draft = draft_of(audit)
    standard = audit.framework.standards.filter(number=number).first()
    if draft is None or standard is None:
        raise Http404("No draft standard to review")
    return council, audit, draft, standard


def may_review(user: User, council: Council) -> bool:
    """Assigning, approving and returning standards: the council's director."""
    return is_director_of(user, council)


def people_to_assign(council: Council) -> list[User]:
    """Whom the director may give a standard: the council's active officers and directors."""
    return list(council.people.filter(is_active=True).order_by("last_name", "first_name", "pk"))
