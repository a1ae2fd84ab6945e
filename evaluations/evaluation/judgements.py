"""The SSI evaluation's scales and the rules that follow from a judgement (seed 000, seed 002 §3.1).

Plain functions over plain values, so the forms, the models, the pages and the PDF all agree.
"""

from django.db import models


class Serving(models.TextChoices):
    """Overall assessment: "Serving children well?"."""

    ALL = "all", "All"
    MOST = "most", "Most"
    SOME = "some", "Some"
    NONE = "none", "None"


class Capacity(models.TextChoices):
    """Overall assessment: "Capacity for improvement?"."""

    EXCELLENT = "excellent", "Excellent"
    PROMISING = "promising", "Promising"
    UNCERTAIN = "uncertain", "Uncertain"
    POOR = "poor", "Poor"


# A standard is judged on either scale: seed 000 judges standards 1–3 "Most", 4–7 "Promising".
STANDARD_JUDGEMENTS = Serving.choices + Capacity.choices
STANDARD_JUDGEMENT_LABELS = dict(STANDARD_JUDGEMENTS)


class PafDomain(models.TextChoices):
    """The five domains of the Performance Assessment Framework."""

    NATIONAL_PRIORITIES = "national", "National priorities and strategic objectives"
    COST = "cost", "Cost and efficiency"
    EFFECTIVENESS = "effectiveness", "Effectiveness of service delivery and outcomes"
    QUALITY = "quality", "Quality of services for users and carers"
    FAIR_ACCESS = "fair_access", "Fair access"


# The short names SSI's form used in its findings table (seed 000: "Effectiveness").
PAF_SHORT_NAMES: dict[str, str] = {
    PafDomain.NATIONAL_PRIORITIES: "National priorities",
    PafDomain.COST: "Cost and efficiency",
    PafDomain.EFFECTIVENESS: "Effectiveness",
    PafDomain.QUALITY: "Quality",
    PafDomain.FAIR_ACCESS: "Fair access",
}


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    DEVELOPMENT = "development", "Area for development"


# --- The star-rating consequence (seed 002 §3.1) ---------------------------------------------

STAR_RATING_CEILING = "serving some children well"


def caps_star_rating(serving: str) -> bool:
    """A council judged serving only some or no children well cannot be rated higher than
    "serving some children well" for children's services in the star rating."""
    return serving in (Serving.SOME, Serving.NONE)


def star_rating_consequence(council_name: str, serving: str) -> str:
    """The sentence every page shows beside a Some/None judgement; empty when there is none."""
    if not caps_star_rating(serving):
        return ""
    judged = "only some children" if serving == Serving.SOME else "no children"
    return (
        f"{council_name} has been judged to be serving {judged} well. Its children's services "
        f"cannot be judged higher than “{STAR_RATING_CEILING}” in the star rating."
    )


# --- What an evaluation needs before it can be issued ----------------------------------------


def issue_problems(
    judgements: dict[int, str],
    serving: str,
    capacity: str,
    follow_up_visit: bool | None,
) -> list[tuple[str, str]]:
    """(field key, message) for each missing answer, in the order of the form.

    `judgements` maps every standard number to its judgement ("" when not set). Keys name the
    form fields: "s3-judgement" for standard 3, then the overall fields by name.
    """
    problems = [
        (f"s{number}-judgement", f"Select a judgement for standard {number}")
        for number, judgement in sorted(judgements.items())
        if judgement not in STANDARD_JUDGEMENT_LABELS
    ]
    if serving not in Serving.values:
        problems.append(("overall_serving", "Select a judgement for serving children well"))
    if capacity not in Capacity.values:
        problems.append(("overall_capacity", "Select a judgement for capacity for improvement"))
    if follow_up_visit is None:
        problems.append(("follow_up_visit", "Select yes if a follow-up visit will take place"))
    return problems
