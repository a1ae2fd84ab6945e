"""The action plan's rules: drafting from a submitted return, carry-over across revisions,
overdue two ways (around the boundary days), progress without silent overwrites."""

import datetime

import pytest

from standards.action_plan import rules as action_plan
from standards.models import (
    ActionPlan,
    ActionStatus,
    ImmutableRecordError,
    ImprovementAction,
    ProgressNote,
)
from standards.self_audit import rules as self_audit
from tests.standards.helpers import complete_values, draft_for, fill, submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}


@pytest.fixture
def first(council_a, framework, officer, director):
    return submitted_return(council_a, framework, officer, director, BELOW_FOUR)


def revise(audit, officer, director, changes: dict[str, dict]):
    """Submit version N+1 with `changes` ({code: values}) on top of version N."""
    draft = self_audit.start_revision(audit, director)
    answers = {a.criterion.code: a for a in draft.answers.select_related("criterion")}
    self_audit.save_answers(
        draft,
        officer,
        {answers[code].criterion_id: (answers[code].revision, v) for code, v in changes.items()},
    )
    return self_audit.submit(draft, director, notify=False)


def actions_by_code(plan) -> dict[str, ImprovementAction]:
    return {a.criterion.code: a for a in plan.actions.select_related("criterion")}


# --- Drafting --------------------------------------------------------------------------------


def test_submission_drafts_one_action_per_intended_improvement(first, officer):
    # submit() drafted the plan; drafting again finds nothing new.
    result = action_plan.draft_actions_from(first, officer)
    plan = ActionPlan.objects.get(self_audit=first.self_audit)
    actions = actions_by_code(plan)
    assert set(actions) == set(BELOW_FOUR)
    assert len(result.unchanged) == 3 and not result.created
    action = actions["1.1"]
    assert action.action == "Improve 1.1"
    assert action.title == "Improve 1.1"
    assert action.lead_officer == "Service manager"
    assert action.target_date == datetime.date(2003, 4, 1)
    assert action.status == ActionStatus.NOT_STARTED
    assert action.drafted_from == first and action.updated_from == first
    assert action.source_rating == 2
    assert plan.drafted_from == first


def test_drafting_is_idempotent(first, officer):
    action_plan.draft_actions_from(first, officer)
    again = action_plan.draft_actions_from(first, officer)
    assert not again.changed
    assert ImprovementAction.objects.count() == 3


def test_only_a_submitted_return_is_drafted_from(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, BELOW_FOUR)
    with pytest.raises(action_plan.DraftingRefused):
        action_plan.draft_actions_from(draft, officer)
    assert not ImprovementAction.objects.exists()


def test_bring_up_to_date_does_nothing_until_there_is_a_new_version(first, officer):
    audit = first.self_audit
    assert ActionPlan.objects.get(self_audit=audit).drafted_from == first  # drafted at submission
    assert action_plan.bring_up_to_date(audit, officer) is None


def test_title_is_the_first_sentence_cut_at_a_word():
    assert action_plan.title_from("Audit files. Then report.") == "Audit files"
    long = "Extend " + "the file audit " * 20
    title = action_plan.title_from(long)
    assert len(title) <= action_plan.TITLE_LENGTH and title.endswith("…")
    assert action_plan.title_from("   ") == "Improvement"


# --- Carry-over across revised returns -----------------------------------------------------------


