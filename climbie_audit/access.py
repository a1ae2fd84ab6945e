"""Who may see and do what. Every view calls one of these functions before anything else.

Querysets are scoped to the user here, never in templates. Objects a user must not know exist
raise Http404; actions on objects they may see but not change raise PermissionDenied.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from climbie_audit.models import Council, User


def require_signed_in(user: User) -> User:
    # LoginRequiredMiddleware sends anonymous visitors to sign in; this guards views reached otherwise.
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def require_role(user: User, *roles: str) -> User:
    require_signed_in(user)
    if user.role not in roles and not (User.Role.ADMINISTRATOR in roles and user.is_superuser):
        raise PermissionDenied
    return user


def framework_readable(user: User) -> None:
    """The framework is public guidance: any signed-in person may read it."""
    require_signed_in(user)


def visible_councils(user: User):
    """Councils whose pages the user may open at all."""
    require_signed_in(user)
    if user.is_inspector or user.is_administrator:
        return Council.objects.all()
    if user.is_council_user:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def council_for(user: User, code: str) -> Council:
    council = visible_councils(user).filter(code=code).first()
    if council is None:
        raise Http404("No such council")
    if user.council_id == council.pk:
        user.council = council  # the page shows the user's own council too: read it once
    return council


def is_assigned_inspector(user: User, council: Council) -> bool:
    return user.is_inspector and user.assignments.filter(council=council).exists()


# --- Self-audits -------------------------------------------------------------------------


def is_member_of(user: User, council: Council) -> bool:
    return user.is_council_user and user.council_id == council.pk


def self_audit_of(user: User, council_code: str):
    """The council's self-audit against the current framework, if the user may see the council."""
    from standards.framework.index import current_framework
    from standards.self_audit.rules import self_audit_for

    council = council_for(user, council_code)
    framework = current_framework()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    return council, self_audit_for(council, framework)


def own_self_audit(user: User, council_code: str):
    """For pages only the council's own people may open: drafts are invisible to everyone else."""
    council, audit = self_audit_of(user, council_code)
    if not is_member_of(user, council):
        raise Http404("No such draft")
    return council, audit


def readable_return(user: User, council_code: str, number: int):
    """A version of the return: its council's people see every version, others submitted ones."""
    council, audit = self_audit_of(user, council_code)
    audit_return = audit.returns.filter(number=number).select_related("submitted_by").first()
    if audit_return is None or not (audit_return.is_submitted or is_member_of(user, council)):
        raise Http404("No such return")
    return council, audit, audit_return


def is_director_of(user: User, council: Council) -> bool:
    """The council's own director: the one person who submits, responds and reports to cabinet."""
    return is_member_of(user, council) and user.is_director


def require_director_of(user: User, council: Council) -> None:
    if not is_director_of(user, council):
        raise PermissionDenied("Only the council's director can do this.")


# --- Evaluations -------------------------------------------------------------------------
# SSI inspectors read every submitted return; the inspectors assigned to a council write its
# evaluations. Everyone else who may see the council sees its issued evaluations only: a draft
# evaluation is as invisible to them (404) as a council's draft return is to SSI.


def workspace_councils(user: User):
    """The inspector's workspace lists every council."""
    require_role(user, User.Role.INSPECTOR)
    return Council.objects.all()


def visible_evaluations(user: User, council: Council):
    """The council's evaluations this user may read: drafts only for its assigned inspectors."""
    from evaluations.models import Evaluation

    evaluations = Evaluation.objects.filter(audit_return__self_audit__council=council)
    if is_assigned_inspector(user, council):
        return evaluations
    return evaluations.issued()


