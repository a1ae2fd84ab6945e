"""SSI's national overview: where every council stands, in a fixed number of queries.

About 150 councils, each with returns, evaluations, 54 ratings per version and an action plan.
Everything is read in bulk or aggregated in the database (never a query per council), then put
together here in plain Python. Only submitted returns and issued evaluations contribute figures:
SSI sees that a council has a draft, never what is in it, and no one sees a draft evaluation's
judgements here.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.safestring import SafeString

from climbie_audit import charts
from climbie_audit.lateness import late_label
from climbie_audit.models import Council, CouncilRef
from evaluations.evaluation.judgements import (
    STANDARD_JUDGEMENT_LABELS,
    STAR_RATING_CEILING,
    Capacity,
    Serving,
    caps_star_rating,
    star_rating_consequence,
)
from evaluations.models import Evaluation
from reports.national.disagreements import Disagreement, ranked, standard_disagreements
from reports.national.figures import (
    EvaluationValues,
    ReturnValues,
    issued_judgements,
    overdue_by_council,
    submitted_rating_counts,
)
from standards.models import (
    RATING_LEVELS,
    AuditReturn,
    Framework,
    Standard,
)
from standards.self_audit.status import ReturnStatus, return_standing

# --- Where a council's return stands ---------------------------------------------------------


def version_label(latest: int | None, draft: int | None) -> str:
    if latest is None:
        return f"Version {draft} (draft)" if draft else ""
    if draft is not None:
        return f"Version {latest} (version {draft} in draft)"
    return f"Version {latest}"


# --- One row per council ----------------------------------------------------------------------


@dataclass
class CouncilRow:
    council: CouncilRef
    status: str
    latest_version: int | None
    draft_version: int | None
    submitted_at: datetime.datetime | None
    evaluation: EvaluationValues | None  # the latest issued evaluation, of any version
    latest_return_id: int | None = None
    return_due: datetime.date | None = None
    judged_version: int | None = None
    counts_by_standard: dict[int, dict[int, int]] = field(default_factory=dict)
    # {standard number: SSI's judgement} of the latest issued evaluation.
    judgements_by_standard: dict[int, str] = field(default_factory=dict)
    overdue: int = 0
    overdue_target: int = 0
    overdue_laming: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    # cells() by name, worked out once, for the table (a name is a quick lookup in a template).
    display: dict[str, str] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return ReturnStatus.LABELS[self.status]

    @property
    def status_colour(self) -> str:
        return ReturnStatus.COLOURS[self.status]

    @property
    def version(self) -> str:
        return version_label(self.latest_version, self.draft_version)

    @property
    def serving(self) -> str:
        return self.evaluation["overall_serving"] if self.evaluation else ""

    @property
    def capacity(self) -> str:
        return self.evaluation["overall_capacity"] if self.evaluation else ""

    @property
    def serving_label(self) -> str:
        return Serving(self.serving).label if self.serving else "Not yet evaluated"

    @property
    def capacity_label(self) -> str:
        return Capacity(self.capacity).label if self.capacity else "Not yet evaluated"

    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATING_LEVELS, 0))
    # The share of rated criteria rated 4; None with nothing rated. Sorting asks for it often.
    share_four: float | None = None

    def set_ratings(self, counts_by_standard: dict[int, dict[int, int]]) -> None:
        self.counts_by_standard = counts_by_standard
        total = dict.fromkeys(RATING_LEVELS, 0)
        for counts in counts_by_standard.values():
            for level, n in counts.items():
                total[level] += n
        self.counts = total
        rated = sum(self.counts.values())
        self.share_four = self.counts[4] / rated if rated else None

    @property
    def share_four_label(self) -> str:
        share = self.share_four
        return "" if share is None else f"{round(share * 100)}%"

    @property
    def submitted_label(self) -> str:
        """The date the latest version was submitted; a first return after the due date says
        by how much (climbie_audit.lateness, as on every page that shows a submission)."""
        if self.submitted_at is None:
            return ""
        shown = f"{timezone.localtime(self.submitted_at):%-d %b %Y}"
        late = late_label(self.submitted_at, self.return_due) if self.latest_version == 1 else ""
        return f"{shown} ({late})" if late else shown

    @property
    def judged_label(self) -> str:
        return f"Version {self.judged_version}" if self.judged_version else ""

    @property
    def star_rating_consequence(self) -> str:
        return star_rating_consequence(self.council.name, self.serving) if self.serving else ""

    @property
    def star_rating_label(self) -> str:
        """The star-rating consequence of the overall judgement, short enough for a table cell."""
        if not self.serving:
            return ""
        if caps_star_rating(self.serving):
            return f"No higher than “{STAR_RATING_CEILING}”"
        return "Not capped"

    def standard_cells(self, numbers: list[int]) -> list[tuple[str, str]]:
        """(self-rating, SSI judgement) per standard, for the councils × standards view."""
        cells = []
        for number in numbers:
            counts = self.counts_by_standard.get(number)
            rated = sum(counts.values()) if counts else 0
            upper = (counts.get(3, 0) + counts.get(4, 0)) if counts else 0
            ratings = f"{upper} of {rated} rated 3–4" if rated else ""
            judgement = STANDARD_JUDGEMENT_LABELS.get(
                self.judgements_by_standard.get(number, ""), ""
            )
            cells.append((ratings, judgement))
        return cells

    def cells(self) -> list[str]:
        """The row exactly as the table, the CSV and the spreadsheet show it."""
        return [
            self.council.name,
            self.council.code,
            self.council.region,
            self.status_label,
            self.version,
            self.submitted_label,
            self.judged_label,
            self.serving_label,
            self.capacity_label,
            self.star_rating_label,
            self.share_four_label,
            str(self.overdue),
        ]


CELL_NAMES = (
    "council",
    "code",
    "region",
    "status",
    "version",
    "submitted",
    "judged",
    "serving",
    "capacity",
    "star_rating",
    "share_four",
    "overdue",
)

COLUMNS = [
    "Council",
    "Code",
    "Region",
    "Status",
    "Version",
    "Submitted",
    "Version judged",
    "Serving children well?",
    "Capacity for improvement?",
    "Star rating",
    "Rated 4",
    "Actions overdue",
]


# --- Filters and sorting ----------------------------------------------------------------------

NOT_EVALUATED = "not_evaluated"


def judgement_choices() -> list[tuple[str, str | list[tuple[str, str]]]]:
    return [
        ("", "All judgements"),
        ("Serving children well?", [(f"serving:{v}", label) for v, label in Serving.choices]),
        (
            "Capacity for improvement?",
            [(f"capacity:{v}", label) for v, label in Capacity.choices],
        ),
        (NOT_EVALUATED, "Not yet evaluated"),
    ]


STATUS_CHOICES = [("", "All statuses")] + list(ReturnStatus.LABELS.items())

_SERVING_ORDER: dict[str, int] = {
    v: i for i, v in enumerate([Serving.NONE, Serving.SOME, Serving.MOST, Serving.ALL])
}
_STATUS_ORDER = {s: i for i, s in enumerate(ReturnStatus.LABELS)}


# A sort's label and its key: a tuple compared element by element.
SortKey = Callable[[CouncilRow], tuple[object, ...]]

SORTS: dict[str, tuple[str, SortKey]] = {
    "name": ("Council name", lambda r: (r.council.name,)),
    "region": ("Region", lambda r: (r.council.region, r.council.name)),
    "status": ("Status", lambda r: (_STATUS_ORDER[r.status], r.council.name)),
    "submitted": (
        "Submitted, earliest",
        lambda r: (r.submitted_at is None, r.submitted_at or 0, r.council.name),
    ),
    "-submitted": (
        "Submitted, latest",
        lambda r: (
            r.submitted_at is None,
            -(r.submitted_at.timestamp() if r.submitted_at else 0),
            r.council.name,
        ),
    ),
    "share_four": (
        "Rated 4, lowest",
        lambda r: (r.share_four is None, r.share_four or 0, r.council.name),
    ),
    "-share_four": (
        "Rated 4, highest",
        lambda r: (r.share_four is None, -(r.share_four or 0), r.council.name),
    ),
    "-overdue": ("Most actions overdue", lambda r: (-r.overdue, r.council.name)),
    "serving": (
        "Weakest judgement",
        lambda r: (not r.serving, _SERVING_ORDER.get(r.serving, 9), r.council.name),
    ),
}
SORT_CHOICES = [(key, label) for key, (label, _) in SORTS.items()]


def matches_judgement(row: CouncilRow, judgement: str) -> bool:
    if not judgement:
        return True
    if judgement == NOT_EVALUATED:
        return row.evaluation is None
    scale, _, value = judgement.partition(":")
    if scale == "serving":
        return row.serving == value
    if scale == "capacity":
        return row.capacity == value
    return True


# --- Building the overview --------------------------------------------------------------------


@dataclass
class Overview:
    framework: Framework
    standards: list[Standard]
    rows: list[CouncilRow]
    total_councils: int
    today: datetime.date

    # Each worked out once per page: the charts and the tables beside them show the same figures.
    @cached_property
    def disagreements(self) -> list[Disagreement]:
        return ranked(d for row in self.rows for d in row.disagreements)

    @cached_property
    def serving_distribution(self) -> list[tuple[str, int]]:
        counts = Counter(row.serving for row in self.rows)
        return [(label, counts.get(value, 0)) for value, label in Serving.choices] + [
            ("Not yet evaluated", counts.get("", 0))
        ]

    @cached_property
    def capacity_distribution(self) -> list[tuple[str, int]]:
        counts = Counter(row.capacity for row in self.rows)
        return [(label, counts.get(value, 0)) for value, label in Capacity.choices] + [
            ("Not yet evaluated", counts.get("", 0))
        ]

    @cached_property
    def ratings_by_standard(self) -> list[tuple[Standard, dict[int, int]]]:
        """Per standard, the ratings of every listed council's latest submitted version."""
        totals = {s.number: dict.fromkeys(RATING_LEVELS, 0) for s in self.standards}
        for row in self.rows:
            for number, counts in row.counts_by_standard.items():
                for level, n in counts.items():
                    totals[number][level] += n
        return [(s, totals[s.number]) for s in self.standards]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(row.status for row in self.rows)
        return [(label, counts.get(status, 0)) for status, label in ReturnStatus.LABELS.items()]

    @property
    def overdue_total(self) -> int:
        return sum(row.overdue for row in self.rows)

    def serving_chart(self) -> SafeString:
        return charts.bar_chart(
            "chart-serving",
            f"Serving children well? Latest issued judgements of {len(self.rows)} councils",
            [charts.Bar(label, count) for label, count in self.serving_distribution],
            width=400,
            label_width=150,
        )

    def capacity_chart(self) -> SafeString:
        return charts.bar_chart(
            "chart-capacity",
            f"Capacity for improvement? Latest issued judgements of {len(self.rows)} councils",
            [charts.Bar(label, count) for label, count in self.capacity_distribution],
            width=400,
            label_width=150,
        )

    def ratings_chart(self) -> SafeString:
        return charts.stacked_bar_chart(
            "chart-national-ratings",
            "Self-ratings by standard, latest submitted versions",
            [
                (f"Standard {s.number}", [counts[level] for level in RATING_LEVELS])
                for s, counts in self.ratings_by_standard
            ],
            charts.rating_series(),
        )


