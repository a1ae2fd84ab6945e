"""The national picture as plain data: a pure function of the council count, the seed and the
framework's criteria (the same arguments always give the same picture). demo/national.py saves
it.

About 150 English councils had social services responsibilities in 2003. This builds that many
(the real ones first, invented ones beyond), each with returns in every status, evaluations
drafted and issued, action plans with their progress, on the 2003–04 timeline of the seeds
(returns due 30 April 2003, evaluations in the summer, plans endorsed by cabinet, revised
returns, progress reports in spring 2004). National councils have codes N001….
"""

import datetime
import random
from dataclasses import dataclass, field

from demo.national_lists import (
    EVIDENCE,
    FINDINGS,
    IMPROVEMENTS,
    INVENTED_STEMS,
    LEAD_OFFICERS,
    NOTES,
    REAL_COUNCILS,
    REGIONS,
    RESPONSES,
    SCENARIOS,
    K,
)
from demo.seed import DEMO_COUNCILS
from standards.action_plan.rules import title_from

CODE_PREFIX = "N"


UTC = datetime.UTC


def national_councils(count: int) -> list[tuple[str, str, str, str]]:
    """(name, code, region, kind) for `count` councils: real names first, then invented."""
    demo_names = {name for name, *_ in DEMO_COUNCILS}
    by_region = {
        region: [(n, r, k) for n, r, k in REAL_COUNCILS if r == region and n not in demo_names]
        for region in REGIONS
    }
    # Round the regions in turn, so that even a small picture spans the whole country.
    chosen = []
    while any(by_region.values()):
        for region in REGIONS:
            if by_region[region]:
                chosen.append(by_region[region].pop(0))
    suffix = 0
    while len(chosen) < count:
        for index, stem in enumerate(INVENTED_STEMS):
            name = stem if suffix == 0 else f"{stem} {suffix + 1}"
            chosen.append((name, REGIONS[(index + suffix) % len(REGIONS)], K.UNITARY))
        suffix += 1
    return [
        (name, f"{CODE_PREFIX}{number:03d}", region, kind)
        for number, (name, region, kind) in enumerate(chosen[:count], start=1)
    ]


# --- The picture: plain data, a pure function of its arguments -------------------------------


@dataclass
class CriterionInfo:
    code: str
    standard: int
    deadline: datetime.date | None


@dataclass
class ReturnPicture:
    number: int
    submitted_at: datetime.datetime | None  # None: a draft
    answers: dict[str, dict]


@dataclass
class EvaluationPicture:
    return_number: int
    phase: str
    issued: bool
    completed_on: datetime.date
    issued_at: datetime.datetime | None
    serving: str
    capacity: str
    follow_up: bool
    judgements: dict[int, str]
    findings: list[tuple[str, str, str, bool]]
    response: str = ""


@dataclass
class NotePicture:
    at: datetime.datetime
    by_director: bool
    text: str
    status_before: str = ""
    status_after: str = ""


@dataclass
class ActionPicture:
    code: str
    drafted_from: int
    updated_from: int
    source_rating: int
    title: str
    action: str
    lead_officer: str
    target_date: datetime.date | None
    status: str
    completed_on: datetime.date | None
    created_at: datetime.datetime
    notes: list[NotePicture] = field(default_factory=list)


@dataclass
class CouncilPicture:
    name: str
    code: str
    region: str
    kind: str
    scenario: str
    returns: list[ReturnPicture] = field(default_factory=list)
    evaluations: list[EvaluationPicture] = field(default_factory=list)
    endorsed_on: datetime.date | None = None
    last_reported_on: datetime.date | None = None
    actions: list[ActionPicture] = field(default_factory=list)


def _day(rng, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _moment(rng, start: datetime.date, end: datetime.date) -> datetime.datetime:
    day = _day(rng, start, end)
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=UTC
    )


def _rating(rng, quality: float) -> int:
    roll = rng.random()
    four = 0.12 + 0.55 * quality
    three = 0.33
    two = (1 - four - three) * 0.75
    if roll < four:
        return 4
    if roll < four + three:
        return 3
    if roll < four + three + two:
        return 2
    return 1


