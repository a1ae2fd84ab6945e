"""The GOV.UK form for recording an inspection (seed 003)."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit.form_fields import ErrorLinksMixin, NamedDateField, required_text
from climbie_audit.form_fields import form_helper as _helper

# --- Inspections ------------------------------------------------------------------------------

LIST_HINT = "One on each line."


class InspectionForm(ErrorLinksMixin, forms.Form):
    inspectorate = required_text(
        "Inspectorate", "Enter the inspectorate", max_length=120, help_text="For example, Ofsted."
    )
    inspection_type = required_text(
        "Type of inspection",
        "Enter the type of inspection",
        max_length=200,
        help_text="For example, Unannounced Safeguarding Inspection.",
    )
    services_inspected = forms.CharField(
        label="Services inspected (optional)",
        required=False,
        max_length=300,
        help_text="For example, 'Duty and Assessment' Services in Social Care and Safeguarding "
        "Division.",
    )
    about = forms.CharField(
        label="About the inspection (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why it took place and what the inspectors looked at. Leave a blank line "
        "between paragraphs.",
    )
    priority_actions = forms.CharField(
        label="Areas for priority action",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LIST_HINT + " Leave it empty if the inspection found none.",
    )
    development_areas = forms.CharField(
        label="Areas for development",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    strengths = forms.CharField(
        label="Strengths",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    satisfactory_areas = forms.CharField(
        label="Areas delivered satisfactorily",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    council_response = forms.CharField(
        label="The council's response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Leave a blank line between paragraphs.",
    )
    actions_taken = forms.CharField(
        label="Actions already taken",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="For each area: its name on a line of its own, then each action on its own "
        "line. Leave a blank line before the next area.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"] = NamedDateField(
            "First day of the inspection",
            label="First day of the inspection",
            required=True,
            help_text="For example, 11 8 2009.",
        )
        self.fields["ended_on"] = NamedDateField(
            "Last day of the inspection",
            label="Last day of the inspection",
            required=True,
            help_text="For example, 12 8 2009.",
        )
        self.order_fields(["inspectorate", "inspection_type", "services_inspected", "started_on"])
        self.helper = _helper(
            Field.text("inspectorate", field_width=20),
            Field.text("inspection_type"),
            Field.text("services_inspected"),
            Field("started_on", legend_size=Size.SMALL),
            Field("ended_on", legend_size=Size.SMALL),
            Field.textarea("about"),
            Field.textarea("priority_actions"),
            Field.textarea("development_areas"),
            Field.textarea("strengths"),
            Field.textarea("satisfactory_areas"),
            Field.textarea("council_response"),
            Field.textarea("actions_taken"),
            Field("revision"),
        )

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error(
                "ended_on", "Last day of the inspection must be the same as or after the first day"
            )
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        values = {}
        for name in (
            "inspectorate",
            "inspection_type",
            "services_inspected",
            "started_on",
            "ended_on",
            "about",
            "priority_actions",
            "development_areas",
            "strengths",
            "satisfactory_areas",
            "council_response",
            "actions_taken",
        ):
            value = data[name]
            values[name] = value.replace("\r\n", "\n").strip() if isinstance(value, str) else value
        return values
