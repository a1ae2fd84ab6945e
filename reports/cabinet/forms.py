"""GOV.UK forms for reports to cabinet, the statement of roles and inspections. Messages name
the field or row they are about, in GOV.UK error wording."""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin, NamedDateField, required_text
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from reports.models import (
    OTHER_IMPLICATIONS,
    Appendix,
    DecisionMaker,
    ForwardPlan,
)

TIMETABLE_ROWS = 4
YES_NO = [("yes", "Yes"), ("no", "No")]
BODY_HINT = (
    "Leave a blank line between paragraphs: each paragraph is numbered for you (1.1, 1.2 …). "
    "Start a line with “## ” for a numbered sub-heading, and with “- ” for an item in a list. "
    "Put **two asterisks** around words to print them in bold. Write {appendix:evaluation}, "
    "{appendix:self_audit}, {appendix:action_plan} or {appendix:roles} to refer to an "
    "appendix by its number. Leave the section empty to leave it out."
)


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )


def yes_no(value: bool | None) -> str:
    answers: dict[bool | None, str] = {True: "yes", False: "no"}
    return answers.get(value, "")


# --- Building a report ---------------------------------------------------------------------


class KindForm(ErrorLinksMixin, forms.Form):
    """Which kind of report: one choice per inspection the council has recorded."""

    kind = forms.ChoiceField(
        label="What is the report about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the report is about",
            "invalid_choice": "Select what the report is about",
        },
    )

    def __init__(
        self,
        *args,
        options: list[tuple[str, str, str]],
        today: datetime.date | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["kind"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(value, label, hint=hint) for value, label, hint in options
        ]
        self.fields["report_date"] = NamedDateField(
            "Date of the report",
            label="Date of the report",
            help_text="The report says what had happened by this date and nothing after it, "
            "for example 5 11 2003. Leave it empty for today.",
        )
        self.helper = _helper(
            Field.radios("kind", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field("report_date", legend_size=Size.MEDIUM, legend_tag="h2"),
        )

    def clean(self):
        cleaned = super().clean()
        report_date = cleaned.get("report_date")
        if report_date is not None and report_date > self.today:
            self.add_error("report_date", "Date of the report must be today or in the past")
        return cleaned

    @property
    def report_date(self) -> datetime.date:
        return self.cleaned_data.get("report_date") or self.today


class FrontMatterForm(ErrorLinksMixin, forms.Form):
    council_heading = required_text(
        "Council name as printed",
        "Enter the council name as it should be printed",
        max_length=120,
        help_text="As it heads the council's papers, for example Leicester City Council.",
    )
    wards_affected = required_text(
        "Wards affected",
        "Enter the wards affected, or All",
        max_length=200,
        help_text="For example, All.",
    )
    officer_title = required_text(
        "Report of the",
        "Enter the officer the report is from",
        max_length=200,
        help_text="Printed as “Report of the …”, for example Corporate Director of Social Care "
        "and Health.",
    )
    title = required_text(
        "Title",
        "Enter the title of the report",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = []
        for n in range(1, TIMETABLE_ROWS + 1):
            self.fields[f"committee_{n}"] = bounded_text(f"Committee or meeting {n}", limits.NAME)
            self.fields[f"date_{n}"] = NamedDateField(
                f"Date of meeting {n}",
                label=f"Date of meeting {n}",
                help_text="For example, 21 7 2003.",
            )
            rows.append(
                Fieldset(
                    Field.text(f"committee_{n}", field_width=20),
                    Field(f"date_{n}", legend_size=Size.SMALL),
                    legend=f"Meeting {n}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = _helper(
            Field.text("council_heading"),
            Field.text("wards_affected", field_width=20),
            Field.text("officer_title"),
            Field.textarea("title"),
            Fieldset(
                *rows,
                legend="Forward timetable of meetings",
                legend_size=Size.MEDIUM,
            ),
            Field("revision"),
        )

    def clean(self):
        data = super().clean()
        timetable = []
        for n in range(1, TIMETABLE_ROWS + 1):
            committee = (data.get(f"committee_{n}") or "").strip()
            date = data.get(f"date_{n}")
            if f"date_{n}" in self.errors:
                continue
            if committee and date is None:
                self.add_error(f"date_{n}", f"Enter the date of the meeting of {committee}")
            elif date is not None and not committee:
                self.add_error(f"committee_{n}", f"Enter the committee meeting on {date:%-d %B %Y}")
            elif committee:
                timetable.append((committee, date))
        rows_with_errors = any(
            self.has_error(f"{name}_{n}")
            for name in ("committee", "date")
            for n in range(1, TIMETABLE_ROWS + 1)
        )
        if not timetable and not rows_with_errors:
            self.add_error("committee_1", "Enter at least one meeting in the forward timetable")
        data["timetable"] = timetable
        return data

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name].strip()
            for name in ("council_heading", "wards_affected", "officer_title", "title")
        }


def front_matter_initial(report, timetable) -> dict:
    initial = {
        "council_heading": report.council_heading,
        "wards_affected": report.wards_affected,
        "officer_title": report.officer_title,
        "title": report.title,
        "revision": report.revision,
    }
    for n, row in enumerate(timetable, start=1):
        initial[f"committee_{n}"] = row.committee
        initial[f"date_{n}"] = row.meeting_date
    return initial


class SectionForm(ErrorLinksMixin, forms.Form):
    heading = bounded_text("Heading", limits.SHORT, required=True)
    body = bounded_text(
        "Section text",
        limits.SECTION,
        label="Text",
        help_text=BODY_HINT,
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true"}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, number: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].error_messages["required"] = "Enter a heading for the section"
        self.helper = _helper(Field.text("heading"), Field.textarea("body"), Field("revision"))

    def values(self) -> dict:
        # Both are normalised already (climbie_audit.limits).
        return {"heading": self.cleaned_data["heading"], "body": self.cleaned_data["body"]}


class ImplicationsForm(ErrorLinksMixin, forms.Form):
    """The "other implications" table: YES/NO and the paragraphs that say more, per row."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        layout = []
        for n, name in enumerate(OTHER_IMPLICATIONS):
            applies = YesNoField(label=f"{name}: does the report have implications?")
            applies.error_messages["required"] = f"Select yes if there are {name} implications"
            applies.error_messages["invalid_choice"] = applies.error_messages["required"]
            self.fields[f"applies_{n}"] = applies
            self.fields[f"reference_{n}"] = bounded_text(
                f"Paragraph references for {name}",
                limits.NAME,
                label=f"{name}: paragraph references",
                help_text="For example, 4.2 and 4.3, or Throughout the report.",
            )
            layout.append(
                Fieldset(
                    Field.radios(f"applies_{n}", legend_size=Size.SMALL, inline=True),
                    Field.text(f"reference_{n}", field_width=20),
                    legend=name,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = _helper(*layout, Field("revision"))

    def clean(self):
        data = super().clean()
        for n, name in enumerate(OTHER_IMPLICATIONS):
            if data.get(f"applies_{n}") and not (data.get(f"reference_{n}") or "").strip():
                self.add_error(f"reference_{n}", f"Enter the paragraph references for {name}")
        return data

    def rows(self) -> list[dict]:
        return [
            {
                "name": name,
                "applies": bool(self.cleaned_data[f"applies_{n}"]),
                "reference": (self.cleaned_data[f"reference_{n}"] or "").strip(),
            }
            for n, name in enumerate(OTHER_IMPLICATIONS)
        ]


def implications_initial(report) -> dict:
    initial = {"revision": report.revision}
    stored = {row["name"]: row for row in report.other_implications or []}
    for n, name in enumerate(OTHER_IMPLICATIONS):
        row = stored.get(name, {})
        initial[f"applies_{n}"] = yes_no(row.get("applies"))
        initial[f"reference_{n}"] = row.get("reference", "")
    return initial


class DecisionForm(ErrorLinksMixin, forms.Form):
    key_decision = YesNoField(
        label="Is it a key decision?",
        error_messages={
            "required": "Select yes if it is a key decision",
            "invalid_choice": "Select yes if it is a key decision",
        },
    )
    decision_reason = bounded_text(
        "Reason",
        limits.TITLE,
        help_text="Why it is, or is not, a key decision. Leave it empty for N/A.",
    )
    forward_plan = forms.ChoiceField(
        label="Did it appear in the forward plan?",
        choices=ForwardPlan.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it appeared in the forward plan",
            "invalid_choice": "Select whether it appeared in the forward plan",
        },
    )
    decision_maker = forms.ChoiceField(
        label="Executive or council decision?",
        choices=DecisionMaker.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it is an executive or council decision",
            "invalid_choice": "Select whether it is an executive or council decision",
        },
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("key_decision", legend_size=Size.MEDIUM, inline=True),
            Field.text("decision_reason"),
            Field.radios("forward_plan", legend_size=Size.MEDIUM, inline=True),
            Field.radios("decision_maker", legend_size=Size.MEDIUM),
            Field("revision"),
        )

    def clean(self):
        data = super().clean()
        reason = (data.get("decision_reason") or "").strip()
        if data.get("key_decision") and reason.upper() in ("", "N/A", "NA"):
            self.add_error("decision_reason", "Enter the reason it is a key decision")
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "key_decision": bool(data["key_decision"]),
            "decision_reason": (data.get("decision_reason") or "").strip() or "N/A",
            "forward_plan": data["forward_plan"],
            "decision_maker": data["decision_maker"],
        }


class AppendicesForm(ErrorLinksMixin, forms.Form):
    appendices = forms.MultipleChoiceField(
        label="Which appendices should the report have?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, available: list[str], unavailable_hints: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["appendices"]
        field.choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(
                value,
                label,
                hint=f"Not available: {unavailable_hints[value]}."
                if value in unavailable_hints
                else "",
            )
            for value, label in Appendix.choices
        ]
        field.help_text = (
            "Select all that apply. They are numbered in the order shown unless you have "
            "changed their order on the sections and appendices page."
        )
        field.error_messages["invalid_choice"] = "Select only appendices that can be attached"
        self.available = available
        self.unavailable_hints = unavailable_hints
        self.helper = _helper(
            Field.checkboxes("appendices", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field("revision"),
        )

    def clean_appendices(self):
        chosen = self.cleaned_data["appendices"]
        for value in chosen:
            if value not in self.available:
                raise ValidationError(
                    f"{Appendix(value).label} cannot be attached: {self.unavailable_hints[value]}"
                )
        return [value for value, _ in Appendix.choices if value in chosen]


class FinalForm(ErrorLinksMixin, forms.Form):
    meeting = forms.ChoiceField(
        label="Which meeting is the report final for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the meeting the report is final for",
            "invalid_choice": "Select the meeting the report is final for",
        },
    )

    def __init__(self, *args, meetings: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m, m) for m in meetings]  # type: ignore[attr-defined]  # a ChoiceField
        self.helper = _helper(Field.radios("meeting", legend_size=Size.MEDIUM, legend_tag="h2"))