def test_revised_return_carries_actions_over_without_duplicates(first, officer, director):
    action_plan.draft_actions_from(first, officer)
    plan = ActionPlan.objects.get()
    progress = actions_by_code(plan)["2.4"]
    action_plan.record_progress(progress, officer, 0, "Begun", ActionStatus.IN_PROGRESS)

    second = revise(
        first.self_audit,
        officer,
        director,
        {
            # 1.1 improves to 4: its action stays, marked as no longer needed by the return.
            "1.1": complete_values("1.1", 4),
            # 2.4 keeps its rating with a new target date: the action is updated, not doubled.
            "2.4": complete_values("2.4", 3) | {"target_date": datetime.date(2003, 7, 1)},
            # 5.2 is newly below 4: a new action.
            "5.2": complete_values("5.2", 2),
        },
    )
    # Submitting the revision drafted from it: one new action, one updated, none doubled.
    actions = actions_by_code(plan)
    assert sorted(actions) == ["1.1", "2.4", "3.4", "5.2"]
    assert ImprovementAction.objects.filter(criterion__code="2.4").count() == 1

    carried = actions["2.4"]
    assert carried.pk == progress.pk
    assert carried.target_date == datetime.date(2003, 7, 1)
    assert carried.status == ActionStatus.IN_PROGRESS  # progress survives
    assert carried.progress_notes.count() == 1
    assert (carried.drafted_from, carried.updated_from) == (first, second)
    assert actions["1.1"].source_rating == 4 and actions["1.1"].updated_from == second
    assert actions["3.4"].updated_from == second
    assert actions["5.2"].drafted_from == second
    assert ActionPlan.objects.get().drafted_from == second

    # Running it again, or on the older version, changes nothing.
    assert not action_plan.draft_actions_from(second, officer).changed
    assert not action_plan.draft_actions_from(first, officer).changed
    assert ImprovementAction.objects.count() == 4
    assert ActionPlan.objects.get().drafted_from == second


def test_carry_over_keeps_what_the_council_changed_on_the_plan(first, officer, director):
    action_plan.draft_actions_from(first, officer)
    action = actions_by_code(ActionPlan.objects.get())["3.4"]
    action_plan.change_details(
        action, officer, 0, {"lead_officer": "Head of Quality", "title": "Joint protocol"}
    )
    # The revision changes 3.4's target date only.
    second = revise(
        first.self_audit,
        officer,
        director,
        {"3.4": complete_values("3.4", 1) | {"target_date": datetime.date(2003, 6, 30)}},
    )
    action_plan.draft_actions_from(second, officer)
    action.refresh_from_db()
    assert action.lead_officer == "Head of Quality"  # the council's change, untouched
    assert action.title == "Joint protocol"
    assert action.target_date == datetime.date(2003, 6, 30)  # the revision's change


def test_a_changed_improvement_retitles_an_untouched_title(first, officer, director):
    action_plan.draft_actions_from(first, officer)
    second = revise(
        first.self_audit,
        officer,
        director,
        {"1.1": complete_values("1.1", 2) | {"improvement": "Train all duty social workers."}},
    )
    action_plan.draft_actions_from(second, officer)
    action = ImprovementAction.objects.get(criterion__code="1.1")
    assert action.action == "Train all duty social workers."
    assert action.title == "Train all duty social workers"


# --- Overdue, two ways, around the boundary days ---------------------------------------------------


def action_for(code, target, status=ActionStatus.NOT_STARTED, completed_on=None, **kw):
    from standards.models import Criterion

    criterion = Criterion.objects.get(code=code)
    return ImprovementAction(
        criterion=criterion,
        target_date=target,
        status=status,
        completed_on=completed_on,
        **kw,
    )


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (datetime.date(2003, 5, 31), False),  # the day before the target date
        (datetime.date(2003, 6, 1), False),  # due today: not yet overdue
        (datetime.date(2003, 6, 2), True),  # the day after
    ],
)
def test_past_its_own_target_date(framework, today, overdue):
    action = action_for("2.4", datetime.date(2003, 6, 1))
    assert action_plan.is_past_target_date(action, today) is overdue


@pytest.mark.parametrize(
    ("code", "today", "overdue"),
    [
        ("1.1", datetime.date(2003, 4, 27), False),  # 3-month recommendation: 28 April 2003
        ("1.1", datetime.date(2003, 4, 28), False),
        ("1.1", datetime.date(2003, 4, 29), True),
        ("2.4", datetime.date(2003, 7, 28), False),  # 6-month recommendation: 28 July 2003
        ("2.4", datetime.date(2003, 7, 29), True),
        ("1.3", datetime.date(2010, 1, 1), False),  # recommendation 29: no Laming timescale
    ],
)
def test_past_the_laming_deadline(framework, code, today, overdue):
    action = action_for(code, target=datetime.date(2099, 1, 1))
    assert action_plan.is_past_laming_deadline(action, today) is overdue
    assert action_plan.is_past_target_date(action, today) is False


