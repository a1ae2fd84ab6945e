"""The action plan as councils keep it (issue 14, point 2), through the pages a council uses:
items per criterion with several actions, start (or month) and target dates, monitoring
arrangements, stated length limits with GOV.UK errors, progress as at a date on the plan page,
and the plan exported as CSV and XLSX with real dates."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from standards.action_plan import rules as action_plan
from standards.models import ImprovementAction, NoteKind, ProgressNote
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3}


def url(name, *args, code="509"):
    return reverse(f"action_plan:{name}", args=[code, *args])


def date_parts(name, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def details(**overrides) -> dict[str, str]:
    data = {
        "title": "Referral and assessment protocol",
        "action": "Agree the protocol with health and police.",
        "lead_officer": "Service manager",
        "monitoring": "Monthly report to the Area Child Protection Committee",
        "revision": "0",
        **date_parts("start_date", datetime.date(2003, 10, 1)),
        **date_parts("target_date", datetime.date(2004, 3, 31)),
    }
    return data | overrides


def progress(action, **overrides) -> dict[str, str]:
    data = {
        "status": action.status,
        "note": "",
        "next_action": "",
        "revision": str(action.revision),
        **date_parts("as_at", None),
        **date_parts("completed_on", None),
    }
    return data | overrides


@pytest.fixture
def actions(council_a, framework, officer, director):
    submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    found = {a.criterion.code: a for a in ImprovementAction.objects.select_related("criterion")}
    for action in found.values():
        action.start_date = datetime.date(2003, 7, 1)
        action.save()
    return found


def test_an_item_takes_several_actions_each_with_its_own_lead_dates_and_monitoring(
    client_for, officer, actions
):
    client = client_for(officer)
    criterion = actions["1.1"].criterion
    long_title = "Referral and assessment: " + "agree thresholds with every partner " * 8
    assert 250 < len(long_title) <= ImprovementAction.TITLE_MAX
    response = client.post(
        url("add"),
        details(criterion=str(criterion.pk), title=long_title, start_as_month="on"),
    )
    assert response.status_code == 302
    added = ImprovementAction.objects.get(title=long_title.strip())
    assert added.criterion == criterion and added.start_as_month
    assert added.monitoring.startswith("Monthly report")
    content = client.get(url("plan")).content.decode()
    # One item for 1.1 with both actions, the month shown as the plan gives it.
    assert content.count('data-testid="item-1.1"') == 1
    item = content[content.index('data-testid="item-1.1"') : content.index("Standard 2:")]
    assert "Improve 1.1" in item and long_title.strip()[:60] in item
    assert "From Oct 2003, target 31 Mar 2004" in item
    assert "Monthly report to the Area Child Protection Committee" in item


def test_lengths_beyond_the_stated_limits_are_refused_with_gov_uk_errors(
    client_for, officer, actions
):
    action = actions["1.1"]
    response = client_for(officer).post(
        url("details", action.pk),
        details(
            title="x" * (ImprovementAction.TITLE_MAX + 1),
            monitoring="m" * (ImprovementAction.MONITORING_MAX + 1),
        ),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Title must be 600 characters or fewer" in content
    assert "Monitoring arrangements must be 2,000 characters or fewer" in content
    action.refresh_from_db()
    assert action.title == "Improve 1.1"  # nothing changed, nothing cut
    assert not ProgressNote.objects.exists()


def test_a_target_before_the_start_is_refused(client_for, officer, actions):
    response = client_for(officer).post(
        url("details", actions["1.1"].pk),
        details(**date_parts("target_date", datetime.date(2003, 9, 1))),
    )
    assert response.status_code == 400
    assert "Target date must be the same as or after the start date" in response.content.decode()


def test_progress_as_at_a_date_with_the_next_action_shows_on_the_plan_page(
    client_for, officer, actions
):
    client = client_for(officer)
    action = actions["1.1"]
    response = client.post(
        url("action", action.pk),
        progress(
            action,
            status="in_progress",
            note="Duty teams trained.",
            next_action="Audit 40 referrals in November.",
            **date_parts("as_at", datetime.date(2003, 10, 31)),
        ),
    )
    assert response.status_code == 302
    note = ProgressNote.objects.get()
    assert note.as_at == datetime.date(2003, 10, 31)
    content = client.get(url("plan")).content.decode()
    latest = content[content.index(f'data-testid="latest-{action.pk}"') :]
    assert "As at 31 October 2003:" in latest and "Duty teams trained." in latest
    assert "Next action agreed: Audit 40 referrals in November." in latest
    # As at a day before that progress, the plan shows none and the status then.
    earlier = client.get(url("plan"), {"as_at_0": "30", "as_at_1": "10", "as_at_2": "2003"})
    text = earlier.content.decode()
    assert "As at 30 October 2003." in text
    after = text[text.index(f'data-testid="latest-{action.pk}"') :]
    assert after.split("</dd>")[0].endswith("No progress reported")


@pytest.mark.parametrize(
    ("as_at", "message"),
    [
        (datetime.date.today() + datetime.timedelta(days=1), "must be today or in the past"),
        (datetime.date(2003, 6, 30), "must be on or after 1 July 2003, when the plan started"),
    ],
)
def test_progress_dated_outside_the_plan_is_refused(client_for, officer, actions, as_at, message):
    action = actions["1.1"]
    response = client_for(officer).post(
        url("action", action.pk), progress(action, note="Work", **date_parts("as_at", as_at))
    )
    assert response.status_code == 400
    assert f"Date of the progress {message}" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_a_plan_date_that_is_not_a_date_is_an_error_not_a_failure(client_for, officer, actions):
    response = client_for(officer).get(
        url("plan"), {"as_at_0": "31", "as_at_1": "13", "as_at_2": "2003"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Date to show the plan as at must be a real date" in content


def test_detail_edits_are_listed_as_history_on_the_action_page(client_for, officer, actions):
    client = client_for(officer)
    action = actions["1.1"]
    client.post(url("details", action.pk), details(lead_officer="Ann Other"))
    assert ProgressNote.objects.get().kind == NoteKind.DETAILS
    content = client.get(url("action", action.pk)).content.decode()
    history = content[content.index('data-testid="action-history"') :]
    assert "Changed the lead officer from Service manager to Ann Other." in history
    assert "No progress has been recorded yet." in content
    plan = client.get(url("plan")).content.decode()
    assert "Changed the lead officer" not in plan


def test_the_plan_exports_as_csv_and_xlsx_with_real_dates(client_for, officer, actions):
    client = client_for(officer)
    action = actions["1.1"]
    action_plan.record_progress(
        action,
        officer,
        action.revision,
        "=SUM(A1)",
        "in_progress",
        as_at=datetime.date(2003, 10, 31),
        next_action="Audit referrals",
    )
    response = client.get(url("export_csv"), {"as_at": "2003-11-05"})
    assert response.status_code == 200
    assert "action-plan-509-2003-11-05.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    first = next(r for r in rows if r["Criterion"] == "1.1")
    assert first["Start date"] == "2003-07-01" and first["Progress as at"] == "2003-10-31"
    assert first["Status"] == "In progress" and first["Progress"] == "'=SUM(A1)"
    assert first["Next action agreed"] == "Audit referrals" and first["Standard"] == "1"

    response = client.get(url("export_xlsx"), {"as_at": "2003-11-05"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    headings = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "1.1")
    values = dict(zip(headings, row, strict=True))
    assert values["Standard"] == 1
    assert values["Start date"] == datetime.datetime(2003, 7, 1)
    assert values["Progress as at"] == datetime.datetime(2003, 10, 31)
    assert values["Progress"] == "=SUM(A1)"  # text, not a formula
    # As at a day before the progress, the export shows none.
    earlier = client.get(url("export_csv"), {"as_at": "2003-10-30"}).content.decode()
    row = next(r for r in csv.DictReader(io.StringIO(earlier)) if r["Criterion"] == "1.1")
    assert row["Status"] == "Not started" and row["Progress"] == ""


def test_another_council_cannot_export_the_plan(client_for, officer_b, actions):
    assert client_for(officer_b).get(url("export_csv")).status_code == 404
