"""Issued evaluations cannot change, whichever way the code tries (model layer)."""

import pytest
from django.db import IntegrityError, transaction

from evaluations.evaluation import workflow
from evaluations.models import CouncilResponse, Evaluation, Finding, StandardJudgement
from standards.models import AuditReturn, ImmutableRecordError
from tests.standards.helpers import draft_for


def test_issued_evaluation_refuses_save_and_delete(issued):
    issued.overall_serving = "some"
    with pytest.raises(ImmutableRecordError):
        issued.save()
    with pytest.raises(ImmutableRecordError):
        issued.delete()
    issued.refresh_from_db()
    assert issued.overall_serving == "most"


def test_issued_evaluation_refuses_queryset_update_and_delete(issued):
    with pytest.raises(ImmutableRecordError):
        Evaluation.objects.filter(pk=issued.pk).update(overall_serving="none")
    with pytest.raises(ImmutableRecordError):
        Evaluation.objects.filter(pk=issued.pk).delete()
    # bulk_update works inside its own atomic block: keep the test's transaction usable.
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        Evaluation.objects.bulk_update([issued], ["overall_serving"])
    assert Evaluation.objects.get(pk=issued.pk).overall_serving == "most"


def test_judgements_of_an_issued_evaluation_cannot_change(issued):
    judgement = issued.judgements.get(standard__number=1)
    judgement.judgement = "none"
    with pytest.raises(ImmutableRecordError):
        judgement.save()
    with pytest.raises(ImmutableRecordError):
        judgement.delete()
    with pytest.raises(ImmutableRecordError):
        StandardJudgement.objects.filter(evaluation=issued).update(text="")
    with pytest.raises(ImmutableRecordError):
        StandardJudgement.objects.filter(evaluation=issued).delete()
    assert issued.judgements.get(standard__number=1).judgement == "most"


def test_findings_of_an_issued_evaluation_cannot_change_or_grow(issued):
    finding = issued.findings.first()
    finding.description = "Rewritten"
    with pytest.raises(ImmutableRecordError):
        finding.save()
    with pytest.raises(ImmutableRecordError):
        finding.delete()
    with pytest.raises(ImmutableRecordError):
        Finding.objects.filter(evaluation=issued).update(highlight=False)
    with pytest.raises(ImmutableRecordError):
        Finding.objects.filter(evaluation=issued).delete()
    extra = {"description": "x", "paf_domain": "cost", "kind": "strength", "highlight": False}
    with pytest.raises(ImmutableRecordError):
        Finding.objects.create(evaluation=issued, **extra)
    with pytest.raises(ImmutableRecordError):
        Finding.objects.bulk_create([Finding(evaluation=issued, **extra)])
    with pytest.raises(ImmutableRecordError):
        workflow.add_finding(issued, extra)
    assert issued.findings.count() == 4
    assert not issued.findings.filter(highlight=False).exists()


def test_issuing_twice_is_refused(issued, inspector):
    with pytest.raises(ImmutableRecordError):
        workflow.issue(issued, inspector)


def test_a_draft_can_still_change_and_be_deleted(draft):
    draft.overall_serving = "all"
    draft.save()
    Evaluation.objects.filter(pk=draft.pk).update(overall_capacity="poor")
    draft.refresh_from_db()
    assert (draft.overall_serving, draft.overall_capacity) == ("all", "poor")
    draft.delete()
    assert not Evaluation.objects.exists()


def test_the_database_refuses_an_incomplete_issued_evaluation(draft):
    # Bypassing the domain function still cannot issue an evaluation without its judgements.
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.filter(pk=draft.pk).update(status="issued")


def test_only_submitted_returns_can_be_evaluated(council_b, framework, officer_b, inspector):
    draft_return = draft_for(council_b, framework, officer_b)
    assert draft_return.status == AuditReturn.Status.DRAFT
    with pytest.raises(ImmutableRecordError):
        Evaluation.objects.create(audit_return=draft_return, inspector=inspector)


def test_no_response_to_a_draft(draft, director):
    with pytest.raises(ImmutableRecordError):
        workflow.record_response(draft, director, "Too early", notify=False)
    assert not CouncilResponse.objects.exists()


def test_response_is_recorded_once_and_never_changed(issued, director):
    response = workflow.record_response(issued, director, "We disagree on standard 5.", False)
    response.text = "Changed our minds"
    with pytest.raises(ImmutableRecordError):
        response.save()
    with pytest.raises(ImmutableRecordError):
        response.delete()
    with pytest.raises(ImmutableRecordError):
        CouncilResponse.objects.filter(pk=response.pk).update(text="x")
    with pytest.raises(ImmutableRecordError):
        workflow.record_response(issued, director, "Second thoughts", False)
    assert CouncilResponse.objects.get().text == "We disagree on standard 5."