def test_the_two_kinds_are_independent(framework):
    # Target date after the Laming deadline: overdue against Laming first, then against the plan.
    action = action_for("1.1", datetime.date(2003, 5, 31))
    assert action_plan.overdue_kinds(action, datetime.date(2003, 4, 29)) == ["laming"]
    assert action_plan.overdue_kinds(action, datetime.date(2003, 6, 1)) == ["target", "laming"]
    # Target date before the Laming deadline: overdue against the plan first.
    early = action_for("1.1", datetime.date(2003, 4, 1))
    assert action_plan.overdue_kinds(early, datetime.date(2003, 4, 2)) == ["target"]


def test_complete_actions_are_never_overdue(framework):
    done = action_for(
        "1.1", datetime.date(2003, 4, 1), ActionStatus.COMPLETE, datetime.date(2003, 9, 1)
    )
    assert action_plan.overdue_kinds(done, datetime.date(2004, 1, 1)) == []
    assert not action_plan.is_overdue(done, datetime.date(2004, 1, 1))


def test_no_target_date_is_not_overdue_against_the_plan(framework):
    assert not action_plan.is_past_target_date(action_for("2.4", None), datetime.date(2004, 1, 1))


def test_laming_deadlines_for_the_framework_match_the_criteria(framework):
    from standards.models import Criterion

    deadlines = action_plan.laming_deadlines(framework)
    criterion = Criterion.objects.get(code="2.4")
    assert deadlines[criterion.pk] == criterion.laming_deadline == datetime.date(2003, 7, 28)
    assert len(deadlines) == 54


def test_filter_actions_by_status_and_overdue(framework):
    today = datetime.date(2003, 5, 1)
    late = action_for("2.4", datetime.date(2003, 4, 1), ActionStatus.IN_PROGRESS)
    laming = action_for("1.1", datetime.date(2003, 9, 1))
    fine = action_for("2.5", datetime.date(2003, 6, 1))
    actions = [late, laming, fine]
    assert action_plan.filter_actions(actions, today, overdue="either") == [late, laming]
    assert action_plan.filter_actions(actions, today, overdue="target") == [late]
    assert action_plan.filter_actions(actions, today, overdue="laming") == [laming]
    assert action_plan.filter_actions(actions, today, status="in_progress") == [late]
    assert action_plan.filter_actions(actions, today) == actions


# --- Progress, status and completion ------------------------------------------------------------


@pytest.fixture
def action(first, officer):
    action_plan.draft_actions_from(first, officer)
    return ImprovementAction.objects.get(criterion__code="2.4")


