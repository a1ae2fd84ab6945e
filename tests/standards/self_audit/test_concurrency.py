"""Two people saving the same criterion at the same moment, each on their own DB connection."""

import threading

import pytest
from django.db import connection

from standards.self_audit import rules as self_audit
from tests.standards.helpers import answer, complete_values, draft_for


def run_concurrently(*jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = ("saved", job())
        except Exception as error:  # the outcome is what the test inspects
            outcomes[index] = ("refused", error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_criterion_never_both_win(council_a, framework, officer):
    colleague = type(officer).objects.create(
        username="colleague", role="officer", council=council_a
    )
    draft = draft_for(council_a, framework, officer)
    criterion_id = answer(draft, "2.10").criterion_id

    def save_as(person, rating):
        return lambda: self_audit.save_answers(
            draft, person, {criterion_id: (0, complete_values("2.10", rating))}
        )

    outcomes = run_concurrently(save_as(officer, 4), save_as(colleague, 2))
    kinds = sorted(kind for kind, _ in outcomes)
    stored = answer(draft, "2.10")
    if connection.vendor == "postgresql":
        # Row locks make the second save wait, then see the new revision: a conflict.
        assert kinds == ["refused", "saved"], outcomes
        refused = next(result for kind, result in outcomes if kind == "refused")
        assert isinstance(refused, self_audit.EditConflict)
    else:
        # SQLite locks the whole database file: the second save, or both, may be refused with
        # "database is locked"; what must never happen is both saving.
        assert kinds.count("saved") <= 1, outcomes
    if "saved" in kinds:
        winner_rating = 4 if outcomes[0][0] == "saved" else 2
        assert stored.rating == winner_rating and stored.revision == 1
    else:
        assert stored.rating is None and stored.revision == 0
