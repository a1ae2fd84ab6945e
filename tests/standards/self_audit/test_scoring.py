import datetime

import pytest

from standards.models import Answer, Criterion
from standards.self_audit import scoring


@pytest.fixture
def criteria(framework):
    return {c.code: c for c in Criterion.objects.with_framework_detail()}


def make(criteria, code, rating=None, improvement="", target=None):
    return Answer(
        criterion=criteria[code], rating=rating, improvement=improvement, target_date=target
    )


def test_rating_counts_and_share_of_fours(criteria):
    answers = [
        make(criteria, "1.1", 4),
        make(criteria, "1.2", 4),
        make(criteria, "1.3", 2, "x", datetime.date(2003, 3, 1)),
        make(criteria, "1.4", None),
    ]
    assert scoring.rating_counts(answers) == {1: 0, 2: 1, 3: 0, 4: 2}
    assert scoring.share_rated_four(answers) == pytest.approx(2 / 3)
    assert scoring.share_rated_four([]) == 0.0


def test_missing_plans_needs_both_improvement_and_date(criteria):
    no_improvement = make(criteria, "2.1", 3, "", datetime.date(2003, 3, 1))
    no_date = make(criteria, "2.2", 2, "Train staff", None)
    complete = make(criteria, "2.3", 1, "Train staff", datetime.date(2003, 3, 1))
    rated_four = make(criteria, "2.4", 4)
    missing = scoring.missing_plans([no_improvement, no_date, complete, rated_four])
    assert missing == [no_improvement, no_date]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (datetime.date(2003, 4, 27), False),
        (datetime.date(2003, 4, 28), False),  # on the deadline is on target
        (datetime.date(2003, 4, 29), True),
    ],
)
def test_not_on_target_boundary_for_a_three_month_criterion(criteria, target, expected):
    answer = make(criteria, "1.1", 3, "Plan", target)  # deadline 28 April 2003
    assert scoring.is_not_on_target(answer) is expected


def test_six_month_criterion_and_criterion_without_deadline(criteria):
    assert not scoring.is_not_on_target(
        make(criteria, "2.4", 2, "Plan", datetime.date(2003, 7, 28))
    )
    assert scoring.is_not_on_target(make(criteria, "2.4", 2, "Plan", datetime.date(2003, 7, 29)))
    # 1.3 cites only recommendation 29, which has no timescale: never "not on target".
    assert not scoring.is_not_on_target(make(criteria, "1.3", 2, "Plan", datetime.date(2009, 1, 1)))


def test_problems_for_each_blocking_condition(criteria):
    assert scoring.problems_for(make(criteria, "2.10")) == ["Select a rating for 2.10"]
    assert scoring.problems_for(make(criteria, "2.10", 3, "", datetime.date(2003, 3, 1))) == [
        "Enter the intended improvement for 2.10, which is rated below 4"
    ]
    assert scoring.problems_for(make(criteria, "2.10", 3, "Plan", None)) == [
        "Enter a target date for 2.10, which is rated below 4"
    ]
    assert scoring.problems_for(make(criteria, "2.10", 4)) == []


def test_standard_progress(criteria):
    empty = [make(criteria, "1.1"), make(criteria, "1.2")]
    started = [make(criteria, "1.1", 4), make(criteria, "1.2")]
    done = [make(criteria, "1.1", 4), make(criteria, "1.2", 3, "Plan", datetime.date(2003, 3, 1))]
    progress = [scoring.figures_by_standard(a)[0].progress for a in (empty, started, done)]
    assert progress == [
        scoring.Progress.NOT_STARTED,
        scoring.Progress.IN_PROGRESS,
        scoring.Progress.COMPLETED,
    ]


def test_summarise_groups_by_standard_in_order(criteria):
    answers = [
        make(criteria, "2.1", 4),
        make(criteria, "1.1", 1, "Plan", datetime.date(2003, 9, 1)),
    ]
    summary = scoring.summarise(answers)
    assert [f.standard.number for f in summary.standards] == [1, 2]
    assert summary.rated == 2 and summary.unrated == 0
    assert [a.criterion.code for a in summary.not_on_target] == ["1.1"]
    assert summary.ready_to_submit
