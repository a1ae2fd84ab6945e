"""GOV.UK forms for the evaluation (seed 000). Messages name the standard or field they are about."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin, FragmentMixin, NamedDateField
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from evaluations.evaluation.judgements import Capacity, FindingKind, PafDomain, Serving
from evaluations.models import Evaluation

EXPLANATION_HINT = "Explaining evaluation, particularly if evaluation does not agree with the council's self audit."
YES_NO = [("yes", "Yes"), ("no", "No")]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


def yes_no_initial(value: bool | None) -> str:
    answers: dict[bool | None, str] = {True: "yes", False: "no"}
    return answers.get(value, "")


def standard_judgement_choices() -> list[Choice]:
    serving = [Choice(value, label) for value, label in Serving.choices]
    # GOV.UK radios divider: the two scales are alternatives, not one scale of eight points.
    serving[-1] = Choice(serving[-1].value, serving[-1].label, divider="or")
    return serving + [Choice(value, label) for value, label in Capacity.choices]


class HeaderForm(FragmentMixin, ErrorLinksMixin, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"] = NamedDateField(
            "Date of completion",
            label="Date of completion",
            help_text="For example, 6 5 2003. Leave it empty to use the date you issue it.",
        )
        # (A legend_size here only wrote a stray legend-size="s" attribute on the three inputs.)
        self.helper = _helper(Field("completed_on"), Field("revision"))


class StandardJudgementForm(FragmentMixin, ErrorLinksMixin, forms.Form):
    """The judgement and text box for one standard. Seven of these share the page's form."""

    judgement = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    text = bounded_text("Text", limits.EVIDENCE, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, standard, **kwargs):
        self.standard = standard
        kwargs.setdefault("prefix", f"s{standard.number}")
        super().__init__(*args, **kwargs)
        number = standard.number
        judgement = self.fields["judgement"]
        judgement.choices = standard_judgement_choices()
        judgement.label = f"Evaluation of standard {number}"
        judgement.help_text = (
            "Serving children well? (All, Most, Some or None), "
            "or capacity for improvement? (Excellent, Promising, Uncertain or Poor)"
        )
        judgement.error_messages["invalid_choice"] = f"Select a judgement for standard {number}"
        self.fields["text"].label = f"Text box for standard {number}"
        self.fields["text"].name_in_messages(f"Text for standard {number}")  # type: ignore[attr-defined]
        self.fields["text"].help_text = EXPLANATION_HINT
        # The layout as crispy-forms-gds would render it. The evaluation form renders the same
        # markup from one template, evaluation/_judgement_form.html, which is much faster; a
        # test renders both ways and compares them.
        self.helper = _helper(
            Field.radios("judgement", legend_size=Size.SMALL, small=True),
            Field.textarea("text"),
        )

    def values(self) -> dict:
        return {
            "judgement": self.cleaned_data.get("judgement") or "",
            "text": self.cleaned_data.get("text", ""),
        }


