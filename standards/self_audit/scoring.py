"""Figures derived from a return's answers. One module, so every page and export agrees.

Functions take answers that already carry their criteria (see AnswerQuerySet.with_criteria) and
never query the database themselves.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from standards.models import RATING_LEVELS, Answer, Standard


class Progress:
    NOT_STARTED = "Not yet started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass
class StandardFigures:
    standard: Standard
    answers: list[Answer]
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def unrated(self) -> int:
        return self.total - self.rated

    @property
    def progress(self) -> str:
        if not any(a.has_content for a in self.answers):
            return Progress.NOT_STARTED
        if all(not problems_for(a) for a in self.answers):
            return Progress.COMPLETED
        return Progress.IN_PROGRESS


def is_below_four(rating: int | None) -> bool:
    """The rule: a criterion rated below 4 needs an intended improvement and a target date."""
    return rating is not None and rating < 4


def needs_plan(answer: Answer) -> bool:
    return is_below_four(answer.rating)


def answer_problems(
    code: str, rating: int | None, improvement: str, target_date: datetime.date | None
) -> dict[str, str]:
    """Why an answer is not ready to submit, by field, in GOV.UK error wording. The one place the
    rule is written: the standard page's form and the check-answers page both ask it."""
    if rating is None:
        return {"rating": f"Select a rating for {code}"}
    problems = {}
    if is_below_four(rating):
        if not improvement.strip():
            problems["improvement"] = (
                f"Enter the intended improvement for {code}, which is rated below 4"
            )
        if target_date is None:
            problems["target_date"] = f"Enter a target date for {code}, which is rated below 4"
    return problems


def problems_for(answer: Answer) -> list[str]:
    """Why this answer is not ready to submit, in GOV.UK error wording."""
    return list(
        answer_problems(
            answer.criterion.code, answer.rating, answer.improvement, answer.target_date
        ).values()
    )


def submission_problems(answers: Iterable[Answer]) -> list[tuple[Answer, str]]:
    return [(answer, problem) for answer in answers for problem in problems_for(answer)]


def is_not_on_target(answer: Answer) -> bool:
    """The target date misses the Laming deadline of the criterion (seed 000: "not on target")."""
    deadline = answer.criterion.laming_deadline
    return (
        needs_plan(answer)
        and answer.target_date is not None
        and deadline is not None
        and answer.target_date > deadline
    )


def not_on_target(answers: Iterable[Answer]) -> list[Answer]:
    return [a for a in answers if is_not_on_target(a)]


def missing_plans(answers: Iterable[Answer]) -> list[Answer]:
    """Rated below 4 without an intended improvement or without a target date."""
    return [
        a for a in answers if needs_plan(a) and (not a.improvement.strip() or a.target_date is None)
    ]


def rating_counts(answers: Iterable[Answer]) -> dict[int, int]:
    counts = Counter(a.rating for a in answers if a.rating is not None)
    return {level: counts.get(level, 0) for level in RATING_LEVELS}


def share_rated_four(answers: Iterable[Answer]) -> float:
    """Share of rated criteria rated 4 (0.0 when nothing is rated)."""
    counts = rating_counts(answers)
    rated = sum(counts.values())
    return counts[4] / rated if rated else 0.0


def figures_by_standard(answers: Iterable[Answer]) -> list[StandardFigures]:
    by_standard: dict[int, StandardFigures] = {}
    for answer in answers:
        standard = answer.criterion.standard
        figures = by_standard.setdefault(standard.pk, StandardFigures(standard, []))
        figures.answers.append(answer)
    for figures in by_standard.values():
        figures.counts = rating_counts(figures.answers)
    return sorted(by_standard.values(), key=lambda f: f.standard.number)


@dataclass
class ReturnSummary:
    answers: list[Answer]
    standards: list[StandardFigures]
    counts: dict[int, int]
    share_four: float
    missing_plans: list[Answer]
    not_on_target: list[Answer]
    problems: list[tuple[Answer, str]]

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def unrated(self) -> int:
        return self.total - self.rated

    @property
    def ready_to_submit(self) -> bool:
        return not self.problems


def summarise(answers: Iterable[Answer]) -> ReturnSummary:
    answers = list(answers)
    return ReturnSummary(
        answers=answers,
        standards=figures_by_standard(answers),
        counts=rating_counts(answers),
        share_four=share_rated_four(answers),
        missing_plans=missing_plans(answers),
        not_on_target=not_on_target(answers),
        problems=submission_problems(answers),
    )
