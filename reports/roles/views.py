"""The council's statement of roles and responsibilities (seed 002, Appendix 1). Each view asks
climbie_audit.access first; the rules live in reports.roles.rules."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from climbie_audit import access
from climbie_audit.documents.prepared import prepared_download
from climbie_audit.form_fields import posted, with_revision
from climbie_audit.word import DOCX
from reports.roles import access as roles_access
from reports.roles import documents
from reports.roles import rules as roles
from reports.roles.forms import (
    RemoveForm,
    RoleForm,
)
from reports.roles.word import roles_docx_bytes

# --- The statement of roles and responsibilities -----------------------------------------------


def role_statement(request, council_code):
    council = access.council_records_of(request.user, council_code)
    can_edit = roles_access.may_change_roles(request.user, council)
    if request.method == "POST":
        access.require_director_of(request.user, council)
        roles.start_from_template(council, request.user)
        messages.success(
            request,
            "Your statement has been started from the template. Change it to fit the council.",
        )
        return redirect("roles:statement", council.code)
    statement = roles.statement_of(council)
    register = roles.register_of(statement) if statement else None
    return render(
        request,
        "roles/statement.html",
        {"council": council, "register": register, "can_edit": can_edit},
    )


def _role_page(request, council, form, role=None, conflict=None, status=None):
    return render(
        request,
        "roles/form.html",
        {
            "council": council,
            "form": form,
            "role": role,
            "conflict": conflict,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=status or (409 if conflict else 400 if form.errors else 200),
    )


def role_add(request, council_code):
    council = access.council_records_of(request.user, council_code)
    access.require_director_of(request.user, council)
    statement = roles.statement_of(council)
    if statement is None:
        return redirect("roles:statement", council.code)
    form = RoleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        role = roles.add_role(statement, request.user, form.values())
        messages.success(request, f"“{role.title}” has been added.")
        return redirect(reverse("roles:statement", args=[council.code]) + f"#role-{role.pk}")
    return _role_page(request, council, form)


def role_change(request, council_code, pk):
    council, role = roles_access.editable_role(request.user, council_code, pk)
    initial = role.values() | {"revision": role.revision}
    form = RoleForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            role = roles.change_role(
                role, request.user, form.cleaned_data["revision"] or 0, form.values()
            )
        except roles.RoleConflict as clash:
            if clash.current is None:
                messages.info(request, "Someone else has removed this role.")
                return redirect("roles:statement", council.code)
            form = RoleForm(with_revision(request, clash.current.revision))
            form.is_valid()
            return _role_page(request, council, form, role, conflict=clash)
        messages.success(request, f"“{role.title}” has been saved.")
        return redirect(reverse("roles:statement", args=[council.code]) + f"#role-{role.pk}")
    return _role_page(request, council, form, role)


def role_remove(request, council_code, pk):
    council, role = roles_access.editable_role(request.user, council_code, pk)
    form = RemoveForm(posted(request), initial={"revision": role.revision})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            roles.remove_role(role, form.cleaned_data["revision"])
        except roles.RoleConflict as clash:
            conflict = clash
            role = clash.current
            form = RemoveForm(initial={"revision": role.revision})
        else:
            messages.success(request, f"“{role.title}” has been removed.")
            return redirect("roles:statement", council.code)
    return render(
        request,
        "roles/remove.html",
        {"council": council, "role": role, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _statement_or_404(user, council_code):
    council = access.council_records_of(user, council_code)
    statement = roles.statement_of(council)
    if statement is None:
        raise Http404("No statement of roles")
    return council, statement


def roles_docx(request, council_code):
    """The statement as a Word file, written from the same register as its PDF."""
    council, statement = _statement_or_404(request.user, council_code)
    response = HttpResponse(roles_docx_bytes(statement), content_type=DOCX)
    filename = f"roles-and-responsibilities-{council.code}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def roles_pdf(request, council_code):
    council = access.council_records_of(request.user, council_code)
    statement = roles.statement_of(council)
    if statement is None:
        raise Http404("No statement of roles")
    return prepared_download(
        request,
        request.user,
        kind=documents.ROLES_PDF,
        key=statement.pk,
        filename=f"roles-and-responsibilities-{council.code}.pdf",
        title="The statement of roles PDF",
        back_url=reverse("roles:statement", args=[council.code]),
    )