def _answer(rng, criterion: CriterionInfo, rating: int, return_due: datetime.date) -> dict:
    values = {
        "rating": rating,
        "evidence": rng.choice(EVIDENCE),
        "improvement": "",
        "lead_officer": "",
        "target_date": None,
    }
    if rating < 4:
        deadline = criterion.deadline or return_due
        # Most plans aim at Laming's deadline; some slip past it ("not on target", seed 000).
        slip = rng.choice([-30, -14, -7, 0, 0, 31, 61, 92]) if rng.random() < 0.9 else 0
        values |= {
            "improvement": rng.choice(IMPROVEMENTS),
            "lead_officer": rng.choice(LEAD_OFFICERS),
            "target_date": deadline + datetime.timedelta(days=slip),
        }
    return values


def _grade(score: float, scale: tuple[str, str, str, str]) -> str:
    # Roughly SSI's 2003 spread: a few councils serving all children well, most serving most,
    # a quarter some, very few none.
    if score > 0.8:
        return scale[0]
    if score > 0.4:
        return scale[1]
    if score > 0.18:
        return scale[2]
    return scale[3]


SERVING = ("all", "most", "some", "none")
CAPACITY = ("excellent", "promising", "uncertain", "poor")


def _evaluation(rng, quality, return_number, phase, issued, start, end) -> EvaluationPicture:
    scores = {number: quality + rng.uniform(-0.18, 0.18) for number in range(1, 8)}
    # Seed 000 judges standards 1–3 on the "serving" scale and 4–7 on "capacity".
    judgements = {
        number: _grade(score, SERVING if number <= 3 else CAPACITY)
        for number, score in scores.items()
    }
    # The overall judgements follow the standards, as an inspector's would.
    overall = sum(scores.values()) / len(scores)
    if not issued:
        # A draft: the inspector is part-way through.
        for number in range(rng.randint(2, 6), 8):
            judgements[number] = ""
    completed = _day(rng, start, end)
    findings = [
        (text, domain, "strength" if index % 2 == 0 else "development", index == 0)
        for index, (text, domain) in enumerate(rng.sample(FINDINGS, rng.randint(2, 4)))
    ]
    return EvaluationPicture(
        return_number=return_number,
        phase=phase,
        issued=issued,
        completed_on=completed,
        issued_at=(
            datetime.datetime(completed.year, completed.month, completed.day, 16, 0, tzinfo=UTC)
            if issued
            else None
        ),
        serving=_grade(overall + rng.uniform(-0.05, 0.05), SERVING),
        capacity=_grade(overall + rng.uniform(-0.1, 0.15), CAPACITY),
        follow_up=quality < 0.45,
        judgements=judgements,
        findings=findings,
        response=rng.choice(RESPONSES) if issued and rng.random() < 0.6 else "",
    )


def build_picture(
    count: int, seed: int, criteria: list[CriterionInfo], return_due: datetime.date
) -> list[CouncilPicture]:
    """The whole national picture, deterministic in (count, seed, criteria)."""
    scenarios = [name for name, weight in SCENARIOS for _ in range(weight)]
    pictures = []
    for name, code, region, kind in national_councils(count):
        # One generator per council: a council's picture does not depend on how many others.
        rng = random.Random(f"{seed}:{code}")
        scenario = rng.choice(scenarios)
        picture = CouncilPicture(name, code, region, kind, scenario)
        quality = rng.betavariate(2.4, 1.8)
        # Some councils rate themselves more kindly than SSI will (the disagreements list).
        optimism = 0.35 if rng.random() < 0.15 else (-0.3 if rng.random() < 0.08 else 0.0)
        self_view = min(max(quality + optimism, 0.0), 1.0)
        if scenario == "not_started":
            pictures.append(picture)
            continue
        first = {c.code: _answer(rng, c, _rating(rng, self_view), return_due) for c in criteria}
        if scenario == "draft":
            answered = rng.uniform(0.3, 0.9)
            first = {k: v for k, v in first.items() if rng.random() < answered}
            picture.returns.append(ReturnPicture(1, None, first))
            pictures.append(picture)
            continue
        submitted = _moment(rng, datetime.date(2003, 4, 14), datetime.date(2003, 5, 9))
        picture.returns.append(ReturnPicture(1, submitted, first))
        start = submitted.date() + datetime.timedelta(days=14)
        if scenario == "under_evaluation":
            picture.evaluations.append(
                _evaluation(rng, quality, 1, "a", False, start, datetime.date(2003, 7, 31))
            )
        elif scenario in ("evaluated", "revised", "revising"):
            picture.evaluations.append(
                _evaluation(rng, quality, 1, "a", True, start, datetime.date(2003, 7, 31))
            )
        latest = picture.returns[0]
        if scenario in ("revised", "revising"):
            second = {}
            for c in criteria:
                values = dict(first[c.code])
                if values["rating"] < 4 and rng.random() < 0.4:
                    values = _answer(rng, c, values["rating"] + 1, return_due) | {
                        "evidence": values["evidence"]
                    }
                    if values["rating"] < 4 and rng.random() < 0.5:
                        # The same intended improvement, with a later target date.
                        values["improvement"] = (
                            first[c.code]["improvement"] or values["improvement"]
                        )
                second[c.code] = values
            revised_at = (
                _moment(rng, datetime.date(2003, 10, 1), datetime.date(2004, 1, 31))
                if scenario == "revised"
                else None
            )
            picture.returns.append(ReturnPicture(2, revised_at, second))
            if scenario == "revised":
                latest = picture.returns[1]
                roll = rng.random()
                if roll < 0.75:
                    picture.evaluations.append(
                        _evaluation(
                            rng,
                            min(quality + 0.1, 1.0),
                            2,
                            "b",
                            roll < 0.5,
                            datetime.date(2004, 2, 2),
                            datetime.date(2004, 4, 30),
                        )
                    )
        _plan(rng, picture, latest, criteria)
        pictures.append(picture)
    return pictures


