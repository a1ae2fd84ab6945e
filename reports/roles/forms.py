"""GOV.UK forms for the statement of roles and responsibilities."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin, required_text
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from reports.models import (
    RoleGroup,
)

# --- The statement of roles and responsibilities ---------------------------------------------


class RoleForm(ErrorLinksMixin, forms.Form):
    group = forms.ChoiceField(
        label="What kind of responsibilities does the role have?",
        choices=RoleGroup.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of responsibilities the role has",
            "invalid_choice": "Select the kind of responsibilities the role has",
        },
    )
    title = required_text(
        "Role",
        "Enter the role",
        max_length=limits.SHORT,
        help_text="For example, The Chief Executive.",
    )
    responsibilities = required_text(
        "Responsibilities",
        "Enter the role's responsibilities",
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="One responsibility on each line. Start a line with “- ” for a point of the "
        "responsibility above it.",
    )
    note = bounded_text(
        "Note", limits.NOTE, label="Note (optional)", widget=forms.Textarea(attrs={"rows": 3})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("group", legend_size=Size.MEDIUM),
            Field.text("title"),
            Field.textarea("responsibilities"),
            Field.textarea("note"),
            Field("revision"),
        )

    def values(self) -> dict:
        data = self.cleaned_data
        # Texts come normalised (climbie_audit.limits); a statement's list has no blank lines.
        lines = data["responsibilities"].split("\n")
        return {
            "group": data["group"],
            "title": data["title"],
            "responsibilities": "\n".join(line for line in lines if line.strip()),
            "note": data["note"],
        }


class RemoveForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
