"""Building self-audit states for tests, through the same domain functions the views use."""

import datetime

from climbie_audit.concurrency import fingerprint
from standards.models import Answer
from standards.self_audit.rules import open_draft, save_answers, self_audit_for, submit

TARGET = datetime.date(2003, 4, 1)


def complete_values(code: str, rating: int = 4) -> dict:
    values = {
        "rating": rating,
        "evidence": f"Evidence for {code}",
        "improvement": "",
        "lead_officer": "",
        "target_date": None,
    }
    if rating < 4:
        values |= {
            "improvement": f"Improve {code}",
            "lead_officer": "Service manager",
            "target_date": TARGET,
        }
    return values


def fill(draft, user, ratings: dict[str, int] | None = None, default: int = 4, only=None):
    """Rate every criterion (or those in `only`), with plans where below 4."""
    ratings = ratings or {}
    changes = {}
    for answer in draft.answers.select_related("criterion"):
        code = answer.criterion.code
        if only is not None and code not in only:
            continue
        changes[answer.criterion_id] = (
            answer.revision,
            complete_values(code, ratings.get(code, default)),
        )
    return save_answers(draft, user, changes)


def draft_for(council, framework, user):
    return open_draft(self_audit_for(council, framework), user)


def submitted_return(council, framework, officer, director, ratings=None):
    draft = draft_for(council, framework, officer)
    fill(draft, officer, ratings)
    return submit(draft, director)


def answer(draft, code) -> Answer:
    return draft.answers.select_related("criterion").get(criterion__code=code)


def form_data(draft, standard_number: int, action="later", overrides=None) -> dict:
    """POST data for a standard page, as the browser would send it from the current answers."""
    data = {"action": action}
    for a in draft.answers.select_related("criterion").filter(
        criterion__standard__number=standard_number
    ):
        prefix = "c" + a.criterion.code.replace(".", "_")
        data[f"{prefix}-revision"] = str(a.revision)
        data[f"{prefix}-rendered"] = fingerprint(a.values())
        data[f"{prefix}-rating"] = "" if a.rating is None else str(a.rating)
        data[f"{prefix}-evidence"] = a.evidence
        data[f"{prefix}-improvement"] = a.improvement
        data[f"{prefix}-lead_officer"] = a.lead_officer
        for i, part in enumerate(
            (a.target_date.day, a.target_date.month, a.target_date.year)
            if a.target_date
            else ("", "", "")
        ):
            data[f"{prefix}-target_date_{i}"] = str(part)
    data.update(overrides or {})
    return data
