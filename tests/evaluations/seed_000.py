"""Leicester's SSI evaluation of May 2003 (seed 000), as data for the tests.

The data lives in evaluations/seed_000.py (the demo uses it too); this module keeps the names the
tests import, and the POST data helper.
"""

from demo.seed_000 import (  # noqa: F401 - re-exported for the tests
    COMPLETED_ON,
    FINDINGS,
    FOLLOW_UP_VISIT,
    INSPECTOR,
    JUDGEMENTS,
    LABELS,
    OVERALL_CAPACITY,
    OVERALL_CAPACITY_TEXT,
    OVERALL_SERVING,
    OVERALL_SERVING_TEXT,
    PHASE,
    RECONSTRUCTED,
    TEXTS,
)


def form_data(evaluation, action="save", **overrides) -> dict:
    """POST data for the evaluation page with all of seed 000's answers."""
    data = {
        "action": action,
        "revision": str(evaluation.revision),
        "completed_on_0": str(COMPLETED_ON.day),
        "completed_on_1": str(COMPLETED_ON.month),
        "completed_on_2": str(COMPLETED_ON.year),
        "overall_serving": OVERALL_SERVING,
        "overall_serving_text": OVERALL_SERVING_TEXT,
        "overall_capacity": OVERALL_CAPACITY,
        "overall_capacity_text": OVERALL_CAPACITY_TEXT,
        "follow_up_visit": "yes" if FOLLOW_UP_VISIT else "no",
    }
    for number, judgement in JUDGEMENTS.items():
        data[f"s{number}-judgement"] = judgement
        data[f"s{number}-text"] = TEXTS[number]
    data.update(overrides)
    return data
