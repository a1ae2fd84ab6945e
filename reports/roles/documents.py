"""The statement of roles as a PDF, prepared by the task queue (climbie_audit.documents): the
statement changes whenever a role does, so it is a draft every time."""

from climbie_audit.documents.prepared import register
from reports.models import RoleStatement
from reports.roles.pdf import render_roles_pdf

ROLES_PDF = "roles-pdf"


@register(ROLES_PDF, "application/pdf")
def render_statement_pdf(key: str) -> bytes:
    return render_roles_pdf(RoleStatement.objects.select_related("council").get(pk=int(key)))
