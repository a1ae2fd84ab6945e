"""The national workbook of submitted returns for SSI (issue 4, item 5)."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.self_audit.rules import save_answers, start_revision, submit
from standards.spreadsheet.national import write_national_workbook
from tests.factories import CouncilFactory, DirectorFactory
from tests.standards.spreadsheet.helpers import XLSX, draft_for, fill, submitted_return

pytestmark = pytest.mark.django_db

URL = reverse("spreadsheet:national")


def _download(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response.streaming
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()), read_only=True)


def _rows(sheet):
    rows = sheet.iter_rows(values_only=True)
    headings = next(rows)
    return [dict(zip(headings, row, strict=True)) for row in rows]


def test_inspectors_get_every_latest_submitted_return(
    client_for, inspector, director, director_b, council_a, council_b, framework
):
    first = submitted_return(council_a, framework, director, rating=4)
    revision = start_revision(first.self_audit, director)
    answer = revision.answers.get(criterion__code="2.10")
    late = {"rating": 2, "improvement": "Train staff", "target_date": datetime.date(2003, 9, 1)}
    save_answers(
        revision, director, {answer.criterion_id: (answer.revision, answer.values() | late)}
    )
    second = submit(revision, director, notify=False)
    fill(draft_for(council_b, framework, director_b), director_b, rating=1)  # a draft: never shown

    workbook = _download(client_for(inspector))

    assert workbook.sheetnames == ["Summary", "Returns"]
    rows = _rows(workbook["Returns"])
    assert len(rows) == 54
    assert {row["Council"] for row in rows} == {"Leicester"}
    assert {row["Version"] for row in rows} == {2}
    assert second.number == 2
    assert list(rows[0]) == [
        "Council",
        "Council code",
        "Region",
        "Version",
        "Submitted at",
        "Criterion",
        "Rating",
        "Target date",
        "Laming deadline",
        "On target?",
    ]
    by_code = {row["Criterion"]: row for row in rows}
    assert by_code["2.10"]["Rating"] == 2
    assert by_code["2.10"]["Target date"].date() == datetime.date(2003, 9, 1)
    assert by_code["2.10"]["Laming deadline"].date() == datetime.date(2003, 4, 28)
    assert by_code["2.10"]["On target?"] == "No"
    assert by_code["1.1"]["On target?"] == "Not applicable"
    assert by_code["1.1"]["Council code"] == "509"
    assert by_code["1.1"]["Region"] == "East Midlands"
    assert isinstance(by_code["1.1"]["Submitted at"], datetime.datetime)
    codes = [row["Criterion"] for row in rows]
    assert codes.index("2.10") == codes.index("2.9") + 1

    summary = [row for row in workbook["Summary"].iter_rows(values_only=True) if row]
    flat = [cell for row in summary for cell in row if cell is not None]
    assert "Ratings by standard, all councils" in flat
    assert "Ratings by council" in flat
    standard_2 = next(row for row in summary if row[0] == "2. Assessment")
    in_standard_2 = framework.standards.get(number=2).criteria.count()
    assert standard_2[1] == in_standard_2
    assert standard_2[2:7] == (0, 1, 0, in_standard_2 - 1, 0)  # 2.10 rated 2, the rest 4
    leicester = next(row for row in summary if row[0] == "Leicester")
    assert leicester[1:4] == ("509", "East Midlands", 2)
    assert leicester[4:9] == (0, 1, 0, 53, 0)
    assert leicester[10] == 1  # not on target


def test_on_target_yes_when_the_target_meets_the_laming_deadline(
    client_for, inspector, director, council_a, framework
):
    submitted_return(
        council_a, framework, director, rating=3, target_date=datetime.date(2003, 4, 1)
    )

    rows = _rows(_download(client_for(inspector))["Returns"])

    assert {row["On target?"] for row in rows if row["Laming deadline"]} == {"Yes"}
    # Recommendation 29 has no timescale, so criterion 1.3 has no deadline to miss.
    assert {row["Criterion"]: row["On target?"] for row in rows}["1.3"] == "Not applicable"


def test_exported_text_cannot_run_as_a_formula(client_for, administrator, framework):
    council = CouncilFactory(name='=HYPERLINK("http://evil.example","x")', code="666")
    submitted_return(council, framework, DirectorFactory(council=council))

    response = client_for(administrator).get(URL)
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))

    cell = workbook["Returns"]["A2"]
    assert cell.value == council.name
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("who", ["officer", "director"])
def test_council_people_cannot_download_it(request, client_for, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


def test_administrators_can_download_it(client_for, administrator, framework):
    assert _download(client_for(administrator)).sheetnames == ["Summary", "Returns"]


def test_query_count_does_not_grow_with_councils(client_for, inspector, framework):
    def make_councils(count):
        for _ in range(count):
            council = CouncilFactory()
            submitted_return(council, framework, DirectorFactory(council=council), rating=3)

    client = client_for(inspector)
    make_councils(2)
    client.get(URL)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert len(_rows(_download(client)["Returns"])) == 2 * 54
    make_councils(6)
    with CaptureQueriesContext(connection) as many:
        assert len(_rows(_download(client)["Returns"])) == 8 * 54

    assert len(many) == len(few)
    assert len(few) <= 10


def test_the_workbook_is_written_in_write_only_mode(monkeypatch, framework):
    seen = []
    real = openpyxl.Workbook

    def spy(*args, **kwargs):
        seen.append(kwargs.get("write_only", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "Workbook", spy)
    write_national_workbook(framework, [], io.BytesIO())

    assert seen == [True]
