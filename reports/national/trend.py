"""The national picture over time: at the end of each quarter in which a return was submitted or
an evaluation issued (and at the overview's as-at date), the self-ratings per standard of each
listed council's latest version submitted by then, and SSI's judgements in the latest evaluation
issued by then. Worked out from the rows the overview has already read: no query of its own."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString

from climbie_audit import charts
from reports.national.disagreements import FAVOURABLE, HIGH_RATINGS, UNFAVOURABLE
from reports.national.rules import CouncilRow
from standards.models import RATING_LEVELS, Standard


def quarter_end(day: datetime.date) -> datetime.date:
    """The last day of the quarter (January-March, ...) that `day` falls in."""
    month = ((day.month - 1) // 3 + 1) * 3
    following = datetime.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@dataclass
class StandardAt:
    counts: dict[int, int]
    favourable: int
    unfavourable: int

    @property
    def cell(self) -> str:
        rated = sum(self.counts.values())
        upper = sum(self.counts[level] for level in HIGH_RATINGS)
        ratings = f"{round(upper * 100 / rated)}% rated 3–4" if rated else "Not rated"
        judged = self.favourable + self.unfavourable
        ssi = f"SSI: {self.favourable} of {judged} favourable" if judged else "SSI: not judged"
        return f"{ratings}; {ssi}"


@dataclass
class PointInTime:
    on: datetime.date
    councils_submitted: int
    standards: dict[int, StandardAt]

    @property
    def all_counts(self) -> list[int]:
        return [sum(s.counts[level] for s in self.standards.values()) for level in RATING_LEVELS]


@dataclass
class NationalTrend:
    standards: list[Standard]
    points: list[PointInTime]

    def rows(self) -> list[tuple[PointInTime, list[str]]]:
        return [(p, [p.standards[s.number].cell for s in self.standards]) for p in self.points]

    def chart(self) -> SafeString:
        return charts.stacked_bar_chart(
            "chart-national-trend",
            "Self-ratings of the councils shown, at the end of each quarter",
            [(f"{p.on:%b %Y}", p.all_counts) for p in self.points],
            charts.rating_series(),
        )


def _latest_by(history: Iterable[tuple[datetime.datetime, object]], on: datetime.date) -> object:
    dated = [(moment, value) for moment, value in history if timezone.localdate(moment) <= on]
    return max(dated, key=lambda pair: pair[0])[1] if dated else None


def national_trend(
    rows: list[CouncilRow], standards: list[Standard], as_at: datetime.date
) -> NationalTrend:
    moments = [m for row in rows for m, _ in [*row.version_history, *row.judgement_history]]
    days = sorted({quarter_end(timezone.localdate(m)) for m in moments} | {as_at})
    points = []
    for on in (day for day in days if day <= as_at):
        at = {s.number: StandardAt(dict.fromkeys(RATING_LEVELS, 0), 0, 0) for s in standards}
        submitted = 0
        for row in rows:
            counts = _latest_by(row.version_history, on)
            if isinstance(counts, dict):
                submitted += 1
                for number, levels in counts.items():
                    for level, n in levels.items():
                        at[number].counts[level] += n
            judged = _latest_by(row.judgement_history, on)
            if isinstance(judged, dict):
                for number, judgement in judged.items():
                    if number in at and judgement in FAVOURABLE:
                        at[number].favourable += 1
                    elif number in at and judgement in UNFAVOURABLE:
                        at[number].unfavourable += 1
        points.append(PointInTime(on, submitted, at))
    return NationalTrend(standards, points)