def matches_search(row: CouncilRow, search: str) -> bool:
    """Part of the council's name or its code, in any case."""
    wanted = search.strip().casefold()
    return not wanted or wanted in row.council.name.casefold() or wanted == row.council.code


def build_overview(
    framework: Framework,
    today: datetime.date,
    *,
    region: str = "",
    status: str = "",
    judgement: str = "",
    sort: str = "name",
    search: str = "",
    only: Collection[int] | None = None,
) -> Overview:
    """Every council's row with its figures as at `today` (the chosen date), filtered: `only`
    the councils with these ids (an inspector's own), `search` in name or code."""
    standards, rows = national_rows(framework, today)
    total = len(rows)
    if only is not None:
        rows = [row for row in rows if row.council.pk in only]
    if search:
        rows = [row for row in rows if matches_search(row, search)]
    if region:
        rows = [row for row in rows if row.council.region == region]
    if status:
        rows = [row for row in rows if row.status == status]
    rows = [row for row in rows if matches_judgement(row, judgement)]
    _, key = SORTS.get(sort, SORTS["name"])
    rows.sort(key=key)
    return Overview(framework, standards, rows, total, today)


def national_rows(
    framework: Framework, today: datetime.date
) -> tuple[list[Standard], list[CouncilRow]]:
    """(the framework's standards, every council's row by name), worked out from the database on
    every request in a fixed number of queries; only the figures of submitted returns and issued
    evaluations, which never change, come from the cache (by id)."""
    standards = list(framework.standards.order_by("number"))
    councils = CouncilRef.all_by_name()
    return standards, _council_rows(framework, today, standards, councils)