def _plan(rng, picture: CouncilPicture, latest: ReturnPicture, criteria) -> None:
    """The action plan as draft_actions_from leaves it, then a year of progress."""
    first = picture.returns[0]
    evaluated = any(e.issued for e in picture.evaluations)
    if evaluated and rng.random() < 0.85:
        picture.endorsed_on = _day(rng, datetime.date(2003, 7, 14), datetime.date(2003, 9, 30))
        if rng.random() < 0.6:
            picture.last_reported_on = _day(
                rng, datetime.date(2004, 1, 12), datetime.date(2004, 3, 31)
            )
    end = datetime.date(2004, 6, 30)
    for c in criteria:
        drafted = first.answers[c.code]
        if drafted["rating"] >= 4:
            continue
        current = latest.answers[c.code]
        source = current if current["rating"] < 4 else drafted
        created_at = first_submitted_at(picture) + datetime.timedelta(days=rng.randint(1, 20))
        roll = rng.random()
        status = "complete" if roll < 0.5 else ("in_progress" if roll < 0.82 else "not_started")
        action = ActionPicture(
            code=c.code,
            drafted_from=first.number,
            updated_from=latest.number,
            source_rating=current["rating"],
            title=title_from(source["improvement"]),
            action=source["improvement"],
            lead_officer=source["lead_officer"],
            target_date=source["target_date"],
            status=status,
            completed_on=None,
            created_at=created_at,
        )
        started = created_at.date() + datetime.timedelta(days=rng.randint(7, 60))
        if status == "not_started":
            if rng.random() < 0.4:
                action.notes.append(
                    NotePicture(_moment(rng, started, end), rng.random() < 0.3, rng.choice(NOTES))
                )
        else:
            moment = _moment(rng, started, started + datetime.timedelta(days=30))
            action.notes.append(
                NotePicture(moment, False, rng.choice(NOTES), "not_started", "in_progress")
            )
            for _ in range(rng.randint(0, 2)):
                moment = moment + datetime.timedelta(days=rng.randint(14, 90))
                if moment.date() > end:
                    break
                action.notes.append(NotePicture(moment, rng.random() < 0.3, rng.choice(NOTES)))
            if status == "complete":
                done = min(moment + datetime.timedelta(days=rng.randint(7, 120)), _end_of(end))
                action.completed_on = done.date()
                action.notes.append(
                    NotePicture(done, rng.random() < 0.5, "", "in_progress", "complete")
                )
        picture.actions.append(action)


def first_submitted_at(picture: CouncilPicture) -> datetime.datetime:
    """When the council first submitted: its first return is submitted whenever it has a plan."""
    submitted_at = picture.returns[0].submitted_at
    assert submitted_at is not None
    return submitted_at


def latest_submitted(picture: CouncilPicture) -> int:
    return max(r.number for r in picture.returns if r.submitted_at is not None)


def _end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)
