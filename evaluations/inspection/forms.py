"""The GOV.UK form for recording an inspection (seed 003)."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin, NamedDateField
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text

# --- Inspections ------------------------------------------------------------------------------

LIST_HINT = "One on each line."


class InspectionForm(ErrorLinksMixin, forms.Form):
    inspectorate = bounded_text(
        "Inspectorate",
        limits.NAME,
        required=True,
        required_message="Enter the inspectorate",
        help_text="For example, Ofsted.",
    )
    inspection_type = bounded_text(
        "Type of inspection",
        limits.SHORT,
        required=True,
        required_message="Enter the type of inspection",
        help_text="For example, Unannounced Safeguarding Inspection.",
    )
    services_inspected = bounded_text(
        "Services inspected",
        limits.TITLE,
        label="Services inspected (optional)",
        help_text="For example, 'Duty and Assessment' Services in Social Care and Safeguarding "
        "Division.",
    )
    about = bounded_text(
        "About the inspection",
        limits.SECTION,
        label="About the inspection (optional)",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why it took place and what the inspectors looked at. Leave a blank line "
        "between paragraphs.",
    )
    priority_actions = bounded_text(
        "Areas for priority action",
        limits.SECTION,
        label="Areas for priority action",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LIST_HINT + " Leave it empty if the inspection found none.",
    )
    development_areas = bounded_text(
        "Areas for development",
        limits.SECTION,
        label="Areas for development",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    strengths = bounded_text(
        "Strengths",
        limits.SECTION,
        label="Strengths",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    satisfactory_areas = bounded_text(
        "Areas delivered satisfactorily",
        limits.SECTION,
        label="Areas delivered satisfactorily",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HINT,
    )
    council_response = bounded_text(
        "The council's response",
        limits.SECTION,
        label="The council's response",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Leave a blank line between paragraphs.",
    )
    actions_taken = bounded_text(
        "Actions already taken",
        limits.SECTION,
        label="Actions already taken",
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
