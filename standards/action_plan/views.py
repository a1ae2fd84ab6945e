"""The council's action plan pages. Each view asks climbie_audit.access first; the rules live in
standards.action_plan. Council officers and directors change the plan; SSI inspectors and
administrators read it; everyone else gets 404."""

from itertools import groupby

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from standards.action_plan import access as action_plan_access
from standards.action_plan import export
from standards.action_plan import progress as plan_progress
from standards.action_plan import rules as action_plan
from standards.action_plan.forms import CabinetForm, DetailsForm, PlanFilterForm, ProgressForm
from standards.models import ActionStatus, Criterion

# --- Views -----------------------------------------------------------------------------------


def plan(request, council_code):
    council, audit = action_plan_access.action_plan_of(request.user, council_code)
    is_member = action_plan_access.may_change_plan(request.user, council)
    # Submitting a return drafts the plan (standards.self_audit.rules.submit): reading writes nothing.
    current = action_plan.plan_of(audit)
    today = timezone.localdate()
    actions = list(action_plan.actions_with_detail(current)) if current else []
    filter_form = PlanFilterForm(request.GET or None, today=today)
    status, overdue = filter_form.filters()
    as_at = filter_form.as_at()
    shown = action_plan.filter_actions(actions, as_at, status, overdue)
    for action in actions:
        action.as_at_status = plan_progress.status_as_at(action, as_at)
        action.latest = plan_progress.latest_progress(action, as_at)
        action.overdue = action_plan.overdue_kinds(action, as_at)
    return render(
        request,
        "action_plan/plan.html",
        {
            "council": council,
            "audit": audit,
            "plan": current,
            "actions": actions,
            "shown": shown,
            "by_standard": _items_by_standard(shown),
            "filter_form": filter_form,
            "filtered": bool(status or overdue) or as_at != today,
            "counts": action_plan.status_counts(actions, as_at),
            "overdue_target": len(action_plan.overdue_as_at(actions, as_at)),
            "overdue_laming": sum(action_plan.PAST_LAMING in a.overdue for a in actions),
            "can_edit": is_member,
            "today": today,
            "as_at": as_at,
            "export_query": f"?as_at={as_at:%Y-%m-%d}",
        },
    )


def _items_by_standard(actions):
    """[(standard, [(criterion, [action, …]), …]), …]: the plan's items per criterion, each with
    its actions, grouped by standard."""
    return [
        (standard, [(c, list(a)) for c, a in groupby(group, key=lambda a: a.criterion)])
        for standard, group in groupby(actions, key=lambda a: a.criterion.standard)
    ]


