"""The Jinja2 helpers print exactly what Django's own filters and tags print."""

import datetime

import pytest
from django.template import defaultfilters
from django.urls import reverse
from django.utils import timezone

from climbie_audit import jinja

MOMENTS = [
    datetime.datetime(2003, 1, 28, 9, 0, tzinfo=datetime.UTC),
    datetime.datetime(2003, 7, 28, 23, 30, tzinfo=datetime.UTC),  # 29 July in London (BST)
    datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),  # the night the clocks change
    datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("format_string", ["j M Y", "j F Y", "H:i, j F Y"])
def test_dates_as_django_prints_them(moment, format_string):
    expected = defaultfilters.date(timezone.localtime(moment), format_string)
    assert jinja.date(moment, format_string) == expected
    assert jinja.date(moment.date(), format_string.split(", ")[-1]) == defaultfilters.date(
        moment.date(), format_string.split(", ")[-1]
    )


def test_no_date_is_blank():
    assert jinja.date(None) == jinja.date("") == ""


def test_urls_as_reverse_gives_them():
    assert jinja.url("evaluation:council", "509") == reverse("evaluation:council", args=["509"])
    assert jinja.url("evaluation:edit", "509", 7) == reverse("evaluation:edit", args=["509", 7])
    assert jinja.url("national:overview") == reverse("national:overview")


def test_truncatewords_as_django_does():
    text = " ".join(f"word{n}" for n in range(40))
    assert jinja.truncatewords(text, 30) == defaultfilters.truncatewords(text, 30)
