"""A plausible national picture for demos and benchmarks: `manage.py seed_national`.

About 150 English councils had social services responsibilities in 2003. This builds that many
(the real ones first, invented ones beyond), each with an officer and a director, SSI inspectors
assigned by region, returns in every status, evaluations drafted and issued, action plans with
their progress, on the 2003–04 timeline of the seeds (returns due 30 April 2003, evaluations in
the summer, plans endorsed by cabinet, revised returns, progress reports in spring 2004).

Two steps keep it deterministic and fast: `build_picture` is a pure function of the council
count, the seed and the framework's criteria (the same arguments always give the same picture),
and `write_picture` saves it with bulk_create — a few dozen queries, not one per row. Demo
councils and people from seed_demo are never touched: national councils have codes N001…,
and their people are new usernames.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from climbie_audit.cache_generations import NATIONAL_FIGURES
from climbie_audit.models import Council, InspectorAssignment, User
from demo.seed import DEMO_COUNCILS, DEMO_PASSWORD_HASH, slug
from standards.action_plan.rules import laming_deadlines, title_from

CODE_PREFIX = "N"

# English councils with social services responsibilities in 2003, by region (the demo's
# councils are left out below, as seed_demo creates them).
K = Council.Kind
REAL_COUNCILS = [
    # North East
    ("Darlington", "North East", K.UNITARY),
    ("Durham", "North East", K.COUNTY),
    ("Gateshead", "North East", K.METROPOLITAN),
    ("Hartlepool", "North East", K.UNITARY),
    ("Middlesbrough", "North East", K.UNITARY),
    ("Newcastle upon Tyne", "North East", K.METROPOLITAN),
    ("North Tyneside", "North East", K.METROPOLITAN),
    ("Northumberland", "North East", K.COUNTY),
    ("Redcar and Cleveland", "North East", K.UNITARY),
    ("South Tyneside", "North East", K.METROPOLITAN),
    ("Stockton-on-Tees", "North East", K.UNITARY),
    ("Sunderland", "North East", K.METROPOLITAN),
    # North West
    ("Blackburn with Darwen", "North West", K.UNITARY),
    ("Blackpool", "North West", K.UNITARY),
    ("Bolton", "North West", K.METROPOLITAN),
    ("Bury", "North West", K.METROPOLITAN),
    ("Cheshire", "North West", K.COUNTY),
    ("Cumbria", "North West", K.COUNTY),
    ("Halton", "North West", K.UNITARY),
    ("Knowsley", "North West", K.METROPOLITAN),
    ("Lancashire", "North West", K.COUNTY),
    ("Liverpool", "North West", K.METROPOLITAN),
    ("Manchester", "North West", K.METROPOLITAN),
    ("Oldham", "North West", K.METROPOLITAN),
    ("Rochdale", "North West", K.METROPOLITAN),
    ("Salford", "North West", K.METROPOLITAN),
    ("Sefton", "North West", K.METROPOLITAN),
    ("St Helens", "North West", K.METROPOLITAN),
    ("Stockport", "North West", K.METROPOLITAN),
    ("Tameside", "North West", K.METROPOLITAN),
    ("Trafford", "North West", K.METROPOLITAN),
    ("Warrington", "North West", K.UNITARY),
    ("Wigan", "North West", K.METROPOLITAN),
    ("Wirral", "North West", K.METROPOLITAN),
    # Yorkshire and the Humber
    ("Barnsley", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Bradford", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Calderdale", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Doncaster", "Yorkshire and the Humber", K.METROPOLITAN),
    ("East Riding of Yorkshire", "Yorkshire and the Humber", K.UNITARY),
    ("Kingston upon Hull", "Yorkshire and the Humber", K.UNITARY),
    ("Kirklees", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Leeds", "Yorkshire and the Humber", K.METROPOLITAN),
    ("North East Lincolnshire", "Yorkshire and the Humber", K.UNITARY),
    ("North Lincolnshire", "Yorkshire and the Humber", K.UNITARY),
    ("North Yorkshire", "Yorkshire and the Humber", K.COUNTY),
    ("Rotherham", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Sheffield", "Yorkshire and the Humber", K.METROPOLITAN),
    ("Wakefield", "Yorkshire and the Humber", K.METROPOLITAN),
    ("York", "Yorkshire and the Humber", K.UNITARY),
    # East Midlands
    ("Derby", "East Midlands", K.UNITARY),
    ("Derbyshire", "East Midlands", K.COUNTY),
    ("Leicester", "East Midlands", K.UNITARY),
    ("Leicestershire", "East Midlands", K.COUNTY),
    ("Lincolnshire", "East Midlands", K.COUNTY),
    ("Northamptonshire", "East Midlands", K.COUNTY),
    ("Nottingham", "East Midlands", K.UNITARY),
    ("Nottinghamshire", "East Midlands", K.COUNTY),
    ("Rutland", "East Midlands", K.UNITARY),
    # West Midlands
    ("Birmingham", "West Midlands", K.METROPOLITAN),
    ("Coventry", "West Midlands", K.METROPOLITAN),
    ("Dudley", "West Midlands", K.METROPOLITAN),
    ("Herefordshire", "West Midlands", K.UNITARY),
    ("Sandwell", "West Midlands", K.METROPOLITAN),
    ("Shropshire", "West Midlands", K.COUNTY),
    ("Solihull", "West Midlands", K.METROPOLITAN),
    ("Staffordshire", "West Midlands", K.COUNTY),
    ("Stoke-on-Trent", "West Midlands", K.UNITARY),
    ("Telford and Wrekin", "West Midlands", K.UNITARY),
    ("Walsall", "West Midlands", K.METROPOLITAN),
    ("Warwickshire", "West Midlands", K.COUNTY),
    ("Wolverhampton", "West Midlands", K.METROPOLITAN),
    ("Worcestershire", "West Midlands", K.COUNTY),
    # East of England
    ("Bedfordshire", "East of England", K.COUNTY),
    ("Cambridgeshire", "East of England", K.COUNTY),
    ("Essex", "East of England", K.COUNTY),
    ("Hertfordshire", "East of England", K.COUNTY),
    ("Luton", "East of England", K.UNITARY),
    ("Norfolk", "East of England", K.COUNTY),
    ("Peterborough", "East of England", K.UNITARY),
    ("Southend-on-Sea", "East of England", K.UNITARY),
    ("Suffolk", "East of England", K.COUNTY),
    ("Thurrock", "East of England", K.UNITARY),
    # London
    ("Barking and Dagenham", "London", K.LONDON),
    ("Barnet", "London", K.LONDON),
    ("Bexley", "London", K.LONDON),
    ("Brent", "London", K.LONDON),
    ("Bromley", "London", K.LONDON),
    ("Camden", "London", K.LONDON),
    ("City of London", "London", K.LONDON),
    ("Croydon", "London", K.LONDON),
    ("Ealing", "London", K.LONDON),
    ("Enfield", "London", K.LONDON),
    ("Greenwich", "London", K.LONDON),
    ("Hackney", "London", K.LONDON),
    ("Hammersmith and Fulham", "London", K.LONDON),
    ("Haringey", "London", K.LONDON),
    ("Harrow", "London", K.LONDON),
    ("Havering", "London", K.LONDON),
    ("Hillingdon", "London", K.LONDON),
    ("Hounslow", "London", K.LONDON),
    ("Islington", "London", K.LONDON),
    ("Kensington and Chelsea", "London", K.LONDON),
    ("Kingston upon Thames", "London", K.LONDON),
    ("Lambeth", "London", K.LONDON),
    ("Lewisham", "London", K.LONDON),
    ("Merton", "London", K.LONDON),
    ("Newham", "London", K.LONDON),
    ("Redbridge", "London", K.LONDON),
    ("Richmond upon Thames", "London", K.LONDON),
    ("Southwark", "London", K.LONDON),
    ("Sutton", "London", K.LONDON),
    ("Tower Hamlets", "London", K.LONDON),
    ("Waltham Forest", "London", K.LONDON),
    ("Wandsworth", "London", K.LONDON),
    ("Westminster", "London", K.LONDON),
    # South East
    ("Bracknell Forest", "South East", K.UNITARY),
    ("Brighton and Hove", "South East", K.UNITARY),
    ("Buckinghamshire", "South East", K.COUNTY),
    ("East Sussex", "South East", K.COUNTY),
    ("Hampshire", "South East", K.COUNTY),
    ("Isle of Wight", "South East", K.UNITARY),
    ("Kent", "South East", K.COUNTY),
    ("Medway", "South East", K.UNITARY),
    ("Milton Keynes", "South East", K.UNITARY),
    ("Oxfordshire", "South East", K.COUNTY),
    ("Portsmouth", "South East", K.UNITARY),
    ("Reading", "South East", K.UNITARY),
    ("Slough", "South East", K.UNITARY),
    ("Southampton", "South East", K.UNITARY),
    ("Surrey", "South East", K.COUNTY),
    ("West Berkshire", "South East", K.UNITARY),
    ("West Sussex", "South East", K.COUNTY),
    ("Windsor and Maidenhead", "South East", K.UNITARY),
    ("Wokingham", "South East", K.UNITARY),
    # South West
    ("Bath and North East Somerset", "South West", K.UNITARY),
    ("Bournemouth", "South West", K.UNITARY),
    ("Bristol", "South West", K.UNITARY),
    ("Cornwall", "South West", K.COUNTY),
    ("Devon", "South West", K.COUNTY),
    ("Dorset", "South West", K.COUNTY),
    ("Gloucestershire", "South West", K.COUNTY),
    ("Isles of Scilly", "South West", K.UNITARY),
    ("North Somerset", "South West", K.UNITARY),
    ("Plymouth", "South West", K.UNITARY),
    ("Poole", "South West", K.UNITARY),
    ("Somerset", "South West", K.COUNTY),
    ("South Gloucestershire", "South West", K.UNITARY),
    ("Swindon", "South West", K.UNITARY),
    ("Torbay", "South West", K.UNITARY),
    ("Wiltshire", "South West", K.COUNTY),
]

REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]

# Invented councils, for counts beyond the real ones left after the demo's.
INVENTED_STEMS = [
    "Ashcombe", "Brackenford", "Castlemere", "Dunholme", "Eastwick", "Fenbridge", "Greyhaven",
    "Holmbury", "Ingleford", "Kettleby", "Lindenshire", "Marlow Vale", "Northmoor", "Oakhampton",
    "Pennington", "Queensford", "Redmarsh", "Stourbridge Vale", "Thornbury", "Upton Wold",
    "Westmere", "Yarrowdale",
]  # fmt: skip

INSPECTOR_NAMES = [
    ("Margaret", "Ashworth"), ("David", "Bell"), ("Sandra", "Clarke"), ("Peter", "Dawson"),
    ("Janet", "Ellis"), ("Michael", "Finch"), ("Ruth", "Gordon"), ("Andrew", "Hale"),
    ("Patricia", "Irving"), ("Stephen", "Jarvis"), ("Carol", "Kaur"), ("Brian", "Lowe"),
    ("Susan", "Mensah"), ("Graham", "Nolan"), ("Linda", "Osei"), ("Keith", "Price"),
    ("Anne", "Quinn"), ("Martin", "Rowe"), ("Gillian", "Singh"), ("Trevor", "Turner"),
    ("Elaine", "Upton"), ("Colin", "Vaughan"), ("Pauline", "Walsh"), ("Derek", "Young"),
]  # fmt: skip

EVIDENCE = [
    "Procedures revised and endorsed by the ACPC; file audit of 40 cases completed.",
    "Monthly performance report to the Assistant Director; supervision records sampled.",
    "Practice guidance issued to all teams; compliance not yet monitored systematically.",
    "Arrangements in place in the reception teams; out-of-hours service under review.",
    "Senior managers audit a random sample of case files each quarter.",
    "Joint protocol with health and police agreed; first multi-agency audit due.",
    "Training records show all child protection staff completed in-house training.",
]
IMPROVEMENTS = [
    "Extend the file audit to all area teams and report the results quarterly.",
    "Introduce case-tracking alerts in the client information system.",
    "Issue revised guidance and train all team managers in its use.",
    "Agree a joint protocol with health and police partners through the ACPC.",
    "Develop a recruitment and retention strategy for children's social workers.",
    "Set up a senior management audit of case files selected at random.",
    "Record the purpose and outcome of every visit on the child's file.",
    "Agree a regional protocol for children moving between councils.",
]
LEAD_OFFICERS = [
    "Head of Children's Services",
    "Service Manager, Referral and Assessment",
    "Assistant Director (Children and Families)",
    "ACPC Policy and Training Officer",
    "Quality Assurance Manager",
]
NOTES = [
    "Draft procedure circulated to team managers for comment.",
    "Case file audit of 40 cases completed; results reported to the Assistant Director.",
    "Training delivered to two of the three area teams; the third is booked.",
    "Protocol agreed at the ACPC procedures and standards committee.",
    "Monitoring report now goes monthly to senior managers.",
    "Vacancies in the reception team have delayed this; two temporary workers in post.",
    "Joint meeting held with police and health; actions agreed and minuted.",
    "New recording format in use in all teams since the start of the month.",
]
FINDINGS = [
    ("Clear lines of accountability from front-line staff to the Director.", "effectiveness"),
    ("Procedures for referral and initial response are up to date.", "quality"),
    ("Not all children have a chronology on their case file.", "effectiveness"),
    ("Vacancy levels in the assessment teams are high.", "cost"),
    ("Interpreters are available locally in most situations.", "fair_access"),
    ("Children's services priorities are explicit in corporate plans.", "national"),
]
RESPONSES = [
    "The council welcomes the evaluation and has built its findings into the action plan.",
    "The council accepts the findings and will report progress to cabinet in six months.",
]
JUDGEMENT_TEXTS = {
    "good": "Evidence supports the council's self audit. Arrangements are in place and monitored.",
    "mixed": "Arrangements are in place but not consistently practised across teams.",
    "poor": "The evaluation does not agree with the council's self audit: practice is not yet "
    "consistent and monitoring is limited.",
}

# (scenario, weight): where each council's return stands.
SCENARIOS = [
    ("not_started", 5),
    ("draft", 10),
    ("submitted", 12),
    ("under_evaluation", 10),
    ("evaluated", 28),
    ("revised", 20),
    ("revising", 15),
]

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
        created_at = first.submitted_at + datetime.timedelta(days=rng.randint(1, 20))
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


def latest_submitted(picture: CouncilPicture) -> int:
    return max(r.number for r in picture.returns if r.submitted_at is not None)


def _end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)


# --- Writing it ---------------------------------------------------------------------------------


class NationalDataExists(Exception):
    pass


def existing_national_councils():
    return Council.objects.filter(code__regex=rf"^{CODE_PREFIX}[0-9]{{3}}$")


def framework_criteria(framework) -> list[CriterionInfo]:
    from standards.models import Criterion

    deadlines = laming_deadlines(framework)
    return [
        CriterionInfo(c.code, c.standard.number, deadlines[c.pk])
        for c in Criterion.objects.filter(standard__framework=framework)
        .select_related("standard")
        .order_by("standard__number", "number")
    ]


@transaction.atomic
def write_picture(pictures: list[CouncilPicture], framework) -> dict[str, int]:
    """Save the picture in bulk. Refuses (NationalDataExists) if any of it is there already."""
    from evaluations.models import CouncilResponse, Evaluation, Finding, StandardJudgement
    from standards.models import (
        ActionPlan,
        Answer,
        AuditReturn,
        Criterion,
        ImprovementAction,
        ProgressNote,
        SelfAudit,
    )

    codes = [p.code for p in pictures]
    usernames = [f"{role}.{slug(p.name)}" for p in pictures for role in ("officer", "director")]
    inspector_usernames = [f"inspector.{last.lower()}" for _, last in INSPECTOR_NAMES]
    clash = Council.objects.filter(code__in=codes).exists() or (
        User.objects.filter(username__in=usernames + inspector_usernames).exists()
    )
    if clash:
        raise NationalDataExists("National data (or people with its usernames) already exists.")

    password = DEMO_PASSWORD_HASH  # precomputed: hashing 300 times would take minutes
    councils = Council.objects.bulk_create(
        Council(name=p.name, code=p.code, region=p.region, kind=p.kind) for p in pictures
    )
    by_code = {c.code: c for c in councils}
    people = User.objects.bulk_create(
        User(
            username=f"{role}.{slug(p.name)}",
            password=password,
            role=role,
            council=by_code[p.code],
            first_name=first,
            last_name=f"{last} ({p.name})",
            job_title=title,
            email=f"{role}.{slug(p.name)}@example.gov.uk",
        )
        for p in pictures
        for role, first, last, title in (
            ("officer", "Olivia", "Officer", "Service manager, children's services"),
            ("director", "Dominic", "Director", "Director of Social Services"),
        )
    )
    officers = {u.council.code: u for u in people if u.role == "officer"}
    directors = {u.council.code: u for u in people if u.role == "director"}

    # Inspectors by region, each with a handful of councils (the business link inspector).
    inspectors, assignments, inspector_of = [], [], {}
    names = iter(INSPECTOR_NAMES)
    for region in REGIONS:
        in_region = [p for p in pictures if p.region == region]
        for start in range(0, len(in_region), 8):
            first, last = next(names, ("Sam", f"Inspector {len(inspectors) + 1}"))
            inspector = User(
                username=f"inspector.{last.lower().replace(' ', '-')}",
                password=password,
                role=User.Role.INSPECTOR,
                first_name=first,
                last_name=last,
                job_title=f"SSI inspector, {region}",
                email=f"{first.lower()}.{last.lower().replace(' ', '-')}@ssi.example.gov.uk",
            )
            inspectors.append(inspector)
            for p in in_region[start : start + 8]:
                inspector_of[p.code] = inspector
    User.objects.bulk_create(inspectors)
    assignments = [
        InspectorAssignment(inspector=inspector, council=by_code[code])
        for code, inspector in inspector_of.items()
    ]
    InspectorAssignment.objects.bulk_create(assignments)

    criteria = {
        c.code: c
        for c in Criterion.objects.filter(standard__framework=framework).select_related("standard")
    }
    standards = {s.number: s for s in framework.standards.all()}
    audits = {
        a.council.code: a
        for a in SelfAudit.objects.bulk_create(
            SelfAudit(council=by_code[p.code], framework=framework) for p in pictures if p.returns
        )
    }

    def make_return(p, r, based_on=None):
        submitted = r.submitted_at is not None
        return AuditReturn(
            self_audit=audits[p.code],
            number=r.number,
            status="submitted" if submitted else "draft",
            based_on=based_on,
            started_by=officers[p.code],
            reference=(f"{p.code}-{framework.code}-v{r.number}".upper() if submitted else ""),
            submitted_at=r.submitted_at,
            submitted_by=directors[p.code] if submitted else None,
        )

    firsts = AuditReturn.objects.bulk_create(
        make_return(p, p.returns[0]) for p in pictures if p.returns
    )
    returns = {(r.self_audit.council.code, 1): r for r in firsts}
    seconds = AuditReturn.objects.bulk_create(
        make_return(p, p.returns[1], returns[(p.code, 1)]) for p in pictures if len(p.returns) > 1
    )
    returns |= {(r.self_audit.council.code, 2): r for r in seconds}

    answers = []
    for p in pictures:
        for r in p.returns:
            for code, criterion in criteria.items():
                values = r.answers.get(code)
                answers.append(
                    Answer(
                        audit_return=returns[(p.code, r.number)],
                        criterion=criterion,
                        revision=1 if values else 0,
                        updated_by=officers[p.code] if values else None,
                        **(values or {}),
                    )
                )
    Answer.objects.bulk_create(answers, batch_size=2000)

    # Evaluations start as drafts so their judgements and findings can be added (an issued
    # evaluation refuses additions), then the issued ones are issued in one update.
    evaluation_rows = []
    for p in pictures:
        for e in p.evaluations:
            evaluation_rows.append(
                (
                    p,
                    e,
                    Evaluation(
                        audit_return=returns[(p.code, e.return_number)],
                        phase=e.phase,
                        inspector=inspector_of[p.code],
                        completed_on=e.completed_on,
                        issued_at=e.issued_at,
                        issued_by=inspector_of[p.code] if e.issued else None,
                        overall_serving=e.serving,
                        overall_capacity=e.capacity,
                        overall_serving_text=JUDGEMENT_TEXTS[
                            "good" if e.serving in ("all", "most") else "poor"
                        ],
                        overall_capacity_text=JUDGEMENT_TEXTS["mixed"],
                        follow_up_visit=e.follow_up,
                        updated_by=inspector_of[p.code],
                    ),
                )
            )
    Evaluation.objects.bulk_create(row for _, _, row in evaluation_rows)
    StandardJudgement.objects.bulk_create(
        StandardJudgement(
            evaluation=row,
            standard=standards[number],
            judgement=judgement,
            text=(
                JUDGEMENT_TEXTS[
                    "good" if judgement in ("all", "most", "excellent", "promising") else "poor"
                ]
                if judgement
                else ""
            ),
        )
        for _, e, row in evaluation_rows
        for number, judgement in sorted(e.judgements.items())
    )
    Finding.objects.bulk_create(
        Finding(
            evaluation=row,
            position=position,
            description=text,
            paf_domain=domain,
            kind=kind,
            highlight=highlight,
        )
        for _, e, row in evaluation_rows
        for position, (text, domain, kind, highlight) in enumerate(e.findings, start=1)
    )
    issued = [row.pk for _, e, row in evaluation_rows if e.issued]
    Evaluation.objects.filter(pk__in=issued).update(status=Evaluation.Status.ISSUED)
    CouncilResponse.objects.bulk_create(
        CouncilResponse(
            evaluation=row,
            text=e.response,
            recorded_by=directors[p.code],
            recorded_at=e.issued_at + datetime.timedelta(days=21),
        )
        for p, e, row in evaluation_rows
        if e.issued and e.response
    )

    with_plans = [p for p in pictures if p.actions or p.endorsed_on]
    plans = {
        plan.self_audit.council.code: plan
        for plan in ActionPlan.objects.bulk_create(
            ActionPlan(
                self_audit=audits[p.code],
                drafted_from=returns[(p.code, latest_submitted(p))],
                endorsed_on=p.endorsed_on,
                last_reported_on=p.last_reported_on,
                created_at=p.returns[0].submitted_at,
            )
            for p in with_plans
        )
    }
    action_rows = [
        (
            p,
            a,
            ImprovementAction(
                plan=plans[p.code],
                criterion=criteria[a.code],
                source=ImprovementAction.Source.RETURN,
                drafted_from=returns[(p.code, a.drafted_from)],
                updated_from=returns[(p.code, a.updated_from)],
                source_rating=a.source_rating,
                title=a.title,
                action=a.action,
                lead_officer=a.lead_officer,
                target_date=a.target_date,
                status=a.status,
                completed_on=a.completed_on,
                created_at=a.created_at,
                revision=len(a.notes),
                updated_by=officers[p.code],
            ),
        )
        for p in with_plans
        for a in p.actions
    ]
    ImprovementAction.objects.bulk_create((row for _, _, row in action_rows), batch_size=2000)
    notes = [
        ProgressNote(
            action=row,
            author=directors[p.code] if n.by_director else officers[p.code],
            recorded_at=n.at,
            text=n.text,
            status_before=n.status_before,
            status_after=n.status_after,
        )
        for p, a, row in action_rows
        for n in a.notes
    ]
    ProgressNote.objects.bulk_create(notes, batch_size=2000)
    NATIONAL_FIGURES.bump()  # bulk writes send no signals
    return {
        "councils": len(councils),
        "people": len(people) + len(inspectors),
        "returns": len(firsts) + len(seconds),
        "answers": len(answers),
        "evaluations": len(evaluation_rows),
        "actions": len(action_rows),
        "progress notes": len(notes),
    }


def seed_national(count: int, seed: int) -> dict[str, int]:
    from standards.models import Framework

    framework = Framework.objects.current()
    if framework is None:
        from standards.framework.data import load_all_frameworks

        framework = load_all_frameworks()[0]
    pictures = build_picture(count, seed, framework_criteria(framework), framework.return_due)
    return write_picture(pictures, framework)
