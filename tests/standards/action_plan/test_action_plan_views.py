"""The action plan pages, through the Django test client as a user would reach them."""

import datetime

import pytest
from django.urls import reverse

from standards.action_plan import rules as action_plan
from standards.models import ActionPlan, ActionStatus, ImprovementAction, ProgressNote
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}


def url(name, *args, code="509"):
    return reverse(f"action_plan:{name}", args=[code, *args])


@pytest.fixture
def submitted(council_a, framework, officer, director):
    return submitted_return(council_a, framework, officer, director, BELOW_FOUR)


@pytest.fixture
def drafted(submitted, officer):
    action_plan.draft_actions_from(submitted, officer)
    return {a.criterion.code: a for a in ImprovementAction.objects.select_related("criterion")}


def progress_data(action, **overrides):
    data = {
        "status": action.status,
        "note": "",
        "revision": str(action.revision),
        "completed_on_0": "",
        "completed_on_1": "",
        "completed_on_2": "",
    }
    return data | overrides


def test_submission_drafted_the_plan_the_council_opens(client_for, officer, submitted):
    response = client_for(officer).get(url("plan"))
    content = response.content.decode()
    assert response.status_code == 200
    assert ImprovementAction.objects.count() == 3
    assert "Standard 1: Referral" in content and "Improve 1.1" in content
    # Grouped by standard, in framework order.
    assert content.index("Standard 1: Referral") < content.index("Standard 2: Assessment")
    assert "Showing 3 of 3 actions." in content
    # A second visit drafts nothing more.
    client_for(officer).get(url("plan"))
    assert ImprovementAction.objects.count() == 3


def test_before_a_return_is_submitted_there_is_no_plan(client_for, officer, framework):
    content = client_for(officer).get(url("plan")).content.decode()
    assert 'data-testid="no-plan"' in content
    assert not ActionPlan.objects.exists()


def test_plan_filters_by_status_and_overdue(client_for, officer, drafted):
    # 2.4's Laming deadline is 28 July 2003 and its target 1 April 2003; today is years later.
    action_plan.record_progress(drafted["2.4"], officer, 0, status=ActionStatus.COMPLETE)
    client = client_for(officer)
    content = client.get(url("plan"), {"status": "complete"}).content.decode()
    assert "Showing 1 of 3 actions." in content and "Improve 2.4" in content
    assert "Improve 1.1" not in content
    content = client.get(url("plan"), {"overdue": "laming"}).content.decode()
    assert "Showing 2 of 3 actions." in content and "Improve 2.4" not in content
    content = client.get(url("plan"), {"status": "nonsense"}).content.decode()
    assert "Showing 3 of 3 actions." in content  # an unknown filter value is ignored


