"""GOV.UK forms for SSI's challenge: raise a query on a criterion, send a message on it."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit.form_fields import ErrorLinksMixin
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from evaluations.challenge.rules import MAX_MESSAGE_CHARACTERS
from standards.models import Criterion

TOO_LONG = "{what} must be 5,000 characters or fewer"


def message_field(label: str, required: str, too_long: str) -> forms.CharField:
    field = bounded_text(
        label,
        MAX_MESSAGE_CHARACTERS,
        required=True,
        required_message=required,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    field.error_messages["max_length"] = too_long
    return field


class RaiseQueryForm(ErrorLinksMixin, forms.Form):
    criterion = forms.ChoiceField(
        label="Which criterion is the query about?",
        error_messages={
            "required": "Select the criterion the query is about",
            "invalid_choice": "Select the criterion the query is about",
        },
    )
    question = message_field("Your query", "Enter your query", TOO_LONG.format(what="Your query"))

    def __init__(self, *args: object, criteria: list[Criterion], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.criteria = {c.code: c for c in criteria}
        choice = self.fields["criterion"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", "Choose a criterion")] + [
            (c.code, f"{c.code}: {c.text[:90]}") for c in criteria
        ]
        self.helper = _helper(
            Field.select("criterion", label_size=Size.SMALL),
            Field.textarea("question", label_size=Size.SMALL),
        )

    def chosen_criterion(self) -> Criterion:
        return self.criteria[self.cleaned_data["criterion"]]


class MessageForm(ErrorLinksMixin, forms.Form):
    text = message_field("Your answer", "Enter your answer", TOO_LONG.format(what="Your answer"))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: object, follow_up: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if follow_up:
            self.fields["text"].label = "Ask a further question"
            self.fields["text"].error_messages.update(
                required="Enter your further question",
                max_length=TOO_LONG.format(what="Your further question"),
            )
        self.helper = _helper(Field.textarea("text", label_size=Size.SMALL), Field("revision"))
