"""Where a council's return stands: not started, a draft, submitted, under evaluation, evaluated,
or a revised return in draft.

One rule, `return_standing`, over plain values (version numbers and statuses), so that a page
listing every council asks it per row without a query. The self-audit overview, the council's
dashboard, SSI's national overview and the inspector's workspace all ask it; each shows the
answer in its own words.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from standards.models import AuditReturn

# The statuses of an evaluation (evaluations.models.Evaluation.Status). Evaluations sit above
# standards, so they are named here as plain values; a test checks that the two agree.
EVALUATION_DRAFT = "draft"
EVALUATION_ISSUED = "issued"


class ReturnStatus:
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_EVALUATION = "under_evaluation"
    EVALUATED = "evaluated"
    REVISING = "revising"

    LABELS = {
        NOT_STARTED: "Not started",
        DRAFT: "Draft, not yet submitted",
        SUBMITTED: "Submitted, awaiting evaluation",
        UNDER_EVALUATION: "Under evaluation",
        EVALUATED: "Evaluated",
        REVISING: "Revised return in draft",
    }
    COLOURS = {
        NOT_STARTED: "grey",
        DRAFT: "blue",
        SUBMITTED: "turquoise",
        UNDER_EVALUATION: "yellow",
        EVALUATED: "green",
        REVISING: "purple",
    }


@dataclass(frozen=True)
class Standing:
    latest: int | None  # the latest submitted version
    draft: int | None  # the version in draft
    evaluation_issued: bool  # SSI has issued an evaluation of the latest submitted version
    evaluation_in_draft: bool  # an evaluation of the latest submitted version is in draft

    @property
    def stage(self) -> str:
        """Where the latest submitted version stands, leaving a revision in draft aside."""
        if self.latest is None:
            return ReturnStatus.DRAFT if self.draft is not None else ReturnStatus.NOT_STARTED
        if self.evaluation_issued:
            return ReturnStatus.EVALUATED
        if self.evaluation_in_draft:
            return ReturnStatus.UNDER_EVALUATION
        return ReturnStatus.SUBMITTED

    @property
    def status(self) -> str:
        """Where the return stands: a revision in draft outranks the evaluation, as the council
        is working on a new version."""
        if self.latest is not None and self.draft is not None:
            return ReturnStatus.REVISING
        return self.stage


def return_standing(
    returns: Iterable[tuple[int, str]], latest_evaluation_statuses: Iterable[str]
) -> Standing:
    """Where the return stands, from the self-audit's (version number, status) pairs and the
    statuses of the evaluations of its latest submitted version."""
    returns = list(returns)
    statuses = set(latest_evaluation_statuses)
    submitted = [number for number, status in returns if status == AuditReturn.Status.SUBMITTED]
    drafts = [number for number, status in returns if status == AuditReturn.Status.DRAFT]
    latest = max(submitted, default=None)
    return Standing(
        latest=latest,
        draft=max(drafts, default=None),
        evaluation_issued=latest is not None and EVALUATION_ISSUED in statuses,
        evaluation_in_draft=latest is not None and EVALUATION_DRAFT in statuses,
    )


def standing_of(returns: list[AuditReturn]) -> Standing:
    """return_standing for a self-audit's returns as loaded, with their evaluations prefetched."""
    latest = max((r for r in returns if r.is_submitted), key=lambda r: r.number, default=None)
    return return_standing(
        [(r.number, r.status) for r in returns],
        [e.status for e in latest.evaluations.all()] if latest else [],
    )


# --- The self-audit overview's tag ---------------------------------------------------------------

OVERVIEW_LABELS = {
    ReturnStatus.NOT_STARTED: "Not started",
    ReturnStatus.DRAFT: "Draft",
    ReturnStatus.SUBMITTED: "Submitted version {version}",
    ReturnStatus.UNDER_EVALUATION: "Under evaluation (version {version})",
    ReturnStatus.EVALUATED: "Evaluated (version {version})",
}


@dataclass
class AuditStatus:
    label: str
    colour: str  # GOV.UK tag modifier
    latest_submitted: AuditReturn | None
    draft: AuditReturn | None


def status_of(returns: list[AuditReturn]) -> AuditStatus:
    """The overview's tag says where the latest submitted version stands, by its number; the
    page says beside it that a revision is in draft. Expects evaluations prefetched."""
    standing = standing_of(returns)
    stage = standing.stage
    return AuditStatus(
        label=OVERVIEW_LABELS[stage].format(version=standing.latest),
        colour=ReturnStatus.COLOURS[stage],
        latest_submitted=next(
            (r for r in returns if r.is_submitted and r.number == standing.latest), None
        ),
        draft=next((r for r in returns if r.number == standing.draft), None),
    )