def _council_rows(
    framework: Framework,
    today: datetime.date,
    standards: list[Standard],
    councils: list[CouncilRef],
) -> list[CouncilRow]:
    """Every council's row: each kind of record read once for all councils."""
    returns_by_council: defaultdict[int, list[ReturnValues]] = defaultdict(list)
    return_info: dict[int, ReturnValues] = {}
    for r in AuditReturn.objects.filter(self_audit__framework=framework).values(
        "pk", "number", "status", "submitted_at", "self_audit__council_id"
    ):
        returns_by_council[r["self_audit__council_id"]].append(r)
        return_info[r["pk"]] = r

    evaluations_by_return: defaultdict[int, list[EvaluationValues]] = defaultdict(list)
    for e in (
        Evaluation.objects.filter(audit_return__self_audit__framework=framework)
        .values(
            "pk",
            "audit_return_id",
            "status",
            "phase",
            "issued_at",
            "overall_serving",
            "overall_capacity",
        )
        .order_by("issued_at", "pk")
    ):
        evaluations_by_return[e["audit_return_id"]].append(e)

    rows: list[CouncilRow] = []
    # {evaluation id: (the evaluation, the row of the council it is the latest issued of)}
    latest_issued: dict[int, tuple[EvaluationValues, CouncilRow]] = {}
    figure_returns: set[int] = set()
    for council in councils:
        returns = returns_by_council.get(council.pk, [])
        submitted = [r for r in returns if r["status"] == AuditReturn.Status.SUBMITTED]
        latest = max(submitted, key=lambda r: r["number"], default=None)
        latest_statuses = (
            [e["status"] for e in evaluations_by_return[latest["pk"]]] if latest else []
        )
        standing = return_standing([(r["number"], r["status"]) for r in returns], latest_statuses)
        code, latest_number, draft_number = standing.status, standing.latest, standing.draft
        issued = [
            e
            for r in submitted
            for e in evaluations_by_return[r["pk"]]
            if e["status"] == Evaluation.Status.ISSUED
        ]
        evaluation = max(issued, key=lambda e: (e["issued_at"], e["pk"]), default=None)
        row = CouncilRow(
            council=council,
            status=code,
            latest_version=latest_number,
            draft_version=draft_number,
            submitted_at=latest["submitted_at"] if latest else None,
            evaluation=evaluation,
            latest_return_id=latest["pk"] if latest else None,
            return_due=framework.return_due,
            judged_version=return_info[evaluation["audit_return_id"]]["number"]
            if evaluation
            else None,
        )
        if latest:
            figure_returns.add(latest["pk"])
        if evaluation:
            latest_issued[evaluation["pk"]] = (evaluation, row)
            figure_returns.add(evaluation["audit_return_id"])
        rows.append(row)

    counts = submitted_rating_counts([return_info[pk] for pk in figure_returns], standards)

    titles = {s.number: s.title for s in standards}
    judgements = issued_judgements([evaluation for evaluation, _ in latest_issued.values()])
    for evaluation_id, (evaluation, row) in latest_issued.items():
        evaluated = evaluation["audit_return_id"]
        row.judgements_by_standard = dict(judgements[evaluation_id])
        row.disagreements = standard_disagreements(
            row.council,
            return_info[evaluated]["number"],
            counts[evaluated],
            judgements[evaluation_id],
            titles,
        )

    overdue = overdue_by_council(framework, today)
    for row in rows:
        if row.latest_return_id:
            row.set_ratings(counts[row.latest_return_id])
        row.overdue, row.overdue_target, row.overdue_laming = overdue.get(row.council.pk, (0, 0, 0))
        row.display = dict(zip(CELL_NAMES, row.cells(), strict=True))
    return rows


def regions() -> list[str]:
    return list(Council.objects.order_by("region").values_list("region", flat=True).distinct())
