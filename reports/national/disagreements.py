"""Does SSI's judgement of a standard agree with the council's self-rating? The rule, in one place."""

from dataclasses import dataclass

from climbie_audit.models import CouncilRef
from evaluations.evaluation.judgements import (
    STANDARD_JUDGEMENT_LABELS,
    Capacity,
    Serving,
)
from standards.models import (
    RATING_LEVELS,
)

# --- Does SSI's judgement of a standard agree with the council's self-rating? -----------------

# The two scales a standard is judged on (seed 000), split into their better and worse halves.
FAVOURABLE = {Serving.ALL, Serving.MOST, Capacity.EXCELLENT, Capacity.PROMISING}
UNFAVOURABLE = {Serving.SOME, Serving.NONE, Capacity.UNCERTAIN, Capacity.POOR}

HIGHER = "higher"
LOWER = "lower"
DISAGREEMENT_LABELS: dict[str, str] = {
    HIGHER: "Council rated itself higher than SSI judged",
    LOWER: "Council rated itself lower than SSI judged",
}


def mostly(counts: dict[int, int], levels: tuple[int, ...]) -> bool:
    """True when more than half of the rated criteria have one of `levels` (exactly half is not
    "mostly"; a standard with nothing rated is mostly nothing)."""
    rated = sum(counts.get(level, 0) for level in RATING_LEVELS)
    chosen = sum(counts.get(level, 0) for level in levels)
    return rated > 0 and chosen * 2 > rated


def disagreement(counts: dict[int, int], judgement: str) -> str | None:
    """HIGHER if the standard is self-rated mostly 4 but judged Some/None/Uncertain/Poor; LOWER if
    self-rated mostly 1–2 but judged All/Most/Excellent/Promising; otherwise None."""
    if judgement in UNFAVOURABLE and mostly(counts, (4,)):
        return HIGHER
    if judgement in FAVOURABLE and mostly(counts, (1, 2)):
        return LOWER
    return None


@dataclass
class Disagreement:
    council: CouncilRef
    standard_number: int
    standard_title: str
    counts: dict[int, int]
    judgement: str
    direction: str
    evaluated_version: int

    @property
    def judgement_label(self) -> str:
        return STANDARD_JUDGEMENT_LABELS.get(self.judgement, "")

    @property
    def direction_label(self) -> str:
        return DISAGREEMENT_LABELS[self.direction]

    @property
    def self_rating(self) -> str:
        rated = sum(self.counts.values())
        return ", ".join(f"{self.counts[level]} rated {level}" for level in RATING_LEVELS) + (
            f" (of {rated})"
        )
