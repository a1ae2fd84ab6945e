"""Form fields shared by every GOV.UK form in the service."""

import datetime
from typing import TYPE_CHECKING, Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property

from climbie_audit import limits

# The mixins below are mixed into forms: to mypy they are forms, at run time plain classes.
if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object


class NamedDateField(DateInputField):  # type: ignore[misc]  # crispy-forms-gds has no types
    """GOV.UK date input whose messages name the date ("Target date for 2.10 must be a real
    date"), as the Design System asks, instead of crispy-forms-gds's generic wording."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.name = name
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: list[object] | None) -> datetime.date | None:
        for subfield in self.fields:
            subfield.widget.errors = []
        parts = [str(v).strip() if v is not None else "" for v in (value or ["", "", ""])]
        parts += [""] * (3 - len(parts))
        day, month, year = parts[:3]
        if not any(parts):
            if self.required:
                raise ValidationError(f"Enter the {self.name[:1].lower()}{self.name[1:]}")
            return None
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise ValidationError(f"{self.name} must include a {' and '.join(missing)}")
        digits = day + month + year
        if not (digits.isascii() and digits.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.name} must be a real date")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:  # a day of 40 nines overflows a C long
            raise ValidationError(f"{self.name} must be a real date") from error


class FragmentMixin(_Form):
    """For a form whose GOV.UK markup one template fragment writes out, instead of
    crispy-forms-gds rendering a template per field (the repeated forms of the standard page and
    the evaluation form). The form keeps its crispy-forms-gds layout as the reference: a test
    renders each fragment both ways and compares the markup. These give the fragment what a
    template cannot work out cheaply."""

    @cached_property
    def radios(self) -> dict[str, list[tuple[str, str, str, str, bool, str]]]:
        """{field name: [(value, radio's id, label, hint, checked, divider after it)]}."""
        radios: dict[str, list[tuple[str, str, str, str, bool, str]]] = {}
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.RadioSelect):
                continue
            bound = self[name]
            current = str(bound.value())
            radios[name] = [
                (
                    str(choice[0]),
                    f"id_{bound.html_name}_{n}",
                    str(choice[1]),
                    getattr(choice, "hint", ""),
                    str(choice[0]) == current,
                    getattr(choice, "divider", ""),
                )
                # A field shown as radios is a choice field; Field declares no choices.
                for n, choice in enumerate(field.choices, start=1)  # type: ignore[attr-defined]
            ]
        return radios

    @cached_property
    def date_parts(self) -> dict[str, list[tuple[str, str, str, str, str]]]:
        """{field name: [(label, name, id, CSS classes, value shown)]} for the day, month and
        year inputs of each date."""
        parts: dict[str, list[tuple[str, str, str, str, str]]] = {}
        for name, field in self.fields.items():
            if not isinstance(field, DateInputField):
                continue
            bound = self[name]
            value = bound.value()
            if not isinstance(value, list | tuple):
                value = field.widget.decompress(value)
            parts[name] = [
                (
                    str(widget.attrs["label"]),
                    f"{bound.html_name}_{n}",
                    f"{bound.auto_id}_{n}",
                    widget.attrs["class"],
                    "" if shown is None else str(shown),
                )
                for n, (widget, shown) in enumerate(zip(field.widget.widgets, value, strict=True))
            ]
        return parts


def form_helper(*fields: object) -> FormHelper:
    """A crispy-forms-gds helper for a form rendered inside a page's own <form> element."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class ErrorLinksMixin(_Form):
    """Gives a form the (anchor, message) pairs of a GOV.UK error summary, each pointing at a
    real input: the first radio or checkbox, the day of a date, or the field itself."""

    # Where errors that belong to no one field link to; None leaves them out of the summary.
    non_field_anchor: str | None = "main-content"

    def error_links(self) -> list[tuple[str, str]]:
        links: list[tuple[str, str]] = []
        # An ErrorList yields each message as a str (its stubs also allow a ValidationError).
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                if self.non_field_anchor:
                    links.extend((self.non_field_anchor, str(message)) for message in errors)
                continue
            bound = self[name]
            widget = self.fields[name].widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"id_{bound.html_name}_1"
            elif isinstance(self.fields[name], DateInputField):
                anchor = f"{bound.auto_id}_0"
            else:
                anchor = bound.auto_id
            links.extend((anchor, str(message)) for message in errors)
        return links


def required_text(label: str, message: str, **kwargs: Any) -> forms.CharField:
    """A required text field whose "required" error says what to enter, in GOV.UK wording:
    bounded (by `max_length`, else limits.PARAGRAPH) and normalised, as every text is."""
    limit = kwargs.pop("max_length", None) or limits.PARAGRAPH
    return limits.bounded_text(label, limit, required=True, required_message=message, **kwargs)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, or None for a GET (so an unbound form shows its initial values)."""
    return request.POST if request.method == "POST" else None


def with_revision(request: HttpRequest, revision: int) -> QueryDict:
    """The user's own answers, re-posted against the revision now stored, after a conflict: saving
    again replaces what the other person saved (they have been shown it)."""
    data = request.POST.copy()
    data["revision"] = str(revision)
    return data
