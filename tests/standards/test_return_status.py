"""Where a return stands: one rule over plain values (standards.self_audit.status), shown in the
words of the national overview, the dashboard, the self-audit overview and the inspector's
workspace."""

import pytest

from evaluations.evaluation.workspace import _workspace_status
from evaluations.models import Evaluation
from standards.self_audit import status
from standards.self_audit.status import ReturnStatus, return_standing


def test_evaluation_statuses_named_in_standards_match_the_evaluations_app():
    assert status.EVALUATION_DRAFT == Evaluation.Status.DRAFT
    assert status.EVALUATION_ISSUED == Evaluation.Status.ISSUED
    assert set(Evaluation.Status.values) == {status.EVALUATION_DRAFT, status.EVALUATION_ISSUED}


@pytest.mark.parametrize(
    ("returns", "evaluations", "expected"),
    [
        ([], [], (ReturnStatus.NOT_STARTED, None, None)),
        ([(1, "draft")], [], (ReturnStatus.DRAFT, None, 1)),
        ([(1, "submitted")], [], (ReturnStatus.SUBMITTED, 1, None)),
        ([(1, "submitted")], ["draft"], (ReturnStatus.UNDER_EVALUATION, 1, None)),
        ([(1, "submitted")], ["issued"], (ReturnStatus.EVALUATED, 1, None)),
        ([(1, "submitted")], ["issued", "draft"], (ReturnStatus.EVALUATED, 1, None)),
        ([(1, "submitted"), (2, "draft")], ["issued"], (ReturnStatus.REVISING, 1, 2)),
        ([(1, "submitted"), (2, "submitted")], [], (ReturnStatus.SUBMITTED, 2, None)),
    ],
)
def test_return_standing(returns, evaluations, expected):
    standing = return_standing(returns, evaluations)
    assert (standing.status, standing.latest, standing.draft) == expected


def test_a_revision_in_draft_leaves_the_stage_of_the_latest_version():
    standing = return_standing([(1, "submitted"), (2, "draft")], ["draft"])
    assert standing.status == ReturnStatus.REVISING
    assert standing.stage == ReturnStatus.UNDER_EVALUATION


@pytest.mark.parametrize(
    ("returns", "evaluations", "expected"),
    [
        ([], [], "not_submitted"),
        ([(1, "draft")], [], "not_submitted"),
        ([(1, "submitted")], [], "awaiting"),
        ([(1, "submitted")], ["draft"], "draft"),
        ([(1, "submitted")], ["issued"], "issued"),
        # A follow-up evaluation in draft is the inspector's work in hand.
        ([(1, "submitted")], ["issued", "draft"], "draft"),
    ],
)
def test_the_workspace_shows_the_standing_for_the_inspector(returns, evaluations, expected):
    assert _workspace_status(return_standing(returns, evaluations)) == expected
