"""The council dashboard: what it shows, to whom, and in how many queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluations.evaluation import workflow
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction, ProgressNote
from standards.self_audit import rules as self_audit
from tests.reports.helpers import table_rows
from tests.standards.helpers import complete_values, draft_for, fill, submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1, "7.8": 2}


def url(code="509"):
    return reverse("dashboard:council", args=[code])


def issue_evaluation(audit_return, inspector, serving="most", judgement="most"):
    evaluation = workflow.start_evaluation(audit_return, inspector, "a")
    values = {
        "completed_on": datetime.date(2003, 6, 1),
        "overall_serving": serving,
        "overall_serving_text": "",
        "overall_capacity": "promising",
        "overall_capacity_text": "",
        "follow_up_visit": False,
    }
    judgements = {n: {"judgement": judgement, "text": ""} for n in range(1, 8)}
    workflow.save_evaluation(evaluation, inspector, evaluation.revision, values, judgements)
    return workflow.issue(evaluation, inspector, notify=False)


@pytest.fixture
def submitted(council_a, framework, officer, director):
    return submitted_return(council_a, framework, officer, director, BELOW_FOUR)


def test_the_councils_dashboard(client_for, officer, submitted, inspector):
    issue_evaluation(submitted, inspector, serving="some", judgement="uncertain")
    response = client_for(officer).get(url())
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="return-status">Evaluated<' in content
    assert "Version 1" in content
    ratings = table_rows(content, "ratings-by-standard")
    assert ratings[0] == ["Standard 1: Referral", "0", "1", "0", "6", "0"]
    # The chart reads out the same figures as the table beneath it.
    desc = re.search(r'<desc id="chart-council-ratings-desc">(.*?)</desc>', content).group(1)
    for row in ratings:
        number = row[0].split(":")[0]
        r1, r2, r3, r4 = row[1:5]
        assert f"{number}: rated 1 {r1}, rated 2 {r2}, rated 3 {r3}, rated 4 {r4}" in desc
    judgements = table_rows(content, "standard-judgements")
    assert judgements[0] == ["Standard 1: Referral", "Uncertain"]
    assert 'data-testid="star-rating-consequence"' in content
    assert "cannot be judged higher than “serving some children well”" in content
    # The council's visit drafted its plan: four actions, all overdue both ways years on.
    by_status = table_rows(content, "actions-by-status")
    assert by_status == [["Not started", "4"], ["In progress", "0"], ["Complete", "0"]]
    assert "Past their own target date (4)" in content
    assert "Past the criterion's Laming deadline (4)" in content
    assert "No report to cabinet has been recorded yet." in content


def test_criteria_not_on_target(client_for, officer, council_a, framework, director):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, BELOW_FOUR)
    late = complete_values("2.4", 3) | {"target_date": datetime.date(2003, 9, 1)}
    answer = draft.answers.get(criterion__code="2.4")
    self_audit.save_answers(draft, officer, {answer.criterion_id: (answer.revision, late)})
    self_audit.submit(draft, director, notify=False)
    content = client_for(officer).get(url()).content.decode()
    assert "2.4: target in the return 1 September 2003, Laming deadline 28 July 2003" in content
    # The council's visit drafted the plan: its action for 2.4 carries the same late target.
    assert "2.4: target in the action plan 1 September 2003 for" in content


def test_a_target_changed_in_the_plan_counts_as_not_on_target(client_for, officer, submitted):
    action_plan.draft_actions_from(submitted, officer)
    action = ImprovementAction.objects.select_related("criterion").get(criterion__code="1.1")
    content = client_for(officer).get(url()).content.decode()
    assert "1.1: target in the action plan" not in content
    action_plan.change_details(
        action, officer, action.revision, {"target_date": datetime.date(2003, 12, 1)}
    )
    content = client_for(officer).get(url()).content.decode()
    # 1.1's Laming deadline is 28 April 2003 (three months from 28 January 2003).
    assert "1.1: target in the action plan 1 December 2003 for" in content


def test_what_changed_since_the_last_report_to_cabinet(
    client_for, officer, director, submitted, inspector
):
    action_plan.draft_actions_from(submitted, officer)
    actions = {a.criterion.code: a for a in ImprovementAction.objects.select_related("criterion")}
    before = timezone.make_aware(datetime.datetime(2003, 7, 1, 12))
    after = timezone.make_aware(datetime.datetime(2003, 9, 1, 12))
    action_plan.record_progress(actions["1.1"], officer, 0, "Early work", "in_progress", now=before)
    action_plan.record_progress(actions["2.4"], officer, 0, "Finished", "complete", now=after)
    plan = actions["1.1"].plan
    action_plan.set_cabinet_dates(plan, director, 0, {"endorsed_on": datetime.date(2003, 8, 12)})
    # A revised return after the report changes one rating.
    revision = self_audit.start_revision(submitted.self_audit, director)
    answer = revision.answers.get(criterion__code="7.8")
    self_audit.save_answers(
        revision, officer, {answer.criterion_id: (answer.revision, complete_values("7.8", 4))}
    )
    self_audit.submit(revision, director, notify=False)

    content = client_for(director).get(url()).content.decode()
    assert "Changes on or after 12 August 2003." in content
    notes = table_items(content, "notes-since")
    assert len(notes) == 1 and "Finished" in notes[0] and "now complete" in notes[0]
    assert "Early work" not in content.split('data-testid="changes-since"')[1]
    assert table_items(content, "completed-since")[0].startswith("2.4")
    assert table_items(content, "rating-changes") == ["7.8: 2 in version 1, 4 in version 2"]


def table_items(content, testid):
    block = re.search(rf'data-testid="{testid}">(.*?)</ul>', content, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in block.split("<li>")[1:]]


def test_inspectors_see_only_what_is_submitted_and_issued(
    client_for, inspector_unassigned, inspector, council_a, framework, officer
):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, BELOW_FOUR)
    content = client_for(inspector_unassigned).get(url()).content.decode()
    assert "Leicester has not submitted a return yet." in content
    assert 'data-testid="ratings-by-standard"' not in content
    assert "Draft, not yet submitted" in content


def test_draft_evaluations_stay_hidden(client_for, officer, inspector, submitted):
    workflow.start_evaluation(submitted, inspector, "a")
    content = client_for(officer).get(url()).content.decode()
    assert "SSI has not issued an evaluation yet." in content
    assert 'data-testid="return-status">Under evaluation<' in content


def test_councils_see_only_their_own_dashboard(client_for, officer_b, director_b, submitted):
    for person in (officer_b, director_b):
        assert client_for(person).get(url()).status_code == 404
    assert client_for(officer_b).get(url("510")).status_code == 200


@pytest.mark.parametrize("who", ["inspector", "inspector_unassigned", "administrator"])
def test_ssi_and_administrators_read_any_dashboard(request, client_for, submitted, who):
    person = request.getfixturevalue(who)
    before = list(ImprovementAction.objects.values())
    response = client_for(person).get(url())
    assert response.status_code == 200
    assert "Improve 1.1" in response.content.decode()
    # Reading changes nothing.
    assert list(ImprovementAction.objects.values()) == before


def test_linked_from_the_council_home(client_for, officer, framework):
    content = client_for(officer).get("/", follow=True).content.decode()
    assert f'href="{url()}"' in content
    assert 'href="/councils/509/action-plan/"' in content


def test_dashboard_query_count_does_not_grow(client_for, officer, director, submitted, inspector):
    issue_evaluation(submitted, inspector)
    client = client_for(officer)
    client.get(url())  # drafts the plan
    plan = ImprovementAction.objects.first().plan
    # Reported to cabinet already, so that both pages look for changes since then.
    action_plan.set_cabinet_dates(plan, director, 0, {"endorsed_on": datetime.date(2003, 1, 1)})
    with CaptureQueriesContext(connection) as small:
        client.get(url())
    # Much more of everything: a second version, forty more actions, each with notes.
    revision = self_audit.start_revision(submitted.self_audit, director)
    fill(revision, officer, {"5.1": 1, "5.2": 1, "6.1": 2})
    self_audit.submit(revision, director, notify=False)
    client.get(url())
    plan = ImprovementAction.objects.first().plan
    criterion = ImprovementAction.objects.first().criterion
    for n in range(40):
        added = action_plan.add_action(
            plan,
            officer,
            criterion,
            {"title": f"Extra {n}", "action": "x", "lead_officer": "", "target_date": None},
        )
        action_plan.record_progress(added, officer, 0, "Begun", ActionStatus.IN_PROGRESS)
        action_plan.record_progress(added, officer, 1, "Done", ActionStatus.COMPLETE)
    assert ProgressNote.objects.count() == 80
    with CaptureQueriesContext(connection) as large:
        response = client.get(url())
    assert "Extra 39" in response.content.decode()
    assert len(large) <= len(small) + 1  # + the rating changes between the two versions
    assert len(large) <= 20
