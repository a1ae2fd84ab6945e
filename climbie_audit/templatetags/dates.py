"""`short_date` and `long_date`: Django's `date:"j M Y"` and `date:"j F Y"`, for the pages that
show many dates (54 answers, a council's actions and notes).

Django's `date` filter parses its format string and builds a formatter for every date, about
40 µs each; these two formats are written directly. tests/climbie_audit/test_dates.py checks
they give what the `date` filter gives.
"""

import datetime
from typing import Literal

from django import template
from django.utils.dates import MONTHS, MONTHS_3

register = template.Library()


@register.filter(expects_localtime=True)
def short_date(value: datetime.date | Literal[""] | None) -> str:
    """{{ value|date:"j M Y" }}: 3 May 2003."""
    if not value:  # None or "" (a date is always true)
        return ""
    return f"{value.day} {MONTHS_3[value.month].title()} {value.year}"


@register.filter(expects_localtime=True)
def long_date(value: datetime.date | Literal[""] | None) -> str:
    """{{ value|date:"j F Y" }}: 3 May 2003, 28 April 2003."""
    if not value:  # None or "" (a date is always true)
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year}"