def test_progress_note_and_status_change_are_recorded(action, officer):
    note = action_plan.record_progress(action, officer, 0, "Started", ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.revision == 1
    assert (note.author, note.text, note.status_before, note.status_after) == (
        officer,
        "Started",
        "not_started",
        "in_progress",
    )


def test_marking_complete_records_the_date_and_reopening_clears_it(action, officer):
    now = datetime.datetime(2004, 3, 1, 12, tzinfo=datetime.UTC)
    action_plan.record_progress(action, officer, 0, status=ActionStatus.COMPLETE, now=now)
    action.refresh_from_db()
    assert action.completed_on == datetime.date(2004, 3, 1)
    action_plan.record_progress(action, officer, 1, "Reopened", ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.completed_on is None and action.status == ActionStatus.IN_PROGRESS


def test_completion_date_can_be_given(action, officer):
    action_plan.record_progress(
        action, officer, 0, status=ActionStatus.COMPLETE, completed_on=datetime.date(2004, 2, 1)
    )
    action.refresh_from_db()
    assert action.completed_on == datetime.date(2004, 2, 1)


def test_nothing_to_record_is_refused(action, officer):
    with pytest.raises(action_plan.NothingToRecord):
        action_plan.record_progress(action, officer, 0, "   ", ActionStatus.NOT_STARTED)
    assert not ProgressNote.objects.exists()


def test_a_stale_status_change_is_a_conflict_not_an_overwrite(action, officer, director):
    action_plan.record_progress(action, director, 0, status=ActionStatus.COMPLETE)
    # The officer loaded revision 0 (not started) and sets "in progress": refused.
    with pytest.raises(action_plan.ActionConflict) as clash:
        action_plan.record_progress(action, officer, 0, "Going", ActionStatus.IN_PROGRESS)
    assert clash.value.current.status == ActionStatus.COMPLETE
    assert [d.label for d in clash.value.differences] == ["Status"]
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert ProgressNote.objects.count() == 1


def test_a_stale_note_alone_is_added_without_undoing_their_status(action, officer, director):
    action_plan.record_progress(action, director, 0, status=ActionStatus.IN_PROGRESS)
    # The officer loaded revision 0 but keeps the status the director set: the note is added.
    action_plan.record_progress(action, officer, 0, "Training booked", ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.revision == 2
    assert ProgressNote.objects.count() == 2


def test_progress_notes_are_append_only(action, officer):
    note = action_plan.record_progress(action, officer, 0, "Started", ActionStatus.IN_PROGRESS)
    note.text = "Rewritten"
    with pytest.raises(ImmutableRecordError):
        note.save()
    with pytest.raises(ImmutableRecordError):
        note.delete()
    with pytest.raises(ImmutableRecordError):
        ProgressNote.objects.filter(pk=note.pk).update(text="Rewritten")
    with pytest.raises(ImmutableRecordError):
        ProgressNote.objects.all().delete()
    assert ProgressNote.objects.get().text == "Started"


def test_changing_details_goes_on_the_record(action, officer):
    action_plan.change_details(action, officer, 0, {"target_date": datetime.date(2003, 9, 1)})
    action.refresh_from_db()
    assert action.target_date == datetime.date(2003, 9, 1) and action.revision == 1
    note = action.progress_notes.get()
    assert note.text == "Changed the target date from 1 April 2003 to 1 September 2003."


def test_stale_details_are_a_conflict(action, officer, director):
    action_plan.change_details(action, director, 0, {"lead_officer": "Director"})
    with pytest.raises(action_plan.ActionConflict):
        action_plan.change_details(action, officer, 0, {"lead_officer": "Officer"})
    action.refresh_from_db()
    assert action.lead_officer == "Director"
    # Saving what is already there is no conflict at all.
    action_plan.change_details(action, officer, 0, {"lead_officer": "Director"})


def test_cabinet_dates_use_optimistic_concurrency(first, officer, director):
    plan = action_plan.plan_for(first.self_audit)
    action_plan.set_cabinet_dates(plan, director, 0, {"endorsed_on": datetime.date(2003, 8, 12)})
    with pytest.raises(action_plan.ActionConflict):
        action_plan.set_cabinet_dates(plan, officer, 0, {"endorsed_on": datetime.date(2003, 8, 1)})
    plan.refresh_from_db()
    assert plan.endorsed_on == datetime.date(2003, 8, 12)
    assert plan.reported_since == datetime.date(2003, 8, 12)
    action_plan.set_cabinet_dates(
        plan, director, 1, {"last_reported_on": datetime.date(2004, 3, 16)}
    )
    plan.refresh_from_db()
    assert plan.reported_since == datetime.date(2004, 3, 16)


def test_a_council_added_action_sits_beside_the_drafted_one(action, officer):
    added = action_plan.add_action(
        action.plan,
        officer,
        action.criterion,
        {"title": "Extra", "action": "Extra work", "lead_officer": "", "target_date": None},
    )
    assert added.source == ImprovementAction.Source.COUNCIL
    assert ImprovementAction.objects.filter(criterion=action.criterion).count() == 2
    # Drafting again leaves both alone.
    assert not action_plan.draft_actions_from(action.drafted_from, officer).changed
    assert ImprovementAction.objects.filter(criterion=action.criterion).count() == 2


def test_a_complete_action_needs_its_completion_date(action):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ImprovementAction.objects.filter(pk=action.pk).update(status=ActionStatus.COMPLETE)
