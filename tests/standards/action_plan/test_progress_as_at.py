"""Progress "as at" a date (issue 14, point 1): back-dated progress with the next action agreed,
the plan read back as at any day, detail edits kept as history and never as progress, and
"overdue against the plan" as at a chosen date."""

import datetime

import pytest

from standards.action_plan import progress
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction, NoteKind, ProgressNote
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}
OCT_31 = datetime.date(2003, 10, 31)
NOV_5 = datetime.date(2003, 11, 5)


@pytest.fixture
def actions(council_a, framework, officer, director):
    submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    found = {a.criterion.code: a for a in ImprovementAction.objects.select_related("criterion")}
    # The plan's work began in July 2003, so progress can be reported from then.
    for action in found.values():
        action.start_date = datetime.date(2003, 7, 1)
        action.target_date = datetime.date(2003, 12, 31)
        action.save()
    return found


def detailed(action):
    return action_plan.actions_with_detail(action.plan).get(pk=action.pk)


def test_progress_is_recorded_as_at_a_past_date_with_the_next_action(actions, officer):
    action = actions["1.1"]
    note = action_plan.record_progress(
        action,
        officer,
        action.revision,
        "Duty teams trained.",
        ActionStatus.IN_PROGRESS,
        as_at=OCT_31,
        next_action="Audit 40 referrals in November.",
    )
    assert note.as_at == OCT_31 and note.kind == NoteKind.PROGRESS
    assert note.next_action == "Audit 40 referrals in November."
    assert note.recorded_at.date() != OCT_31  # typed today, reported as at 31 October


def test_progress_in_the_future_or_before_the_plan_started_is_refused(actions, officer):
    action = actions["1.1"]
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(action_plan.ProgressDateRefused):
        action_plan.record_progress(action, officer, 0, "Ahead", as_at=tomorrow)
    with pytest.raises(action_plan.ProgressDateRefused, match="1 July 2003"):
        action_plan.record_progress(
            action, officer, 0, "Too early", as_at=datetime.date(2003, 6, 30)
        )
    assert not ProgressNote.objects.exists()
    # The first day of the plan is allowed.
    action_plan.record_progress(action, officer, 0, "Started", as_at=datetime.date(2003, 7, 1))


def test_marking_complete_as_at_a_date_records_that_date(actions, officer):
    action = actions["2.4"]
    action_plan.record_progress(action, officer, 0, status=ActionStatus.COMPLETE, as_at=OCT_31)
    action.refresh_from_db()
    assert action.completed_on == OCT_31


def test_the_plan_reads_back_as_at_any_day(actions, officer):
    action = actions["1.1"]
    action_plan.record_progress(
        action, officer, 0, "Begun", ActionStatus.IN_PROGRESS, as_at=datetime.date(2003, 9, 1)
    )
    action_plan.record_progress(action, officer, 1, "Done", ActionStatus.COMPLETE, as_at=NOV_5)
    action = detailed(action)
    assert progress.status_as_at(action, datetime.date(2003, 8, 31)) == ActionStatus.NOT_STARTED
    assert progress.status_as_at(action, OCT_31) == ActionStatus.IN_PROGRESS
    assert progress.status_as_at(action, NOV_5) == ActionStatus.COMPLETE
    assert progress.latest_progress(action, OCT_31).text == "Begun"
    assert progress.latest_progress(action, datetime.date(2003, 8, 1)) is None


def test_a_change_of_details_is_history_never_progress(actions, officer):
    action = actions["1.1"]
    action_plan.record_progress(action, officer, 0, "Real progress", as_at=OCT_31)
    action.refresh_from_db()
    values = action.values() | {"title": "A new title", "lead_officer": "Ann Other"}
    action_plan.change_details(action, officer, action.revision, values)
    action = detailed(action)
    assert [n.text for n in progress.progress_notes(action)] == ["Real progress"]
    assert progress.latest_progress(action, datetime.date.today()).text == "Real progress"
    history = progress.history(action)
    assert len(history) == 1 and history[0].kind == NoteKind.DETAILS
    assert "lead officer" in history[0].text


def test_what_changed_since_a_report_and_what_is_outstanding(actions, officer):
    action_plan.record_progress(
        actions["1.1"], officer, 0, "Before", as_at=datetime.date(2003, 9, 1)
    )
    action_plan.record_progress(actions["1.1"], officer, 1, "After", as_at=NOV_5)
    action_plan.record_progress(actions["2.4"], officer, 0, "Only early", as_at=OCT_31)
    plan = actions["1.1"].plan
    rows = {
        s.action.criterion.code: s
        for s in progress.plan_as_at(action_plan.actions_with_detail(plan), NOV_5, since=OCT_31)
    }
    assert [n.text for n in rows["1.1"].in_period] == ["After"]
    assert not rows["1.1"].outstanding
    assert rows["2.4"].outstanding and rows["2.4"].latest.text == "Only early"
    assert rows["3.4"].outstanding and rows["3.4"].latest is None


def test_overdue_against_the_plan_is_as_at_the_chosen_day(actions, officer):
    action_plan.record_progress(
        actions["2.4"], officer, 0, status=ActionStatus.COMPLETE, as_at=datetime.date(2004, 1, 10)
    )
    shown = list(action_plan.actions_with_detail(actions["1.1"].plan))
    # Due on the target day itself; overdue the day after.
    assert action_plan.overdue_as_at(shown, datetime.date(2003, 12, 31)) == []
    overdue = action_plan.overdue_as_at(shown, datetime.date(2004, 1, 1))
    assert {a.criterion.code for a in overdue} == {"1.1", "2.4", "3.4"}
    # 2.4 was completed on 10 January 2004: overdue before, not after.
    overdue = action_plan.overdue_as_at(shown, datetime.date(2004, 1, 10))
    assert {a.criterion.code for a in overdue} == {"1.1", "3.4"}


def test_overdue_without_prefetched_notes_makes_no_query_per_action(
    actions, officer, django_assert_num_queries
):
    plain = list(ImprovementAction.objects.all())
    with django_assert_num_queries(0):
        overdue = action_plan.overdue_as_at(plain, datetime.date(2004, 1, 1))
    assert len(overdue) == 3
