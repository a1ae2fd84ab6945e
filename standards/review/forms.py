from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin
from climbie_audit.limits import bounded_text
from climbie_audit.models import User

COMMENT_LIMIT = limits.NOTE  # 2,000, as the model's constraint


def _helper(*fields: object) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields, Field("revision"))
    return helper


class StepForm(ErrorLinksMixin, forms.Form):
    """A step with nothing to type: marking ready, approving. It carries the revision the person
    saw, so that a step taken from an out-of-date page is refused."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stale = "The page was out of date. Look at the standard again and try once more"
        for key in ("required", "invalid", "min_value"):
            self.fields["revision"].error_messages[key] = stale
        self.helper = _helper()


class AssignForm(StepForm):
    assignee = forms.TypedChoiceField(label="Who will complete this standard?", coerce=int)

    def __init__(self, *args, people: list[User], number: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.choices = [("", "Select a person")] + [  # type: ignore[attr-defined]
            (p.pk, f"{p.display_name} ({p.get_role_display().lower()})") for p in people
        ]
        message = f"Select who will complete standard {number}"
        field.error_messages["required"] = message
        field.error_messages["invalid_choice"] = message
        self.helper = _helper(Field.select("assignee", label_size=Size.SMALL))


class ReturnForm(StepForm):
    comment = bounded_text(
        "Comment",
        COMMENT_LIMIT,
        required=True,
        required_message="Enter what needs to change before you return the standard",
        label="What needs to change",
        help_text="The officer sees this comment on the standard and in their notifications.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("comment", label_size=Size.SMALL))
