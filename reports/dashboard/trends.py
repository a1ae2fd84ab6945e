"""A council's audit cycle over time: each submitted version's self-ratings per standard (a later
self-audit is a new version, prefilled from the last: standards.self_audit.rules.start_revision)
and each issued evaluation's judgements, for the dashboard's chart and tables.

The figures of submitted returns and issued evaluations never change, so they come through the
same cached counts as the national overview: at most two queries however many versions.
"""

import datetime
from dataclasses import dataclass

from django.utils.safestring import SafeString

from climbie_audit import charts
from evaluations.evaluation.judgements import STANDARD_JUDGEMENT_LABELS
from evaluations.models import Evaluation, StandardJudgement
from reports.national.figures import (
    EvaluationValues,
    ReturnValues,
    issued_judgements,
    submitted_rating_counts,
)
from standards.models import RATING_LEVELS, AuditReturn, Standard


@dataclass
class VersionRatings:
    number: int
    submitted_at: datetime.datetime | None
    counts: dict[int, dict[int, int]]  # {standard number: {rating: criteria}}

    def upper_half(self, standard: int) -> str:
        """ "6 of 7 rated 3–4" for one standard; "" with nothing rated."""
        counts = self.counts.get(standard, {})
        rated = sum(counts.values())
        return f"{counts.get(3, 0) + counts.get(4, 0)} of {rated} rated 3–4" if rated else ""


@dataclass
class JudgementsAt:
    version: int
    phase: str
    issued_at: datetime.datetime | None
    by_standard: dict[int, str]

    def label(self, standard: int) -> str:
        return STANDARD_JUDGEMENT_LABELS.get(self.by_standard.get(standard, ""), "")


@dataclass
class Trend:
    standards: list[Standard]
    versions: list[VersionRatings]
    evaluations: list[JudgementsAt]

    def rows(self) -> list[tuple[Standard, list[str], list[str]]]:
        """Per standard: its ratings in each version, then SSI's judgement in each evaluation."""
        return [
            (
                standard,
                [v.upper_half(standard.number) for v in self.versions],
                [e.label(standard.number) for e in self.evaluations],
            )
            for standard in self.standards
        ]

    def chart(self, council_name: str) -> SafeString:
        return charts.stacked_bar_chart(
            "chart-council-trend",
            f"{council_name}: self-ratings by standard in each submitted version",
            [
                (
                    f"S{standard.number}, v{version.number}",
                    [
                        version.counts.get(standard.number, {}).get(level, 0)
                        for level in RATING_LEVELS
                    ],
                )
                for standard in self.standards
                for version in self.versions
            ],
            charts.rating_series(),
            label_width=90,
        )


def version_counts(
    submitted: list[AuditReturn],
    standards: list[Standard],
    known: dict[int, dict[int, dict[int, int]]],
) -> dict[int, dict[int, dict[int, int]]]:
    """{return id: {standard number: {rating: criteria}}} for submitted versions; those in
    `known` (the version the page has counted already) cost nothing, the others one cached read."""
    others: list[ReturnValues] = [
        {
            "pk": r.pk,
            "number": r.number,
            "status": r.status,
            "submitted_at": r.submitted_at,
            "self_audit__council_id": 0,  # (not read)
        }
        for r in submitted
        if r.pk not in known
    ]
    counts = dict(known)
    if others and standards:
        counts.update(submitted_rating_counts(others, standards))
    return counts


def council_trend(
    submitted: list[AuditReturn],
    issued: list[Evaluation],
    counts: dict[int, dict[int, dict[int, int]]],
    latest_judgements: list[StandardJudgement],
    standards: list[Standard],
) -> Trend:
    """The trend of one council's submitted versions and issued evaluations (oldest first).
    `latest_judgements` are those of the latest issued evaluation, read already by the page."""
    versions = sorted(submitted, key=lambda r: r.number)
    evaluations = sorted(
        issued, key=lambda e: (e.issued_at.timestamp() if e.issued_at else 0, e.pk)
    )
    known = {j.evaluation_id: j for j in latest_judgements}
    read = {
        evaluation_id: {j.standard.number: j.judgement for j in latest_judgements}
        for evaluation_id in known
    }
    others: list[EvaluationValues] = [
        {
            "pk": e.pk,
            "audit_return_id": e.audit_return_id,
            "status": e.status,
            "phase": e.phase,
            "issued_at": e.issued_at,
            "overall_serving": e.overall_serving,
            "overall_capacity": e.overall_capacity,
        }
        for e in evaluations
        if e.pk not in read
    ]
    if others:
        read.update({pk: dict(pairs) for pk, pairs in issued_judgements(others).items()})
    numbers = {r.pk: r.number for r in versions}
    return Trend(
        standards=standards,
        versions=[VersionRatings(r.number, r.submitted_at, counts.get(r.pk, {})) for r in versions],
        evaluations=[
            JudgementsAt(
                numbers.get(e.audit_return_id, 0), e.phase, e.issued_at, read.get(e.pk, {})
            )
            for e in evaluations
        ],
    )
