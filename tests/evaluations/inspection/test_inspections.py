"""Inspections (seed 003): the director records one, GOV.UK errors change nothing, edits never
silently overwrite, and the council's people (and SSI) read it; other councils get 404."""

import datetime

import pytest
from django.urls import reverse

from demo.seed import SEED_003
from evaluations.models import Inspection


def form_data(**overrides) -> dict:
    data = {
        name: value for name, value in SEED_003.items() if name not in ("started_on", "ended_on")
    }
    for name in ("started_on", "ended_on"):
        date = SEED_003[name]
        data |= {f"{name}_0": date.day, f"{name}_1": date.month, f"{name}_2": date.year}
    return data | overrides


def test_the_director_records_an_inspection(client_for, director, council_a):
    response = client_for(director).post(reverse("inspection:add", args=["509"]), form_data())
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection:detail", args=["509", inspection.pk])
    assert inspection.council == council_a and inspection.recorded_by == director
    assert len(inspection.items("strengths")) == 8
    assert len(inspection.items("development_areas")) == 5
    assert inspection.items("priority_actions") == []
    assert [area for area, _ in inspection.action_areas] == [
        "Initial Response",
        "Workforce Capacity",
        "Transfer of Work between Teams",
        "Record keeping and Analysis",
        "Supervision Records",
    ]
    page = client_for(director).get(response["Location"])
    assert "Report the outcome to cabinet" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"inspectorate": ""}, "Enter the inspectorate"),
        (
            {"started_on_0": "", "started_on_1": "", "started_on_2": ""},
            "Enter the first day of the inspection",
        ),
        ({"ended_on_0": "32"}, "Last day of the inspection must be a real date"),
        (
            {"ended_on_0": "10"},
            "Last day of the inspection must be the same as or after the first day",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_recorded(client_for, director, overrides, message):
    response = client_for(director).post(
        reverse("inspection:add", args=["509"]), form_data(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Inspection.objects.exists()


@pytest.fixture
def inspection(council_a, director):
    return Inspection.objects.create(council=council_a, recorded_by=director, **SEED_003)


def test_a_stale_change_shows_both_versions_and_saves_nothing(client_for, director, inspection):
    client = client_for(director)
    change = reverse("inspection:change", args=["509", inspection.pk])
    assert (
        client.post(change, form_data(inspectorate="Ofsted (North)", revision=0)).status_code == 302
    )
    response = client.post(change, form_data(inspectorate="Ofsted (Midlands)", revision=0))
    assert response.status_code == 409
    assert "Ofsted (North)" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).inspectorate == "Ofsted (North)"


def test_the_councils_officers_and_ssi_read_inspections_but_only_the_director_records(
    client_for, officer, inspector, inspection
):
    for person in (officer, inspector):
        client = client_for(person)
        assert client.get(reverse("inspection:list", args=["509"])).status_code == 200
        assert (
            client.get(reverse("inspection:detail", args=["509", inspection.pk])).status_code == 200
        )
        assert client.get(reverse("inspection:add", args=["509"])).status_code == 403
        change = reverse("inspection:change", args=["509", inspection.pk])
        assert client.post(change, form_data(inspectorate="X", revision=0)).status_code == 403
    assert Inspection.objects.get(pk=inspection.pk).inspectorate == "Ofsted"


def test_other_councils_get_404(client_for, director_b, inspection):
    client = client_for(director_b)
    for path in (
        reverse("inspection:list", args=["509"]),
        reverse("inspection:detail", args=["509", inspection.pk]),
        reverse("inspection:change", args=["509", inspection.pk]),
        reverse("inspection:detail", args=["510", inspection.pk]),
    ):
        assert client.get(path).status_code == 404, path


def test_an_inspection_cannot_end_before_it_starts(council_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            council=council_a,
            inspectorate="Ofsted",
            inspection_type="Inspection",
            started_on=datetime.date(2009, 8, 12),
            ended_on=datetime.date(2009, 8, 11),
        )
