"""Account events in the audit log: who was invited, set or changed a password, added or lost a
second factor, was deactivated. The summary names the person, never a password or a code."""

from climbie_audit import audit_log
from climbie_audit.models import AuditEvent, User

Action = AuditEvent.Action


def record(action: str, person: User, *, request=None, by: User | None = None, detail: str = ""):
    """`person` is whom the event is about; `by` who did it (the signed-in person by default)."""
    summary = f"{AuditEvent.Action(action).label}: {person.get_username()}"
    if detail:
        summary += f" ({detail})"
    return audit_log.record(
        action,
        request=request,
        user=by,
        obj=person,
        summary=summary,
    )
