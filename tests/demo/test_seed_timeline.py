"""The demo tells the 2003-2004 story with its own dates (issue 14, point 8): whatever day the
seeds run, nothing they write is dated that day."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models

from demo.national import seed_national
from evaluations.models import Evaluation, Inspection
from reports.models import CabinetReport
from standards.models import AuditReturn, ProgressNote

SEEDED_ON = datetime.datetime(2031, 11, 30, 12)


def _dates_on(day: datetime.date) -> list[str]:
    """Every date or date-time column of every model that holds `day`."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "contenttypes", "auth", "admin", "axes"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                start = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
                query = {f"{field.name}__gte": start - datetime.timedelta(days=1)}
            elif isinstance(field, models.DateField):
                query = {f"{field.name}__gte": day}
            else:
                continue
            if model._default_manager.filter(**query).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.mark.django_db
def test_nothing_seeded_is_dated_the_day_the_seeds_ran(framework):
    with time_machine.travel(SEEDED_ON, tick=False):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        seed_national(12, seed=5)
    assert _dates_on(SEEDED_ON.date()) == []
    # Nothing after the story either, bar Leicester's 2009 inspection.
    later = datetime.date(2010, 1, 1)
    assert _dates_on(later) == []


@pytest.mark.django_db
def test_the_demo_story_on_its_real_dates(framework):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = {
        r.self_audit.council.code: r
        for r in AuditReturn.objects.filter(number=1).select_related("self_audit__council")
    }
    due = framework.return_due
    for code in ("509", "510"):  # Leicester and Derby, both by 30 April 2003
        assert first[code].submitted_at.date() <= due == datetime.date(2003, 4, 30)
        assert first[code].late_label == ""
    evaluation = Evaluation.objects.get(audit_return=first["509"])
    assert evaluation.completed_on == datetime.date(2003, 5, 6)
    assert evaluation.issued_at.date() == datetime.date(2003, 5, 6)
    leicester = CabinetReport.objects.get(council__code="509")
    assert [row.meeting_date for row in leicester.timetable.all()] == [datetime.date(2003, 7, 21)]
    derby = CabinetReport.objects.get(council__code="510")
    assert [row.meeting_date for row in derby.timetable.all()] == [datetime.date(2004, 3, 22)]
    notes = ProgressNote.objects.filter(action__plan__self_audit__council__code="510")
    moments = sorted(n.recorded_at.date() for n in notes)
    assert datetime.date(2003, 9, 1) <= moments[0] <= moments[-1] <= datetime.date(2004, 3, 1)
    inspection = Inspection.objects.get(council__code="509")
    assert inspection.started_on.year == 2009
