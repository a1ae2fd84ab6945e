"""The pages' fast date filters give exactly what Django's `date` filter gives."""

import datetime
import zoneinfo

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

FORMATS = {"short_date": "j M Y", "long_date": "j F Y"}
LONDON = zoneinfo.ZoneInfo("Europe/London")


def both(value):
    for name, format_string in FORMATS.items():
        ours = Template(f"{{% load dates %}}{{{{ value|{name} }}}}").render(
            Context({"value": value})
        )
        django = Template(f'{{{{ value|date:"{format_string}" }}}}').render(
            Context({"value": value})
        )
        yield ours, django


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31)))
def test_dates(value):
    for ours, django in both(value):
        assert ours == django


@given(
    st.datetimes(
        min_value=datetime.datetime(1990, 1, 1),
        max_value=datetime.datetime(2040, 12, 31),
        timezones=st.sampled_from([datetime.UTC, LONDON]),
    )
)
def test_aware_datetimes_in_the_services_time_zone(value):
    for ours, django in both(value):
        assert ours == django


def test_no_date_is_blank():
    for value in (None, ""):
        for ours, django in both(value):
            assert ours == django == ""
