"""The statement of roles and responsibilities as a PDF, to attach to a cabinet paper."""

from climbie_audit.pdf import render_pdf
from reports.roles import rules as roles


def render_roles_pdf(statement) -> bytes:
    register = roles.register_of(statement)
    return render_pdf(
        "roles/pdf/statement.html",
        {"council": statement.council, "register": register, "statement": statement},
        title=f"{statement.council.name}: {statement.title}",
    )
