"""Form fields shared by every GOV.UK form in the service."""

import datetime

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class NamedDateField(DateInputField):
    """GOV.UK date input whose messages name the date ("Target date for 2.10 must be a real
    date"), as the Design System asks, instead of crispy-forms-gds's generic wording."""

    def __init__(self, name: str, **kwargs):
        self.name = name
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
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
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.name} must be a real date")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{self.name} must be a real date") from error
