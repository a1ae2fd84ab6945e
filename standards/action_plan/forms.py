"""The action plan's GOV.UK forms: progress as at a date, an action's details, the dates of the
plan's reports to cabinet, and the plan page's filters and "as at" date."""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin as SharedErrorLinksMixin
from climbie_audit.form_fields import NamedDateField
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from climbie_audit.templatetags.dates import long_date
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction

NOTE_MAX = limits.NOTE
NEXT_ACTION_MAX = limits.NOTE


class ErrorLinksMixin(SharedErrorLinksMixin):
    non_field_anchor = None  # the action plan pages have no errors outside a field


def without_maxlength(form: forms.Form) -> None:
    """No maxlength on the inputs: a browser would cut pasted text without a word. Text beyond
    the stated limit gets a GOV.UK error instead, and nothing is saved."""
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)


class ProgressForm(ErrorLinksMixin, forms.Form):
    """Progress as at a date, the next action agreed, and/or a change of status."""

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
        NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done in the period up to the date above. "
        f"{NOTE_MAX:,} characters or fewer.",
    )
    next_action = bounded_text(
        "Next action agreed",
        NEXT_ACTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"For example, the action agreed at the review. {NEXT_ACTION_MAX:,} characters "
        "or fewer.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args,
        current_status: str,
        today: datetime.date,
        started_on: datetime.date | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.current_status = current_status
        self.today = today
        self.started_on = started_on
        self.fields["status"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(ActionStatus.NOT_STARTED, "Not started"),
            Choice(ActionStatus.IN_PROGRESS, "In progress"),
            Choice(ActionStatus.COMPLETE, "Complete", hint="The improvement is in place."),
        ]
        self.fields["as_at"] = NamedDateField(
            "Date of the progress",
            label="Progress as at",
            help_text="The date this progress is reported at, for example 31 10 2003. "
            "Leave it empty for today.",
        )
        self.fields["completed_on"] = NamedDateField(
            "Date completed",
            label="Date completed",
            help_text="Only if you are marking it complete. For example, 27 3 2004. "
            "Leave it empty for the date of the progress.",
        )
        without_maxlength(self)
        self.helper = _helper(
            Field("as_at", legend_size=Size.SMALL),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.textarea("note"),
            Field.textarea("next_action"),
            Field("completed_on", legend_size=Size.SMALL),
            Field("revision"),
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        note = (cleaned.get("note") or "").strip()
        next_action = (cleaned.get("next_action") or "").strip()
        completed_on = cleaned.get("completed_on")
        as_at = cleaned.get("as_at")
        if status and status == self.current_status and not note and not next_action:
            self.add_error("note", "Enter a progress note or change the status")
        if as_at is not None:
            if as_at > self.today:
                self.add_error("as_at", "Date of the progress must be today or in the past")
            elif self.started_on is not None and as_at < self.started_on:
                self.add_error(
                    "as_at",
                    f"Date of the progress must be on or after {long_date(self.started_on)}, "
                    "when the plan started",
                )
        if completed_on is not None:
            if status != ActionStatus.COMPLETE:
                self.add_error("completed_on", "Select complete if you enter a date completed")
            elif completed_on > self.today:
                self.add_error("completed_on", "Date completed must be today or in the past")
        return cleaned


class DetailsForm(ErrorLinksMixin, forms.Form):
    title = bounded_text(
        "Title",
        ImprovementAction.TITLE_MAX,
        required=True,
        required_message="Enter a title for the action",
        help_text=f"{ImprovementAction.TITLE_MAX:,} characters or fewer.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action = bounded_text(
        "Action",
        ImprovementAction.ACTION_MAX,
        required=True,
        required_message="Enter the action",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the council will do to meet the criterion. "
        f"{ImprovementAction.ACTION_MAX:,} characters or fewer.",
    )
    lead_officer = bounded_text("Lead officer", ImprovementAction.LEAD_OFFICER_MAX)
    start_as_month = forms.BooleanField(
        label="Show the start as the month only, for example “From Oct 03”",
        required=False,
    )
    monitoring = bounded_text(
        "Monitoring arrangements",
        ImprovementAction.MONITORING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How progress will be checked, for example “Monthly report to the Area "
        f"Child Protection Committee”. {ImprovementAction.MONITORING_MAX:,} characters or fewer.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, laming_deadline=None, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"] = NamedDateField(
            "Start date",
            label="Start date",
            help_text="For example, 1 10 2003.",
        )
        self.fields["target_date"] = NamedDateField(
            "Target date",
            label="Target date",
            help_text="For example, 28 7 2003."
            + (
                f" The Laming deadline for this criterion is {long_date(laming_deadline)}."
                if laming_deadline
                else ""
            ),
        )
        layout = [
            Field.textarea("title"),
            Field.textarea("action"),
            Field.text("lead_officer", field_width=20),
            Field("start_date", legend_size=Size.SMALL),
            Field.checkbox("start_as_month", small=True),
            Field("target_date", legend_size=Size.SMALL),
            Field.textarea("monitoring"),
            Field("revision"),
        ]
        if criteria is not None:
            self.fields["criterion"] = forms.TypedChoiceField(
                label="Criterion",
                coerce=int,
                help_text="An item of the plan may have several actions: add one for each.",
                choices=[("", "Select a criterion")]
                + [(c.pk, f"{c.code}: {c.text[:90]}") for c in criteria],
                error_messages={
                    "required": "Select the criterion the action is for",
                    "invalid_choice": "Select the criterion the action is for",
                },
            )
            layout.insert(0, Field.select("criterion"))
        without_maxlength(self)
        self.helper = _helper(*layout)

    def clean(self):
        cleaned = super().clean()
        start, target = cleaned.get("start_date"), cleaned.get("target_date")
        if cleaned.get("start_as_month") and start is None and "start_date" not in self.errors:
            self.add_error("start_date", "Enter the start date, or untick “month only”")
        if start is not None and target is not None and target < start:
            self.add_error("target_date", "Target date must be the same as or after the start date")
        if start is not None and cleaned.get("start_as_month"):
            cleaned["start_date"] = start.replace(day=1)
        return cleaned

    def values(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in ImprovementAction.EDITABLE_FIELDS}
        for name in ("lead_officer", "monitoring"):
            values[name] = (values[name] or "").strip()
        values["start_as_month"] = bool(values["start_as_month"])
        return values


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
    """Filters of the action plan page. Unknown values are ignored, never an error. (The date
    the plan is shown as at is climbie_audit.as_at's, as on the dashboard.)"""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses")] + list(ActionStatus.choices),
    )
    overdue = forms.ChoiceField(
        label="Overdue", required=False, choices=list(action_plan.OVERDUE_FILTERS.items())
    )

    def filters(self) -> tuple[str, str]:
        if not self.is_bound:
            return "", ""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("status", ""), data.get("overdue", "")
