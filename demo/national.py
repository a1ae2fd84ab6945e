"""A plausible national picture for demos and benchmarks: `manage.py seed_national`.

Two steps keep it deterministic and fast: `build_picture` (demo/national_picture.py) is a pure
function of the council count, the seed and the framework's criteria, and `write_picture` here
saves it with bulk_create — a few dozen queries, not one per row — with an officer and a
director for each council and SSI inspectors assigned by region. Demo councils and people from
seed_demo are never touched: national councils have codes N001…, and their people are new
usernames.
"""

import datetime

from django.db import transaction

from climbie_audit.models import Council, InspectorAssignment, User
from demo.clock import moment, story_time
from demo.national_lists import INSPECTOR_NAMES, JUDGEMENT_TEXTS, REGIONS
from demo.national_picture import (
    CODE_PREFIX,
    CouncilPicture,
    CriterionInfo,
    build_picture,
    first_submitted_at,
    latest_submitted,
)
from demo.seed import DEMO_PASSWORD_HASH, slug
from standards.action_plan.rules import laming_deadlines

NATIONAL_WRITTEN_AT = moment(2003, 4, 13, 18)


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
    officers = {u.council.code: u for u in people if u.council and u.role == "officer"}
    directors = {u.council.code: u for u in people if u.council and u.role == "director"}

    # Inspectors by region, each with a handful of councils (the business link inspector).
    inspectors: list[User] = []
    inspector_of: dict[str, User] = {}
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
        if e.issued and e.response and e.issued_at is not None  # (set if and only if issued)
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
                created_at=first_submitted_at(p),
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
    # The picture carries its own 2003-2004 dates (submissions, issues, progress); whatever would
    # be stamped "now" as it is written (people joining, records created) is dated the eve of
    # the first submissions instead, so nothing seeded is dated the day it ran.
    with story_time(NATIONAL_WRITTEN_AT):
        return write_picture(pictures, framework)
