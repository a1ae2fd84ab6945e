"""The date a page's figures are worked out as at: chosen by the user (a GOV.UK date input, or
`?as_at=2003-10-31` in a link), today by default.

Every figure that depends on the date (overdue, past the Laming deadline, late) is computed as
at this date, never as at the moment the page happens to be read.
"""

import datetime

from django import forms
from django.http import QueryDict
from django.utils import timezone

from climbie_audit.form_fields import ErrorLinksMixin, FragmentMixin, NamedDateField

# Before the framework there is nothing to count; far ahead is a typing slip.
EARLIEST = datetime.date(2003, 1, 1)
LATEST_YEARS_AHEAD = 10


class AsAtForm(FragmentMixin, ErrorLinksMixin, forms.Form):
    as_at = NamedDateField(
        "As at date",
        label="Figures as at",
        help_text="For example, 31 10 2003. Leave it empty for today.",
    )

    def __init__(self, *args: object, today: datetime.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own arguments
        self.today = today

    def clean_as_at(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("as_at")
        if value is None:
            return None
        if value < EARLIEST:
            raise forms.ValidationError(f"As at date must be on or after {EARLIEST:%-d %B %Y}")
        latest = self.today.replace(year=self.today.year + LATEST_YEARS_AHEAD)
        if value > latest:
            raise forms.ValidationError(f"As at date must be on or before {latest:%-d %B %Y}")
        return value


def _iso(text: str) -> list[str] | None:
    """`2003-10-31` as the date input's [day, month, year], or None if it is not that shape."""
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    if not (year and month and day):
        return None
    return [day, month, year]


def as_at_from(
    query: QueryDict, today: datetime.date | None = None
) -> tuple[datetime.date, AsAtForm]:
    """(the date to work figures out as at, the bound form to show). A bad date is an error on
    the form and the figures fall back to today, so the page still answers."""
    today = today or timezone.localdate()
    data = query.copy()
    if "as_at" in query and not any(f"as_at_{n}" in query for n in range(3)):
        parts = _iso(query.get("as_at", "")) or [query.get("as_at", ""), "", ""]
        for n, part in enumerate(parts):
            data[f"as_at_{n}"] = part
    chosen = any(data.get(f"as_at_{n}", "").strip() for n in range(3))
    form = AsAtForm(data if chosen else None, today=today)
    if chosen and form.is_valid() and form.cleaned_data["as_at"] is not None:
        return form.cleaned_data["as_at"], form
    return today, form


def as_at_query(as_at: datetime.date, today: datetime.date) -> str:
    """The query string that keeps the chosen date on links (exports, pages): empty for today."""
    return "" if as_at == today else f"as_at={as_at:%Y-%m-%d}"
