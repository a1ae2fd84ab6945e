"""Jinja2 for the long tables: one row per council (about 150), a council's actions and notes.

Django's template engine spends about 0.3 ms on each row of the inspector workspace or the
national overview (variable lookups, `{% url %}`, localisation), which put those pages at 10-15x
the cost of the smallest page. Jinja2, Django's other built-in backend, compiles a template to
Python and renders the same rows about ten times faster. Pages stay Django templates (the shell,
forms, error summaries); only the long tables and lists of the workspace, the national overview
and the dashboard (`templates/**/*.jinja`) are Jinja2, included with `{% jinja %}`.
"""

import datetime
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.text import Truncator
from jinja2 import Environment, StrictUndefined


@lru_cache(maxsize=16384)
def _reverse(script_prefix: str, name: str, args: tuple) -> str:
    return reverse(name, args=args)


def url(name: str, *args) -> str:
    """`reverse()`, remembered: a URL never changes while the process runs, and reversing the
    same few hundred council links on every request was a fifth of a table's cost."""
    return _reverse(get_script_prefix(), name, args)


# The service is in English only (LANGUAGE_CODE en-gb).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
SHORT_DATE, LONG_DATE = "j M Y", "j F Y"


def date(value, format_string: str = SHORT_DATE) -> str:
    """Django's `date` filter, in the service's time zone, blank for no date. The two formats
    the tables use are written directly: Django's general formatter cost 60 µs a date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if format_string == SHORT_DATE:
        return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"
    if format_string == LONG_DATE:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return dateformat.format(value, format_string)


def truncatewords(value: str, count: int) -> str:
    """Django's `truncatewords`."""
    return Truncator(value).words(count, truncate=" …")


def environment(**options) -> Environment:
    # A misspelt variable must fail loudly in tests rather than print an empty cell.
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.globals["url"] = url
    env.filters["date"] = date
    env.filters["truncatewords"] = truncatewords
    return env
