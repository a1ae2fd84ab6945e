from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from climbie_audit import limits
from climbie_audit.concurrency import fingerprint
from climbie_audit.form_fields import FragmentMixin, NamedDateField
from climbie_audit.limits import bounded_text
from standards.models import RATING_LEVELS, Answer, Criterion
from standards.self_audit.scoring import answer_problems


class TargetDateField(NamedDateField):
    """The target date of one criterion: its messages name the criterion."""

    def __init__(self, code: str, **kwargs):
        self.code = code
        super().__init__(f"Target date for {code}", **kwargs)


class AnswerForm(FragmentMixin, forms.Form):
    """One criterion of a standard page. Many of these share one <form> element."""

    rating = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    evidence = bounded_text(
        "Evidence",
        limits.EVIDENCE,
        label="Evidence and comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows the criterion is met: procedures, audits, monitoring reports.",
    )
    improvement = bounded_text(
        "Intended improvement",
        limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if you rate this criterion below 4.",
    )
    lead_officer = bounded_text("Lead officer", limits.NAME)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # The fingerprint of the answer as the page showed it (climbie_audit.concurrency): a
    # criterion the person did not change is not saved, so it conflicts with no one.
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criterion: Criterion, strict: bool = False, **kwargs):
        self.criterion = criterion
        self.strict = strict
        kwargs.setdefault("prefix", f"c{criterion.code.replace('.', '_')}")
        super().__init__(*args, **kwargs)
        code = criterion.code
        self.fields["rating"].label = f"Rating for {code}"
        self.fields["rating"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(level, str(level), hint=criterion.descriptor(level)) for level in RATING_LEVELS
        ]
        self.fields["rating"].error_messages["invalid_choice"] = f"Select a rating for {code}"
        self.fields["target_date"] = TargetDateField(code, label="Target date")
        self.fields["target_date"].help_text = (
            f"For example, 28 4 2003. The Laming deadline for {code} is "
            + (
                f"{criterion.laming_deadline:%-d %B %Y}."
                if criterion.laming_deadline
                else "not set."
            )
        )
        # Any other value (a forged one, a NUL) only means "changed": never an error to show.
        self.fields["rendered"].validators = []
        stale = f"The page for {code} was out of date. Reload the page and enter your answer again"
        for key in ("required", "invalid", "min_value"):
            self.fields["revision"].error_messages[key] = stale
        for name in ("evidence", "improvement", "lead_officer"):
            field = self.fields[name]
            field.name_in_messages(f"{field.message_name} for {code}")  # type: ignore[attr-defined]
        # The layout as crispy-forms-gds would render it. The standard page renders the same
        # markup from one template, self_audit/_answer_form.html, which is much faster; a test
        # renders both ways and compares them.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.radios("rating", legend_size=Size.SMALL, small=True),
            Field.textarea("evidence"),
            Fieldset(
                Field.textarea("improvement"),
                Field.text("lead_officer", field_width=20),
                Field("target_date"),
                legend="Improvement plan",
                legend_size=Size.SMALL,
                # Revealed by static/js/standard-page.mjs when a rating below 4 is chosen.
                css_class="app-improvement-plan",
            ),
            Field("revision"),
            Field("rendered"),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.strict:
            return cleaned
        problems = answer_problems(
            self.criterion.code,
            cleaned.get("rating"),
            cleaned.get("improvement") or "",
            cleaned.get("target_date"),
        )
        for field, message in problems.items():
            if field not in self.errors:  # a typed value that is invalid keeps its own message
                self.add_error(field, message)
        return cleaned

    def answer_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in Answer.EDITABLE_FIELDS} | {
            "evidence": self.cleaned_data.get("evidence", ""),
            "improvement": self.cleaned_data.get("improvement", ""),
            "lead_officer": self.cleaned_data.get("lead_officer", ""),
        }

    def changed(self) -> bool:
        """Did the person change this criterion from what the page showed them? A page without
        the fingerprint (or with a forged one) counts as changed: a conflict, never a loss."""
        return fingerprint(self.answer_values()) != self.cleaned_data.get("rendered")

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the page's error summary, pointing at real inputs."""
        links: list[tuple[str, str]] = []
        for name, errors in self.errors.items():
            bound = self[name]
            if name == "rating":
                anchor = f"id_{bound.html_name}_1"
            elif name == "target_date":
                anchor = f"{bound.auto_id}_0"
            else:
                anchor = bound.auto_id
            links.extend((anchor, str(message)) for message in errors)  # each message is a str
        return links


def initial_for(answer: Answer) -> dict:
    values = answer.values()
    return values | {"revision": answer.revision, "rendered": fingerprint(values)}


class ConflictChoiceForm(forms.Form):
    """When someone else saved the same criterion first: keep mine or take theirs."""

    CHOICES = [("mine", "Keep my answer"), ("theirs", "Use their answer")]

    keep = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, criterion: Criterion, **kwargs):
        kwargs.setdefault("prefix", f"conflict{criterion.code.replace('.', '_')}")
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.fields["keep"].label = f"Which answer for {criterion.code} do you want to keep?"
        self.fields["keep"].error_messages["required"] = (
            f"Select which answer for {criterion.code} you want to keep"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.radios("keep", legend_size=Size.SMALL, inline=True))
