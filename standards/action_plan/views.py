"""The council's action plan pages. Each view asks climbie_audit.access first; the rules live in
standards.action_plan. Council officers and directors change the plan; SSI inspectors and
administrators read it; everyone else gets 404."""

import datetime
from itertools import groupby

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin as SharedErrorLinksMixin
from climbie_audit.form_fields import NamedDateField
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from standards.action_plan import access as action_plan_access
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, Criterion, ImprovementAction

# --- Forms -----------------------------------------------------------------------------------


class ErrorLinksMixin(SharedErrorLinksMixin):
    non_field_anchor = None  # the action plan pages have no errors outside a field


class ProgressForm(ErrorLinksMixin, forms.Form):
    """Add a progress note and/or change the status of one action."""

    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a status",
            "invalid_choice": "Select a status",
        },
    )
    note = bounded_text(
        "Progress note",
        limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done since the last update, and what is next.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, current_status: str, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_status = current_status
        self.today = today
        self.fields["status"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(ActionStatus.NOT_STARTED, "Not started"),
            Choice(ActionStatus.IN_PROGRESS, "In progress"),
            Choice(ActionStatus.COMPLETE, "Complete", hint="The improvement is in place."),
        ]
        self.fields["completed_on"] = NamedDateField(
            "Date completed",
            label="Date completed",
            help_text="Only if you are marking it complete. For example, 27 3 2004. "
            "Leave it empty for today.",
        )
        self.helper = _helper(
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.textarea("note"),
            Field("completed_on", legend_size=Size.SMALL),
            Field("revision"),
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        note = (cleaned.get("note") or "").strip()
        completed_on = cleaned.get("completed_on")
        if status and status == self.current_status and not note:
            self.add_error("note", "Enter a progress note or change the status")
        if completed_on is not None:
            if status != ActionStatus.COMPLETE:
                self.add_error("completed_on", "Select complete if you enter a date completed")
            elif completed_on > self.today:
                self.add_error("completed_on", "Date completed must be today or in the past")
        return cleaned


class DetailsForm(ErrorLinksMixin, forms.Form):
    title = bounded_text(
        "Title", limits.SHORT, required=True, required_message="Enter a title for the action"
    )
    action = bounded_text(
        "Action",
        limits.PARAGRAPH,
        required=True,
        required_message="Enter the action",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the council will do to meet the criterion.",
    )
    lead_officer = bounded_text("Lead officer", limits.NAME)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, laming_deadline=None, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_date"] = NamedDateField(
            "Target date",
            label="Target date",
            help_text="For example, 28 7 2003."
            + (
                f" The Laming deadline for this criterion is {laming_deadline:%-d %B %Y}."
                if laming_deadline
                else ""
            ),
        )
        layout = [
            Field.text("title"),
            Field.textarea("action"),
            Field.text("lead_officer", field_width=20),
            Field("target_date", legend_size=Size.SMALL),
            Field("revision"),
        ]
        if criteria is not None:
            self.fields["criterion"] = forms.TypedChoiceField(
                label="Criterion",
                coerce=int,
                choices=[("", "Select a criterion")]
                + [(c.pk, f"{c.code}: {c.text[:90]}") for c in criteria],
                error_messages={
                    "required": "Select the criterion the action is for",
                    "invalid_choice": "Select the criterion the action is for",
                },
            )
            layout.insert(0, Field.select("criterion"))
        self.helper = _helper(*layout)

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ImprovementAction.EDITABLE_FIELDS} | {
            "lead_officer": self.cleaned_data.get("lead_officer") or ""
        }


class CabinetForm(ErrorLinksMixin, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, director: bool, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["endorsed_on"] = NamedDateField(
            "Date endorsed by cabinet",
            label="Date the action plan was endorsed by cabinet",
            help_text="For example, 12 8 2003.",
        )
        fields = [Field("endorsed_on", legend_size=Size.MEDIUM)]
        if director:
            self.fields["last_reported_on"] = NamedDateField(
                "Last reported to cabinet on",
                label="Date of the last progress report to cabinet",
                help_text="For example, 16 3 2004. The dashboard lists what has changed since then.",
            )
            fields.append(Field("last_reported_on", legend_size=Size.MEDIUM))
        self.helper = _helper(*fields, Field("revision"))

    def clean(self):
        cleaned = super().clean()
        for name in ("endorsed_on", "last_reported_on"):
            value = cleaned.get(name)
            if value is not None and value > self.today:
                label = self.fields[name].name
                self.add_error(name, f"{label} must be today or in the past")
        return cleaned

    def values(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("endorsed_on", "last_reported_on")
            if name in self.fields
        }


class PlanFilterForm(forms.Form):
    """Filters of the action plan page. Unknown values are ignored, never an error."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses")] + list(ActionStatus.choices),
    )
    overdue = forms.ChoiceField(
        label="Overdue", required=False, choices=list(action_plan.OVERDUE_FILTERS.items())
    )

    def filters(self) -> tuple[str, str]:
        if not self.is_bound or not self.is_valid():
            return "", ""
        return self.cleaned_data.get("status", ""), self.cleaned_data.get("overdue", "")


# --- Views -----------------------------------------------------------------------------------


def plan(request, council_code):
    council, audit = action_plan_access.action_plan_of(request.user, council_code)
    is_member = action_plan_access.may_change_plan(request.user, council)
    # Submitting a return drafts the plan (standards.self_audit.rules.submit): reading writes nothing.
    current = action_plan.plan_of(audit)
    today = timezone.localdate()
    actions = list(action_plan.actions_with_detail(current)) if current else []
    filter_form = PlanFilterForm(request.GET or None)
    status, overdue = filter_form.filters()
    shown = action_plan.filter_actions(actions, today, status, overdue)
    for action in shown:
        action.overdue = action_plan.overdue_kinds(action, today)
    by_standard = [
        (standard, list(group))
        for standard, group in groupby(shown, key=lambda a: a.criterion.standard)
    ]
    return render(
        request,
        "action_plan/plan.html",
        {
            "council": council,
            "audit": audit,
            "plan": current,
            "actions": actions,
            "shown": shown,
            "by_standard": by_standard,
            "filter_form": filter_form,
            "filtered": bool(status or overdue),
            "counts": action_plan.status_counts(actions),
            "overdue_target": sum(action_plan.is_past_target_date(a, today) for a in actions),
            "overdue_laming": sum(action_plan.is_past_laming_deadline(a, today) for a in actions),
            "can_edit": is_member,
            "today": today,
        },
    )


def action_detail(request, council_code, pk):
    if request.method == "POST":
        council, audit, action = action_plan_access.editable_action(request.user, council_code, pk)
    else:
        council, audit, action = action_plan_access.readable_action(request.user, council_code, pk)
    can_edit = action_plan_access.may_change_plan(request.user, council)
    today = timezone.localdate()
    conflict, status = None, 200
    form = None
    if can_edit:
        form = ProgressForm(
            request.POST or None,
            current_status=action.status,
            today=today,
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
                )
            except action_plan.ActionConflict as clash:
                conflict = clash
                data = request.POST.copy()
                # Their change is now the one this user has seen: saving again replaces it.
                data["revision"] = str(clash.current.revision)
                action = clash.current
                form = ProgressForm(data, current_status=action.status, today=today)
                form.is_valid()
                status = 409
            except action_plan.NothingToRecord as refusal:
                form.add_error("note", str(refusal))
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
            "notes": list(action.progress_notes.all()),
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
