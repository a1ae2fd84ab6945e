"""Building evaluation states for tests, through the same domain functions the views use."""

from evaluations.evaluation import workflow
from evaluations.models import Evaluation
from tests.evaluations import seed_000
from tests.standards.helpers import submitted_return


def submitted(council, framework, officer, director, ratings=None):
    return submitted_return(council, framework, officer, director, ratings)


def start(audit_return, inspector, phase="a") -> Evaluation:
    return workflow.start_evaluation(audit_return, inspector, phase)


def seed_values():
    values = {
        "completed_on": seed_000.COMPLETED_ON,
        "overall_serving": seed_000.OVERALL_SERVING,
        "overall_serving_text": seed_000.OVERALL_SERVING_TEXT,
        "overall_capacity": seed_000.OVERALL_CAPACITY,
        "overall_capacity_text": seed_000.OVERALL_CAPACITY_TEXT,
        "follow_up_visit": seed_000.FOLLOW_UP_VISIT,
    }
    judgements = {
        number: {"judgement": judgement, "text": seed_000.TEXTS[number]}
        for number, judgement in seed_000.JUDGEMENTS.items()
    }
    return values, judgements


def fill_like_seed(evaluation, inspector, with_findings=True, **overrides) -> Evaluation:
    values, judgements = seed_values()
    values.update(overrides)
    evaluation = workflow.save_evaluation(
        evaluation, inspector, evaluation.revision, values, judgements
    )
    if with_findings:
        for description, domain, kind, highlight in seed_000.FINDINGS:
            workflow.add_finding(
                evaluation,
                {
                    "description": description,
                    "paf_domain": domain,
                    "kind": kind,
                    "highlight": highlight,
                },
            )
    return evaluation


def issued_like_seed(audit_return, inspector, **overrides) -> Evaluation:
    evaluation = fill_like_seed(start(audit_return, inspector), inspector, **overrides)
    return workflow.issue(evaluation, inspector, notify=False)