def export_plan(request, council_code, file_format):
    council, audit = action_plan_access.action_plan_of(request.user, council_code)
    current = action_plan.plan_of(audit)
    actions = list(action_plan.actions_with_detail(current)) if current else []
    as_at = export.as_at_from(request.GET.get("as_at"), timezone.localdate())
    rows = export.plan_rows(actions, as_at)
    name = f"action-plan-{council.code}-{as_at:%Y-%m-%d}"
    if file_format == "csv":
        response = HttpResponse(export.as_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        export.as_xlsx(rows, f"{council.name} action plan as at {as_at:%-d %B %Y}"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def action_detail(request, council_code, pk):
    if request.method == "POST":
        council, audit, action = action_plan_access.editable_action(request.user, council_code, pk)
    else:
        council, audit, action = action_plan_access.readable_action(request.user, council_code, pk)
    can_edit = action_plan_access.may_change_plan(request.user, council)
    today = timezone.localdate()
    conflict, status = None, 200
    form = None
    started_on = plan_progress.plan_started_on(action.plan, action.plan.actions.all())
    if can_edit:
        form = ProgressForm(
            request.POST or None,
            current_status=action.status,
            today=today,
            started_on=started_on,
            initial={"status": action.status, "revision": action.revision},
        )
    if request.method == "POST" and "note" not in request.POST and action.is_complete:
        # "Mark as complete" pressed twice, or after someone else completed it: nothing to do.
        messages.info(request, f"“{action.title}” is already complete.")
        return redirect("action_plan:action", council.code, action.pk)
    if request.method == "POST":
        if form.is_valid():
            try:
                action_plan.record_progress(
                    action,
                    request.user,
                    form.cleaned_data["revision"],
                    text=form.cleaned_data["note"],
                    status=form.cleaned_data["status"],
                    completed_on=form.cleaned_data.get("completed_on"),
                    as_at=form.cleaned_data.get("as_at"),
                    next_action=form.cleaned_data["next_action"],
                )
            except action_plan.ActionConflict as clash:
                conflict = clash
                data = request.POST.copy()
                # Their change is now the one this user has seen: saving again replaces it.
                data["revision"] = str(clash.current.revision)
                action = clash.current
                form = ProgressForm(
                    data, current_status=action.status, today=today, started_on=started_on
                )
                form.is_valid()
                status = 409
            except action_plan.NothingToRecord as refusal:
                form.add_error("note", str(refusal))
                status = 400
            except action_plan.ProgressDateRefused as refusal:
                form.add_error("as_at", str(refusal))
                status = 400
            else:
                messages.success(request, _saved_message(form.cleaned_data, action))
                return redirect("action_plan:action", council.code, action.pk)
        else:
            status = 400
    return _render_action(request, council, action, form, conflict, status, can_edit, today)


def _saved_message(cleaned, before) -> str:
    if cleaned["status"] == ActionStatus.COMPLETE and before.status != ActionStatus.COMPLETE:
        return f"“{before.title}” is marked as complete."
    if cleaned["status"] != before.status:
        return f"The status of “{before.title}” is now {ActionStatus(cleaned['status']).label.lower()}."
    return "Your progress note has been added."


def _render_action(request, council, action, form, conflict, status, can_edit, today):
    # Read again with its notes and criterion detail: a fixed number of queries.
    action = action_plan.actions_with_detail(action.plan).get(pk=action.pk)
    error_links = form.error_links() if form is not None and form.is_bound else []
    return render(
        request,
        "action_plan/action.html",
        {
            "council": council,
            "action": action,
            "notes": plan_progress.progress_notes(action)[::-1],
            "history": plan_progress.history(action),
            "form": form,
            "error_links": error_links,
            "conflict": conflict,
            "can_edit": can_edit,
            "overdue": action_plan.overdue_kinds(action, today),
            "laming_deadline": action.criterion.laming_deadline,
            "today": today,
        },
        status=status,
    )


def change_details(request, council_code, pk):
    council, audit, action = action_plan_access.editable_action(request.user, council_code, pk)
    deadline = action.criterion.laming_deadline
    initial = action.values() | {"revision": action.revision}
    form = DetailsForm(request.POST or None, initial=initial, laming_deadline=deadline)
    conflict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                action_plan.change_details(
                    action, request.user, form.cleaned_data["revision"] or 0, form.values()
                )
            except action_plan.ActionConflict as clash:
                conflict = clash
                data = request.POST.copy()
                data["revision"] = str(clash.current.revision)
                form = DetailsForm(data, laming_deadline=deadline)
                form.is_valid()
                status = 409
            else:
                messages.success(request, "The action's details have been changed.")
                return redirect("action_plan:action", council.code, action.pk)
        else:
            status = 400
    return render(
        request,
        "action_plan/details.html",
        {
            "council": council,
            "action": action,
            "form": form,
            "error_links": form.error_links() if form.is_bound else [],
            "conflict": conflict,
        },
        status=status,
    )


def add(request, council_code):
    council, audit = action_plan_access.action_plan_of(request.user, council_code)
    action_plan_access.require_plan_editor(request.user, council)
    criteria = list(
        Criterion.objects.filter(standard__framework=audit.framework).select_related("standard")
    )
    form = DetailsForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if form.is_valid():
            criterion = next(c for c in criteria if c.pk == form.cleaned_data["criterion"])
            new = action_plan.add_action(
                action_plan.plan_for(audit), request.user, criterion, form.values()
            )
            messages.success(request, f"The action for {criterion.code} has been added.")
            return redirect("action_plan:action", council.code, new.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "action_plan/add.html",
        {
            "council": council,
            "form": form,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=status,
    )


def cabinet(request, council_code):
    council, audit = action_plan_access.action_plan_of(request.user, council_code)
    action_plan_access.require_plan_editor(request.user, council)
    current = action_plan.plan_for(audit)
    today = timezone.localdate()
    director = request.user.is_director
    initial = {
        "endorsed_on": current.endorsed_on,
        "last_reported_on": current.last_reported_on,
        "revision": current.revision,
    }
    form = CabinetForm(request.POST or None, initial=initial, director=director, today=today)
    conflict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                action_plan.set_cabinet_dates(
                    current, request.user, form.cleaned_data["revision"], form.values()
                )
            except action_plan.ActionConflict as clash:
                conflict = clash
                data = request.POST.copy()
                data["revision"] = str(clash.current.revision)
                form = CabinetForm(data, director=director, today=today)
                form.is_valid()
                status = 409
            else:
                messages.success(request, "The dates of the reports to cabinet have been saved.")
                return redirect("action_plan:plan", council.code)
        else:
            status = 400
    return render(
        request,
        "action_plan/cabinet.html",
        {
            "council": council,
            "plan": current,
            "form": form,
            "error_links": form.error_links() if form.is_bound else [],
            "conflict": conflict,
        },
        status=status,
    )