def test_officer_adds_a_progress_note_and_changes_status(client_for, officer, drafted):
    action = drafted["2.4"]
    client = client_for(officer)
    response = client.post(
        url("action", action.pk),
        progress_data(action, status="in_progress", note="Training booked for May"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    content = client.get(url("action", action.pk)).content.decode()
    assert "Training booked for May" in content
    assert "Status changed from not started to in progress." in content
    assert "is now in progress" in content


def test_mark_as_complete_button(client_for, officer, drafted):
    action = drafted["1.1"]
    client = client_for(officer)
    response = client.post(
        url("action", action.pk), {"status": "complete", "revision": str(action.revision)}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert action.completed_on is not None
    content = client.get(url("action", action.pk)).content.decode()
    assert "is marked as complete" in content
    assert "Mark as complete" not in content  # nothing left to complete
    # Pressed again from a page loaded earlier: no error, no second record.
    again = client.post(url("action", action.pk), {"status": "complete", "revision": "0"})
    assert again.status_code == 302
    assert ProgressNote.objects.filter(action=action).count() == 1


def test_empty_update_shows_the_error_summary_and_saves_nothing(client_for, officer, drafted):
    action = drafted["1.1"]
    response = client_for(officer).post(url("action", action.pk), progress_data(action))
    content = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in content
    assert '<a href="#id_note">Enter a progress note or change the status</a>' in content
    assert content.count("Error:") >= 1
    assert not ProgressNote.objects.exists()


@pytest.mark.parametrize(
    ("date", "status", "message"),
    [
        (("31", "2", "2004"), "complete", "Date completed must be a real date"),
        (("", "2", "2004"), "complete", "Date completed must include a day"),
        (("1", "1", "2999"), "complete", "Date completed must be today or in the past"),
        (("1", "1", "2004"), "in_progress", "Select complete if you enter a date completed"),
    ],
)
def test_bad_completion_dates_are_explained(client_for, officer, drafted, date, status, message):
    action = drafted["1.1"]
    data = progress_data(
        action,
        status=status,
        completed_on_0=date[0],
        completed_on_1=date[1],
        completed_on_2=date[2],
    )
    response = client_for(officer).post(url("action", action.pk), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert f'href="#id_completed_on_0">{message}</a>' in content
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


def test_a_stale_status_change_is_shown_as_a_conflict(client_for, officer, director, drafted):
    action = drafted["2.4"]
    loaded = progress_data(action, status="in_progress", note="My note")
    action_plan.record_progress(action, director, 0, "Done", ActionStatus.COMPLETE)
    response = client_for(officer).post(url("action", action.pk), loaded)
    content = response.content.decode()
    assert response.status_code == 409
    assert 'data-testid="edit-conflict"' in content
    assert "Someone else changed this action" in content
    assert "My note" in content  # what the officer typed is kept
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert ProgressNote.objects.count() == 1
    # Saving again from the page (now at their revision) goes through.
    again = loaded | {"revision": str(action.revision)}
    assert client_for(officer).post(url("action", action.pk), again).status_code == 302


def test_change_details_page(client_for, officer, drafted):
    action = drafted["3.4"]
    client = client_for(officer)
    data = {
        "title": "Joint protocol with police",
        "action": "Agree it through the ACPC",
        "lead_officer": "Head of Quality",
        "target_date_0": "30",
        "target_date_1": "6",
        "target_date_2": "2003",
        "revision": "0",
    }
    assert client.post(url("details", action.pk), data).status_code == 302
    action.refresh_from_db()
    assert action.title == "Joint protocol with police"
    assert action.target_date == datetime.date(2003, 6, 30)
    bad = client.post(url("details", action.pk), data | {"title": "", "revision": "1"})
    assert bad.status_code == 400
    assert '<a href="#id_title">Enter a title for the action</a>' in bad.content.decode()


def test_stale_details_are_a_conflict(client_for, officer, director, drafted):
    action = drafted["3.4"]
    action_plan.change_details(action, director, 0, {"lead_officer": "Director's choice"})
    data = {
        "title": action.title,
        "action": action.action,
        "lead_officer": "Officer's choice",
        "target_date_0": "1",
        "target_date_1": "4",
        "target_date_2": "2003",
        "revision": "0",
    }
    response = client_for(officer).post(url("details", action.pk), data)
    assert response.status_code == 409
    assert "Director&#x27;s choice" in response.content.decode()
    action.refresh_from_db()
    assert action.lead_officer == "Director's choice"


def test_add_an_action(client_for, officer, drafted, framework):
    from standards.models import Criterion

    criterion = Criterion.objects.get(code="6.2")
    client = client_for(officer)
    response = client.post(
        url("add"),
        {
            "criterion": str(criterion.pk),
            "title": "Member visits to front-line teams",
            "action": "Arrange visits",
            "lead_officer": "",
            "target_date_0": "",
            "target_date_1": "",
            "target_date_2": "",
        },
    )
    assert response.status_code == 302
    added = ImprovementAction.objects.get(criterion=criterion)
    assert added.source == ImprovementAction.Source.COUNCIL
    missing = client.post(url("add"), {"title": "x", "action": "y"})
    assert missing.status_code == 400
    assert "Select the criterion the action is for" in missing.content.decode()


def test_cabinet_dates(client_for, officer, director, drafted):
    data = {
        "endorsed_on_0": "12",
        "endorsed_on_1": "8",
        "endorsed_on_2": "2003",
        "last_reported_on_0": "16",
        "last_reported_on_1": "3",
        "last_reported_on_2": "2004",
        "revision": "0",
    }
    # An officer records the endorsement; only the director sees "last reported".
    officer_page = client_for(officer).get(url("cabinet")).content.decode()
    assert "endorsed_on_0" in officer_page and "last_reported_on_0" not in officer_page
    assert client_for(officer).post(url("cabinet"), data).status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.endorsed_on == datetime.date(2003, 8, 12) and plan.last_reported_on is None
    assert client_for(director).post(url("cabinet"), data | {"revision": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.last_reported_on == datetime.date(2004, 3, 16)
    future = data | {"endorsed_on_2": "2999", "revision": "2"}
    response = client_for(director).post(url("cabinet"), future)
    assert response.status_code == 400
    assert "Date endorsed by cabinet must be today or in the past" in response.content.decode()


# --- Who may see and do what --------------------------------------------------------------------


def test_other_councils_get_404_everywhere(client_for, officer_b, director_b, drafted):
    action = drafted["1.1"]
    for person in (officer_b, director_b):
        client = client_for(person)
        assert client.get(url("plan")).status_code == 404
        assert client.get(url("action", action.pk)).status_code == 404
        assert client.post(url("action", action.pk), progress_data(action)).status_code == 404
        assert client.get(url("details", action.pk)).status_code == 404
        assert client.get(url("cabinet")).status_code == 404
        assert client.get(url("add")).status_code == 404


def test_an_action_of_another_council_is_not_found_under_your_own_code(
    client_for, officer_b, drafted
):
    action = drafted["1.1"]
    response = client_for(officer_b).get(url("action", action.pk, code="510"))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["inspector", "inspector_unassigned", "administrator"])
def test_ssi_and_administrators_read_but_never_change(request, client_for, drafted, who):
    person = request.getfixturevalue(who)
    action = drafted["1.1"]
    client = client_for(person)
    plan_page = client.get(url("plan"))
    assert plan_page.status_code == 200
    assert "Add an action" not in plan_page.content.decode()
    page = client.get(url("action", action.pk))
    assert page.status_code == 200
    assert "Save update" not in page.content.decode()
    data = progress_data(action, status="complete")
    assert client.post(url("action", action.pk), data).status_code == 403
    assert client.get(url("details", action.pk)).status_code == 403
    assert client.get(url("cabinet")).status_code == 403
    assert client.get(url("add")).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


def test_plan_page_query_count_does_not_grow_with_actions(
    client_for, officer, drafted, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(officer)
    client.get(url("plan"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("plan"))
    plan = ActionPlan.objects.get()
    criterion = drafted["1.1"].criterion
    for n in range(20):
        created = action_plan.add_action(
            plan,
            officer,
            criterion,
            {"title": f"Extra {n}", "action": "x", "lead_officer": "", "target_date": None},
        )
        action_plan.record_progress(created, officer, 0, "Note", ActionStatus.IN_PROGRESS)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url("plan"))
    assert "Showing 23 of 23 actions." in response.content.decode()
