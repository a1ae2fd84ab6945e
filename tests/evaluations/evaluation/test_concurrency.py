"""Two inspectors saving one evaluation at the same moment, each on their own DB connection."""

import pytest
from django.db import connection

from evaluations.evaluation import workflow
from tests.evaluations.helpers import seed_values, start, submitted
from tests.factories import DirectorFactory, InspectorFactory, OfficerFactory, assign
from tests.standards.self_audit.test_concurrency import run_concurrently


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_evaluation_never_both_win(council_a, framework, inspector):
    officer = OfficerFactory(username="officer.race", council=council_a)
    director = DirectorFactory(username="director.race", council=council_a)
    colleague = InspectorFactory(username="inspector.race")
    assign(colleague, council_a)
    evaluation = start(submitted(council_a, framework, officer, director), inspector)
    values, judgements = seed_values()

    def save_as(person, serving):
        return lambda: workflow.save_evaluation(
            evaluation, person, 0, values | {"overall_serving": serving}, judgements
        )

    outcomes = run_concurrently(save_as(inspector, "most"), save_as(colleague, "some"))
    kinds = sorted(kind for kind, _ in outcomes)
    evaluation.refresh_from_db()
    if connection.vendor == "postgresql":
        # Row locks make the second save wait, then see the new revision: a conflict.
        assert kinds == ["refused", "saved"], outcomes
        refused = next(result for kind, result in outcomes if kind == "refused")
        assert isinstance(refused, workflow.EvaluationConflict)
    else:
        # SQLite locks the whole database file: the second save, or both, may be refused with
        # "database is locked"; what must never happen is both saving.
        assert kinds.count("saved") <= 1, outcomes
    if "saved" in kinds:
        winner = "most" if outcomes[0][0] == "saved" else "some"
        assert evaluation.overall_serving == winner and evaluation.revision == 1
    else:
        assert evaluation.revision == 0