class OverallForm(FragmentMixin, ErrorLinksMixin, forms.Form):
    overall_serving = forms.ChoiceField(
        label="Serving children well?",
        choices=Serving.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a judgement for serving children well"},
    )
    overall_serving_text = bounded_text(
        "Text for serving children well",
        limits.EVIDENCE,
        label="Text box for serving children well",
        help_text=EXPLANATION_HINT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    overall_capacity = forms.ChoiceField(
        label="Capacity for improvement?",
        choices=Capacity.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a judgement for capacity for improvement"},
    )
    overall_capacity_text = bounded_text(
        "Text for capacity for improvement",
        limits.EVIDENCE,
        label="Text box for capacity for improvement",
        help_text=EXPLANATION_HINT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    follow_up_visit = YesNoField(label="Follow-up visit to take place?", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up_visit"].error_messages["invalid_choice"] = (
            "Select yes if a follow-up visit will take place"
        )
        self.helper = _helper(
            Field.radios("overall_serving", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("overall_serving_text"),
            Field.radios("overall_capacity", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("overall_capacity_text"),
            Field.radios("follow_up_visit", legend_size=Size.MEDIUM, inline=True),
        )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "overall_serving": data.get("overall_serving") or "",
            "overall_serving_text": data.get("overall_serving_text", ""),
            "overall_capacity": data.get("overall_capacity") or "",
            "overall_capacity_text": data.get("overall_capacity_text", ""),
            "follow_up_visit": data.get("follow_up_visit"),
        }


def overall_initial(evaluation: Evaluation) -> dict:
    return {
        "overall_serving": evaluation.overall_serving,
        "overall_serving_text": evaluation.overall_serving_text,
        "overall_capacity": evaluation.overall_capacity,
        "overall_capacity_text": evaluation.overall_capacity_text,
        "follow_up_visit": yes_no_initial(evaluation.follow_up_visit),
    }


class FindingForm(ErrorLinksMixin, forms.Form):
    description = bounded_text(
        "Description of issue",
        limits.PARAGRAPH,
        required=True,
        required_message="Enter a description of the issue",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    paf_domain = forms.ChoiceField(
        label="PAF domain",
        help_text="The Performance Assessment Framework domain the issue belongs to.",
        choices=PafDomain.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the PAF domain",
            "invalid_choice": "Select the PAF domain",
        },
    )
    kind = forms.ChoiceField(
        label="Strength or area for development?",
        choices=FindingKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is a strength or an area for development",
            "invalid_choice": "Select whether this is a strength or an area for development",
        },
    )
    highlight = YesNoField(label="Highlight for annual review?")
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = "Select yes if this issue should be highlighted for the annual review"
        self.fields["highlight"].error_messages.update(required=message, invalid_choice=message)
        self.helper = _helper(
            Field.textarea("description"),
            Field.radios("paf_domain", legend_size=Size.SMALL),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.radios("highlight", legend_size=Size.SMALL, inline=True),
            Field("revision"),
        )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("description", "paf_domain", "kind")} | {
            "highlight": self.cleaned_data["highlight"]
        }


def finding_initial(finding) -> dict:
    return finding.values() | {
        "highlight": yes_no_initial(finding.highlight),
        "revision": finding.revision,
    }


class RemoveFindingForm(ErrorLinksMixin, forms.Form):
    confirm = YesNoField(label="Are you sure you want to remove this finding?")
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["confirm"]
        field.label = f"Are you sure you want to remove finding {number}?"
        message = f"Select yes if you want to remove finding {number}"
        field.error_messages.update(required=message, invalid_choice=message)
        self.helper = _helper(
            Field.radios("confirm", legend_size=Size.LARGE, legend_tag="h1", inline=True),
            Field("revision"),
        )


class StartForm(ErrorLinksMixin, forms.Form):
    phase = forms.ChoiceField(
        label="Which phase is this evaluation?",
        help_text="The tick box on the evaluation form that identifies this evaluation phase.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the phase of this evaluation",
            "invalid_choice": "Select the phase of this evaluation",
        },
    )

    def __init__(self, *args, phases: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Evaluation.Phase.choices)
        self.fields["phase"].choices = [(phase, labels[phase]) for phase in phases]  # type: ignore[attr-defined]  # a ChoiceField
        self.helper = _helper(Field.radios("phase", legend_size=Size.MEDIUM))


class ResponseForm(ErrorLinksMixin, forms.Form):
    text = bounded_text(
        "The council's response",
        limits.SECTION,
        required=True,
        required_message="Enter the council's response",
        help_text=(
            "The council's comments on the evaluation, as sent back to the Social Services "
            "Inspectorate. Once recorded it cannot be changed."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("text", label_size=Size.MEDIUM, label_tag="h1"))


class WorkspaceFilterForm(forms.Form):
    """Filters of the inspector's workspace. Unknown values are ignored, never an error."""

    STATUS_CHOICES = [
        ("", "All statuses"),
        ("not_submitted", "Not yet submitted"),
        ("awaiting", "Submitted, not yet evaluated"),
        ("draft", "Evaluation in draft"),
        ("issued", "Evaluation issued"),
    ]

    region = forms.ChoiceField(label="Region", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]  # type: ignore[attr-defined]  # a ChoiceField

    def filters(self) -> tuple[str, str]:
        if not self.is_bound:
            return "", ""
        self.is_valid()
        return self.cleaned_data.get("region", ""), self.cleaned_data.get("status", "")