def readable_evaluation(user: User, council_code: str, pk: int):
    council = council_for(user, council_code)
    evaluation = (
        visible_evaluations(user, council)
        .select_related(
            "audit_return__self_audit__council",
            "audit_return__self_audit__framework",
            "inspector",
            "issued_by",
            "council_response__recorded_by",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation")
    return council, evaluation


def require_evaluator_of(user: User, council: Council) -> None:
    """Only the council's assigned SSI inspectors write its evaluations."""
    if not is_assigned_inspector(user, council):
        raise PermissionDenied("Only an inspector assigned to this council can do this.")


def editable_evaluation(user: User, council_code: str, pk: int):
    council, evaluation = readable_evaluation(user, council_code, pk)
    require_evaluator_of(user, council)
    return council, evaluation


def evaluable_council(user: User, council_code: str):
    """The council and its self-audit, for an assigned inspector about to start an evaluation."""
    council, audit = self_audit_of(user, council_code)
    require_evaluator_of(user, council)
    return council, audit


def require_responder_to(user: User, council: Council, evaluation) -> None:
    """The council's director records its response, and only to an issued evaluation."""
    require_director_of(user, council)
    if not evaluation.is_issued:
        raise Http404("No such evaluation")


# --- Spreadsheets ------------------------------------------------------------------------


def national_returns(user: User):
    """SSI inspectors and administrators: every council's latest submitted return.

    Returns (framework, queryset). Drafts never appear: only submitted versions are public to SSI.
    """
    from django.db.models import OuterRef, Subquery

    from standards.framework.index import current_framework
    from standards.models import AuditReturn

    require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)
    framework = current_framework()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    latest = (
        AuditReturn.objects.filter(self_audit=OuterRef("self_audit"))
        .newest_submitted_first()
        .values("pk")[:1]
    )
    returns = (
        AuditReturn.objects.submitted()
        .filter(self_audit__framework=framework, pk=Subquery(latest))
        .select_related("self_audit__council")
        .order_by("self_audit__council__name")
    )
    return framework, returns


# --- Action plans and dashboards -----------------------------------------------------------
# A council's action plan and dashboard: its own officers and directors read and edit them,
# SSI inspectors (any of them) and administrators read them, other councils get 404. They never
# show a council's draft return to anyone outside the council, nor a draft evaluation to anyone.


def action_plan_of(user: User, council_code: str):
    """(council, self-audit) for reading the council's action plan."""
    council, audit = self_audit_of(user, council_code)
    if not (is_member_of(user, council) or user.is_inspector or user.is_administrator):
        raise Http404("No such action plan")
    return council, audit


def require_plan_editor(user: User, council: Council) -> None:
    """Only the council's own officers and directors change its action plan."""
    if not is_member_of(user, council):
        raise PermissionDenied("Only the council's officers and directors can change its plan.")


def readable_action(user: User, council_code: str, pk: int):
    """(council, audit, action): the action must belong to this council's plan, else 404."""
    from standards.models import ImprovementAction

    council, audit = action_plan_of(user, council_code)
    action = (
        ImprovementAction.objects.select_related(
            "plan", "criterion__standard__framework", "drafted_from", "updated_from"
        )
        .filter(pk=pk, plan__self_audit=audit)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return council, audit, action


def editable_action(user: User, council_code: str, pk: int):
    council, audit, action = readable_action(user, council_code, pk)
    require_plan_editor(user, council)
    return council, audit, action


def dashboard_of(user: User, council_code: str):
    """(council, self-audit) for the council dashboard: its people, inspectors, administrators."""
    return action_plan_of(user, council_code)


def national_overview(user: User) -> User:
    """The SSI national overview: inspectors and administrators only."""
    return require_role(user, User.Role.INSPECTOR, User.Role.ADMINISTRATOR)


# --- Cabinet reports -------------------------------------------------------------------------
# Reports to cabinet, the statement of roles and responsibilities and recorded inspections are
# the council's own. Its officers read them and its director writes them. A draft report is
# invisible (404) outside the council, inspectors included; once marked final a report is a
# public cabinet paper that SSI inspectors and administrators may read too. Other councils get
# 404 for everything here.


def cabinet_reports_of(user: User, council_code: str):
    """(council, the council's reports this user may read)."""
    from reports.models import CabinetReport

    council = council_for(user, council_code)
    reports = CabinetReport.objects.filter(council=council)
    if is_member_of(user, council):
        return council, reports
    if user.is_inspector or user.is_administrator:
        return council, reports.finals()
    raise Http404("No such report")


def readable_cabinet_report(user: User, council_code: str, pk: int):
    council, reports = cabinet_reports_of(user, council_code)
    report = reports.select_related("council", "finalised_by").filter(pk=pk).first()
    if report is None:
        raise Http404("No such report")
    return council, report


def require_report_author(user: User, council: Council) -> None:
    """Only the council's director builds, changes and marks final its reports to cabinet."""
    require_director_of(user, council)


def editable_cabinet_report(user: User, council_code: str, pk: int):
    council, report = readable_cabinet_report(user, council_code, pk)
    require_report_author(user, council)
    return council, report


def council_records_of(user: User, council_code: str):
    """The council, for its statement of roles and its inspections: its people, SSI inspectors
    and administrators read them; other councils get 404."""
    council = council_for(user, council_code)
    if not (is_member_of(user, council) or user.is_inspector or user.is_administrator):
        raise Http404("No such council")
    return council


def readable_inspection(user: User, council_code: str, pk: int):
    from evaluations.models import Inspection

    council = council_records_of(user, council_code)
    inspection = Inspection.objects.filter(council=council, pk=pk).first()
    if inspection is None:
        raise Http404("No such inspection")
    return council, inspection


def editable_inspection(user: User, council_code: str, pk: int):
    council, inspection = readable_inspection(user, council_code, pk)
    require_director_of(user, council)
    return council, inspection


def readable_role(user: User, council_code: str, pk: int):
    from reports.models import ResponsibleRole

    council = council_records_of(user, council_code)
    role = ResponsibleRole.objects.filter(statement__council=council, pk=pk).first()
    if role is None:
        raise Http404("No such role")
    return council, role


def editable_role(user: User, council_code: str, pk: int):
    council, role = readable_role(user, council_code, pk)
    require_director_of(user, council)
    return council, role
