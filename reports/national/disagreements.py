"""Does SSI's judgement of a standard agree with the council's self-rating? The rule, in one place.

The council dashboard and the national overview both list disagreements with
`standard_disagreements`, so they cannot list different ones.
"""

from collections.abc import Iterable, Mapping
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
# The far end of each half: a disagreement with one of these is the larger.
EXTREME = {Serving.ALL, Capacity.EXCELLENT, Serving.NONE, Capacity.POOR}

# The halves of the 4-point scale: 3-4 "in place", 1-2 "not (consistently) in place".
HIGH_RATINGS = (3, 4)
LOW_RATINGS = (1, 2)

HIGHER = "higher"
LOWER = "lower"
DISAGREEMENT_LABELS: dict[str, str] = {
    HIGHER: "Council rated itself higher than SSI judged",
    LOWER: "Council rated itself lower than SSI judged",
}


def mostly(counts: Mapping[int, int], levels: tuple[int, ...]) -> bool:
    """True when more than half of the rated criteria have one of `levels` (exactly half is not
    "mostly"; a standard with nothing rated is mostly nothing)."""
    rated = sum(counts.get(level, 0) for level in RATING_LEVELS)
    chosen = sum(counts.get(level, 0) for level in levels)
    return rated > 0 and chosen * 2 > rated


def disagreement(counts: Mapping[int, int], judgement: str) -> str | None:
    """HIGHER if the standard is self-rated mostly 3-4 but judged Some/None/Uncertain/Poor;
    LOWER if self-rated mostly 1-2 but judged All/Most/Excellent/Promising; otherwise None
    (also when nothing is rated, or the ratings are split evenly, or the standard is not judged)."""
    if judgement in UNFAVOURABLE and mostly(counts, HIGH_RATINGS):
        return HIGHER
    if judgement in FAVOURABLE and mostly(counts, LOW_RATINGS):
        return LOWER
    return None


def disagreement_size(counts: Mapping[int, int], judgement: str, direction: str) -> int:
    """How far apart the two are, to rank disagreements: each rated criterion counts by how far
    it leans the council's way (4 or 1: two; 3 or 2: one; the other half counts against), and an
    extreme judgement (None, Poor, All, Excellent) doubles it."""
    lean = {4: 2, 3: 1, 2: -1, 1: -2} if direction == HIGHER else {1: 2, 2: 1, 3: -1, 4: -2}
    size = sum(lean[level] * counts.get(level, 0) for level in RATING_LEVELS)
    return size * 2 if judgement in EXTREME else size


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
    def size(self) -> int:
        return disagreement_size(self.counts, self.judgement, self.direction)

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

    def cells(self) -> list[str]:
        """The row as the table and the exports show it."""
        return [
            self.council.name,
            self.council.code,
            f"{self.standard_number}: {self.standard_title}",
            f"Version {self.evaluated_version}",
            self.self_rating,
            self.judgement_label,
            self.direction_label,
            str(self.size),
        ]


COLUMNS = [
    "Council",
    "Code",
    "Standard",
    "Version judged",
    "Self-rating",
    "SSI judgement",
    "Disagreement",
    "Size",
]


def standard_disagreements(
    council: CouncilRef,
    evaluated_version: int,
    counts_by_standard: Mapping[int, Mapping[int, int]],
    judgements: Iterable[tuple[int, str]],
    titles: Mapping[int, str],
) -> list[Disagreement]:
    """The disagreements of one issued evaluation: its (standard number, judgement) pairs against
    the ratings per standard of the version it evaluated, largest first."""
    found: list[Disagreement] = []
    for number, judgement in judgements:
        counts = {
            level: counts_by_standard.get(number, {}).get(level, 0) for level in RATING_LEVELS
        }
        direction = disagreement(counts, judgement)
        if direction:
            found.append(
                Disagreement(
                    council=council,
                    standard_number=number,
                    standard_title=titles.get(number, ""),
                    counts=counts,
                    judgement=judgement,
                    direction=direction,
                    evaluated_version=evaluated_version,
                )
            )
    return ranked(found)


def ranked(disagreements: Iterable[Disagreement]) -> list[Disagreement]:
    """Largest first; then by council and standard, so the order is the same on every page."""
    return sorted(disagreements, key=lambda d: (-d.size, d.council.name, d.standard_number))


def filtered(
    disagreements: Iterable[Disagreement], direction: str = "", standard: int | None = None
) -> list[Disagreement]:
    return [
        d
        for d in disagreements
        if (not direction or d.direction == direction)
        and (standard is None or d.standard_number == standard)
    ]
