"""Every text the service stores has a stated maximum, and every text is normalised one way.

One place for the limits (named for what they bound), the normalisation, the form field that
applies both with GOV.UK messages that say the limit, and the database constraints that hold
whatever path writes (docs/decisions/0011-bounded-input-and-exact-saves.md).

- Forms: `bounded_text(name, LIMIT, …)` (or `bound_field` for a field built elsewhere).
- Models: `models.TextField(max_length=LIMIT)` and, in Meta, `*length_checks("app_model", …)`.
- Other paths (spreadsheet import, seeds): `normalise_text`, then `over_limit`.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# --- The limits, characters --------------------------------------------------------------------
# Sized from the seeds (/work/shared/seeds: the longest paragraph of any is 3,206 characters,
# the whole of seed 000's evaluation 10,000) with room to spare, and small enough that a printed
# report stays a few pages per section.
NAME = 120  # a person's name, a lead officer, an inspectorate, a committee
SHORT = 200  # a heading, an action's title, a role, a type of inspection
TITLE = 300  # a report's title, a reason, the services inspected
ITEM_TITLE = 600  # an action plan item's title: real plans' run to several lines (seed 001)
NOTE = 2_000  # a note on a role, a progress note
PARAGRAPH = 5_000  # an intended improvement, an action, a finding, responsibilities
EVIDENCE = 10_000  # a criterion's evidence and comment, an evaluation's judgement text
SECTION = 20_000  # a cabinet report's section, a response, a part of an inspection report

# Characters that XLSX, PDF and PostgreSQL refuse or mangle: C0 controls other than tab and line
# breaks, and lone surrogates (which no UTF-8 encoder accepts).
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?")


def normalise_text(value: str) -> str:
    """The one form of a text, whichever path it came by: line endings as \\n, no spaces at the
    end of a line, no blank lines (or spaces) around the whole. A browser posts \\r\\n and a
    spreadsheet cell holds \\n; both are stored the same, so saving unchanged text changes
    nothing."""
    lines = _LINE_BREAK.sub("\n", value).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def has_refused_characters(value: str) -> bool:
    return bool(_REFUSED.search(value))


def limit_message(name: str, limit: int) -> str:
    return f"{name} must be {limit:,} characters or fewer"


def refused_message(name: str) -> str:
    return f"{name} must not include control characters"


def over_limit(name: str, value: str, limit: int) -> str | None:
    """The GOV.UK error for a normalised text that is too long or holds refused characters."""
    if has_refused_characters(value):
        return refused_message(name)
    if len(value) > limit:
        return limit_message(name, limit)
    return None


class BoundedTextField(forms.CharField):
    """A text input or textarea: normalised as above, at most `max_length` characters after
    normalisation, no control characters; messages name the field ("Evidence for 2.10 must be
    10,000 characters or fewer")."""

    def __init__(self, *, name: str, limit: int, **kwargs: Any) -> None:
        kwargs["max_length"] = limit
        kwargs["strip"] = False  # normalise_text strips, the same way on every path
        super().__init__(**kwargs)
        self.name_in_messages(name)

    def name_in_messages(self, name: str) -> None:
        """Name the field in its messages (a form may learn the name only when built: 2.10)."""
        self.message_name = name
        self.error_messages["max_length"] = limit_message(name, self.max_length or 0)
        self.error_messages["null_characters_not_allowed"] = refused_message(name)

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return normalise_text(text) if isinstance(text, str) else text

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, str) and has_refused_characters(value):
            raise ValidationError(refused_message(self.message_name), code="refused_characters")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # A textarea's maxlength would cut pasted text short without a word; the error says it.
        if isinstance(widget, forms.Textarea):
            attrs.pop("maxlength", None)
        return attrs


def bounded_text(
    name: str,
    limit: int,
    *,
    required: bool = False,
    required_message: str | None = None,
    **kwargs: Any,
) -> BoundedTextField:
    """A bounded text field; `name` is how messages call it, `label` (if not given) the same."""
    kwargs.setdefault("label", name)
    field = BoundedTextField(name=name, limit=limit, required=required, **kwargs)
    if required_message:
        field.error_messages["required"] = required_message
    return field


# The apps whose records hold what people write; their texts are normalised on every save.
NORMALISED_APPS = frozenset({"standards", "evaluations", "reports"})


def bounded_text_fields(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    """The free-text fields of a model: text and character fields with a limit and no fixed
    choices (a status or a slug is not something a person writes)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and field.max_length is not None
        and not field.choices
        and field.editable
    ]


def normalise_before_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """pre_save: the texts of a record are normalised whichever path saves it (a rule, the
    admin, a seed), as the forms and the spreadsheet import already do."""
    if raw or sender._meta.app_label not in NORMALISED_APPS:
        return
    for field in bounded_text_fields(sender):
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, normalise_text(value))


def connect() -> None:
    models.signals.pre_save.connect(normalise_before_save, dispatch_uid="limits.normalise")


def length_checks(table: str, **limits: int) -> list[models.BaseConstraint]:
    """Database constraints that no text column of `table` holds more than its limit, so no path
    (a bulk update, raw SQL, another program) can store more than the forms allow."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(column), limit),
            name=f"{table}_{column}_max_length",
        )
        for column, limit in limits.items()
    ]
