import datetime

import pytest
from django.core import mail
from django.utils import timezone

from evaluations.evaluation import workflow
from evaluations.models import Evaluation
from standards.models import AuditReturn
from standards.self_audit.rules import start_revision, submit
from tests.evaluations import seed_000
from tests.evaluations.helpers import fill_like_seed, issued_like_seed, seed_values, start
from tests.factories import DirectorFactory, InspectorFactory, assign
from tests.standards.helpers import fill


@pytest.fixture
def audit_return(db, audit_return_made_once, council_a, officer, director):
    # Every test here starts from Leicester's submitted version 1: made once for the module.
    return AuditReturn.objects.get(pk=audit_return_made_once)


def test_a_new_evaluation_has_a_blank_judgement_per_standard(draft, inspector):
    judgements = list(draft.judgements.select_related("standard"))
    assert [j.standard.number for j in judgements] == list(range(1, 8))
    assert {(j.judgement, j.text) for j in judgements} == {("", "")}
    assert (draft.status, draft.phase, draft.inspector) == ("draft", "a", inspector)


def test_one_draft_at_a_time_even_when_two_inspectors_start(draft, audit_return, council_a):
    colleague = InspectorFactory(username="inspector.colleague")
    assign(colleague, council_a)
    assert start(audit_return, colleague, "b") == draft
    assert Evaluation.objects.count() == 1


def test_only_the_latest_submitted_version_can_be_evaluated(
    audit_return, director, officer, inspector
):
    revision = start_revision(audit_return.self_audit, director)
    fill(revision, officer)
    revision = submit(revision, director, notify=False)
    with pytest.raises(workflow.EvaluationRefused):
        start(audit_return, inspector)
    assert start(revision, inspector).audit_return == revision


def test_saving_records_values_judgements_and_who(draft, inspector):
    values, judgements = seed_values()
    saved = workflow.save_evaluation(draft, inspector, 0, values, judgements)
    assert saved.revision == 1 and saved.updated_by == inspector
    assert saved.values() == values
    stored = {j.standard.number: j.judgement for j in saved.judgements.select_related("standard")}
    assert stored == seed_000.JUDGEMENTS


def test_concurrent_edits_do_not_silently_overwrite(draft, inspector, council_a):
    colleague = InspectorFactory(username="inspector.colleague")
    assign(colleague, council_a)
    values, judgements = seed_values()
    # Both loaded revision 0; the colleague saves first.
    workflow.save_evaluation(draft, colleague, 0, values, judgements)
    mine = judgements | {3: {"judgement": "some", "text": "My view of standard 3"}}
    with pytest.raises(workflow.EvaluationConflict) as clash:
        workflow.save_evaluation(draft, inspector, 0, values, mine)
    labels = [d.label for d in clash.value.differences]
    assert labels == ["Standard 3: judgement", "Standard 3: explanation"]
    assert clash.value.differences[0].theirs == "Most"
    assert clash.value.differences[0].mine == "Some"
    assert clash.value.current.revision == 1
    draft.refresh_from_db()
    assert draft.judgements.get(standard__number=3).judgement == "most"
    # Having seen their version (revision 1), saving again is a deliberate replacement.
    workflow.save_evaluation(draft, inspector, 1, values, mine)
    assert draft.judgements.get(standard__number=3).judgement == "some"


def test_saving_the_same_values_as_someone_else_is_not_a_conflict(draft, inspector):
    values, judgements = seed_values()
    workflow.save_evaluation(draft, inspector, 0, values, judgements)
    again = workflow.save_evaluation(draft, inspector, 0, values, judgements)
    assert again.revision == 1


def test_issue_refuses_an_incomplete_evaluation_and_changes_nothing(draft, inspector):
    values, judgements = seed_values()
    judgements[6] = {"judgement": "", "text": "Still thinking"}
    workflow.save_evaluation(draft, inspector, 0, values, judgements)
    with pytest.raises(workflow.EvaluationRefused) as refusal:
        workflow.issue(draft, inspector)
    assert refusal.value.problems == [("s6-judgement", "Select a judgement for standard 6")]
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.issued_at is None


def test_issue_fixes_the_date_of_completion_and_tells_the_director(
    draft, inspector, director, django_capture_on_commit_callbacks
):
    fill_like_seed(draft, inspector, completed_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        issued = workflow.issue(draft, inspector)
    assert issued.status == "issued" and issued.issued_by == inspector
    assert issued.completed_on == timezone.localdate()
    assert [m.to for m in mail.outbox] == [[director.email]]
    assert f"/councils/509/evaluations/{issued.pk}/" in mail.outbox[0].body


def test_a_later_phase_starts_from_the_previous_evaluation(audit_return, inspector):
    first = issued_like_seed(audit_return, inspector)
    assert workflow.available_phases(audit_return, first) == ["b", "c"]
    follow_up = start(audit_return, inspector, "b")
    assert follow_up.pk != first.pk and follow_up.based_on == first
    assert follow_up.status == "draft" and follow_up.completed_on is None
    assert follow_up.values() | {"completed_on": first.completed_on} == first.values()
    copied = [(j.standard_id, j.judgement, j.text) for j in follow_up.judgements.all()]
    assert copied == [(j.standard_id, j.judgement, j.text) for j in first.judgements.all()]
    assert [f.values() for f in follow_up.findings.all()] == [
        f.values() for f in first.findings.all()
    ]
    # Changing the new phase leaves the issued one as it was.
    workflow.remove_finding(follow_up.findings.first(), 0)
    assert first.findings.count() == 4 and follow_up.findings.count() == 3


def test_an_earlier_phase_than_the_last_issued_is_refused(audit_return, inspector):
    issued_like_seed(audit_return, inspector)
    with pytest.raises(workflow.EvaluationRefused):
        start(audit_return, inspector, "a")


def test_findings_keep_their_order_and_detect_concurrent_changes(draft, inspector):
    fill_like_seed(draft, inspector)
    findings = list(draft.findings.all())
    assert [f.position for f in findings] == [1, 2, 3, 4]
    first = findings[0]
    workflow.change_finding(first, 0, first.values() | {"highlight": False})
    with pytest.raises(workflow.EvaluationConflict) as clash:
        workflow.change_finding(first, 0, first.values() | {"kind": "development"})
    assert [d.label for d in clash.value.differences] == [
        "Strength or area for development",
        "Highlight for annual review",
    ]
    with pytest.raises(workflow.EvaluationConflict):
        workflow.remove_finding(first, 0)
    workflow.remove_finding(first, 1)
    assert draft.findings.count() == 3


def test_response_tells_the_assigned_inspectors(
    issued, director, inspector, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow.record_response(issued, director, "Our comments")
    assert response.recorded_by == director
    assert mail.outbox[0].to == [inspector.email]
    assert "Leicester has responded" in mail.outbox[0].subject


def test_no_email_when_the_council_has_no_director_with_an_address(
    draft, inspector, director, django_capture_on_commit_callbacks
):
    director.email = ""
    director.save()
    fill_like_seed(draft, inspector)
    issued = workflow.issue(draft, inspector, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.notify_council(issued) == 1  # on their list in the service
    assert mail.outbox == []


def test_other_directors_of_the_council_are_told_too(
    draft, inspector, director, council_a, django_capture_on_commit_callbacks
):
    second = DirectorFactory(username="director.second", council=council_a)
    fill_like_seed(draft, inspector)
    issued = workflow.issue(draft, inspector, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.notify_council(issued) == 2
    # One e-mail each: each person chooses how they are told.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([director.email, second.email])
    assert isinstance(issued.issued_at, datetime.datetime)
