"""Demo councils and people, so a fresh `make run` has someone to sign in as."""

import datetime
from typing import Any

from django.db import transaction

from climbie_audit.models import Council, InspectorAssignment, User
from demo.clock import moment, story_time

DEMO_PASSWORD = "climbie-demo-2003"
# DEMO_PASSWORD hashed once with Argon2id at OWASP's parameters (climbie_audit/accounts/hashers.py),
# kept here: every demo person shares it, and seeding costs no hashing at all (tests/demo checks
# it still matches DEMO_PASSWORD).
DEMO_PASSWORD_HASH = (
    "argon2$argon2id$v=19$m=19456,t=2,p=1$MkhBTmtHenBNNUdUMGs4azNDOFhERQ"
    "$5Zk/OjPl8syvJrRjknr+N7MgG3Eie+zQo5eipDvk1ek"
)

# Real English councils with social services responsibilities in 2003. Leicester's code is the
# one on its SSI evaluation (seed 000); the others are this service's own numbering.
DEMO_COUNCILS = [
    ("Leicester", "509", "East Midlands", Council.Kind.UNITARY),
    ("Derby", "510", "East Midlands", Council.Kind.UNITARY),
    ("Bath and North East Somerset", "610", "South West", Council.Kind.UNITARY),
    ("Nottinghamshire", "511", "East Midlands", Council.Kind.COUNTY),
    ("Leicestershire", "512", "East Midlands", Council.Kind.COUNTY),
    ("Birmingham", "402", "West Midlands", Council.Kind.METROPOLITAN),
    ("Coventry", "403", "West Midlands", Council.Kind.METROPOLITAN),
    ("Manchester", "305", "North West", Council.Kind.METROPOLITAN),
    ("Liverpool", "306", "North West", Council.Kind.METROPOLITAN),
    ("Leeds", "207", "Yorkshire and the Humber", Council.Kind.METROPOLITAN),
    ("Sheffield", "208", "Yorkshire and the Humber", Council.Kind.METROPOLITAN),
    ("Newcastle upon Tyne", "101", "North East", Council.Kind.METROPOLITAN),
    ("Haringey", "715", "London", Council.Kind.LONDON),
    ("Brent", "716", "London", Council.Kind.LONDON),
    ("Ealing", "717", "London", Council.Kind.LONDON),
    ("Kent", "886", "South East", Council.Kind.COUNTY),
    ("Hampshire", "887", "South East", Council.Kind.COUNTY),
    ("Bristol", "611", "South West", Council.Kind.UNITARY),
    ("Norfolk", "820", "East of England", Council.Kind.COUNTY),
]

# (username, first, last, councils assigned)
DEMO_INSPECTORS = [
    ("inspector.fryer", "Roy", "Fryer", ["509", "510", "511", "512", "402", "403"]),
    ("inspector.shaw", "Helen", "Shaw", ["610", "611", "715", "716", "717", "886"]),
]


def slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-").replace("--", "-")


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create demo councils and people (idempotent). Returns (username, role, council) rows.
    They join in February 2003, when the framework was published."""
    with story_time(moment(2003, 2, 10)):
        return _seed_people()


def _seed_people() -> list[tuple[str, str, str]]:
    # One precomputed hash for every demo account: hashing is deliberately slow.
    password_hash = DEMO_PASSWORD_HASH
    sign_ins = []
    councils = {}
    for name, code, region, kind in DEMO_COUNCILS:
        councils[code], _ = Council.objects.update_or_create(
            code=code, defaults={"name": name, "region": region, "kind": kind}
        )
    for council in councils.values():
        for role, first, last, title in (
            (User.Role.OFFICER, "Olivia", "Officer", "Service manager, children's services"),
            (User.Role.DIRECTOR, "Dominic", "Director", "Director of Social Services"),
        ):
            username = f"{role}.{slug(council.name)}"
            _person(username, role, first, last, password_hash, council=council, job_title=title)
            sign_ins.append((username, User.Role(role).label, council.name))
    for username, first, last, codes in DEMO_INSPECTORS:
        inspector = _person(
            username, User.Role.INSPECTOR, first, last, password_hash, job_title="SSI inspector"
        )
        for code in codes:
            InspectorAssignment.objects.get_or_create(inspector=inspector, council=councils[code])
        sign_ins.append((username, User.Role.INSPECTOR.label, f"assigned to {len(codes)} councils"))
    admin = _person("admin", User.Role.ADMINISTRATOR, "Ada", "Administrator", password_hash)
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    sign_ins.append(("admin", User.Role.ADMINISTRATOR.label, "Django admin"))
    return sign_ins


def _person(username, role, first, last, password_hash, council=None, job_title=""):
    person, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "council": council,
            "job_title": job_title,
            "email": f"{username}@example.gov.uk",
            "password": password_hash,
        },
    )
    return person


# --- Demo self-audits ------------------------------------------------------------------------

DEMO_EVIDENCE = (
    "Procedures revised and endorsed by the ACPC; file audit of 40 cases in March 2003.",
    "Monthly monitoring report to the Assistant Director; supervision records sampled.",
    "Practice guidance issued; compliance not yet monitored systematically.",
    "Arrangements in place in the intake teams; out-of-hours service to be reviewed.",
)
DEMO_IMPROVEMENTS = (
    "Extend the file audit to all area teams and report results quarterly.",
    "Introduce case-tracking alerts in the new client information system.",
    "Issue revised guidance and train all team managers.",
    "Agree a joint protocol with health and police partners.",
)


def demo_values(criterion, council_code: str, complete: bool = True) -> dict:
    """Plausible, deterministic answers: mostly 3s and 4s, some 2s, the odd 1."""
    seed = sum(ord(ch) for ch in council_code + criterion.code)
    rating = (4, 3, 3, 4, 2, 3, 4, 1, 3, 4, 2)[seed % 11]
    if not complete and seed % 3 == 0:
        return {}
    values = {
        "rating": rating,
        "evidence": DEMO_EVIDENCE[seed % len(DEMO_EVIDENCE)],
        "improvement": "",
        "lead_officer": "",
        "target_date": None,
    }
    if rating < 4:
        deadline = criterion.laming_deadline or criterion.standard.framework.return_due
        slip = datetime.timedelta(days=60) if seed % 5 == 0 else datetime.timedelta(days=-14)
        values |= {
            "improvement": DEMO_IMPROVEMENTS[seed % len(DEMO_IMPROVEMENTS)],
            "lead_officer": (
                "Head of Children's Services",
                "Service Manager, Referral and Assessment",
            )[seed % 2],
            "target_date": deadline + slip,
        }
    return values


def seed_demo_audits() -> None:
    """Leicester has submitted version 1 (as in seed 000); Derby is part-way through a draft."""
    from standards.models import Framework
    from standards.self_audit.rules import open_draft, save_answers, self_audit_for, submit

    framework = Framework.objects.current()
    if framework is None:
        return
    # (council, complete?, started, rated, submitted by the 30 April 2003 deadline)
    story = (
        ("509", True, moment(2003, 3, 3), moment(2003, 4, 14), moment(2003, 4, 29, 15, 30)),
        ("510", False, moment(2003, 3, 5), moment(2003, 4, 10), None),
    )
    for code, complete, started, rated, submitted in story:
        council = Council.objects.get(code=code)
        with story_time(started):
            audit = self_audit_for(council, framework)
        if audit.returns.exists():
            continue  # idempotent: never touch a council's real work
        officer = User.objects.get(role=User.Role.OFFICER, council=council)
        with story_time(started):
            draft = open_draft(audit, officer)
        assert draft is not None  # no returns yet, so open_draft starts version 1
        answers = draft.answers.with_criteria()
        changes = {}
        for answer in answers:
            values = demo_values(answer.criterion, code, complete)
            if values:
                changes[answer.criterion_id] = (answer.revision, values)
        with story_time(rated):
            save_answers(draft, officer, changes, reason="Demo data")
        if complete and submitted:
            director = User.objects.get(role=User.Role.DIRECTOR, council=council)
            with story_time(submitted):
                submit(draft, director, notify=False)


# =============================================================================================
# Cabinet reports (issue 6): what a director needs to build each kind of report from the demo.
# Leicester: SSI's evaluation of its return, issued, with seed 000's content and the council's
# comments of seed 002 §3.7; its statement of roles from the template (seed 002, Appendix 1); the
# Ofsted inspection of August 2009 (seed 003). Derby: its return submitted, an action plan with
# progress, and a revised return in progress. Idempotent, like everything above.
# =============================================================================================

LEICESTER_RESPONSE = (
    "Although the full implementation of our Carefirst computer system will provide ease of "
    "retrieving management information, manual systems for tracking are already in place.\n\n"
    "Recruitment issues are common to most Councils and should not therefore be overstated for "
    "Leicester City. The Authority is taking proactive steps to manage staffing pressures and "
    "our awareness of the crucial impact of these issues should be seen as a strength.\n\n"
    "In retrospect the self-audit was too self-critical in its judgement that increased "
    "monitoring was required before the Council could fully evidence its sound performance.\n\n"
    "Areas for improvement are relatively minor improvements to an existing sound system. The "
    "action plan has been agreed, and the revisions required to the ACPC procedures manual "
    "have already been completed and agreed at the June ACPC."
)

# Seed 003: Leicester's report to Scrutiny and Cabinet, December 2009.
SEED_003: dict[str, Any] = {
    "inspectorate": "Ofsted",
    "inspection_type": "Unannounced Safeguarding Inspection",
    "services_inspected": "'Duty and Assessment' Services in Social Care and Safeguarding Division",
    "started_on": datetime.date(2009, 8, 11),
    "ended_on": datetime.date(2009, 8, 12),
    "about": (
        "This inspection was the first annual unannounced inspection completed by Ofsted in "
        "Leicester. These inspections are being undertaken across the country as a response to "
        "the Case of Baby 'P' and the subsequent findings of the Ofsted Inspection of Haringey "
        "Council in London in 2008. The Inspections are designed to determine whether a "
        "Council's initial response to issues of risk to children are adequate and that the "
        "Council delivers a safe service in accordance with national guidance.\n\n"
        "The Outcome of the Inspection significantly contributes to Ofsted's annual review of "
        "the performance of the Authority's Children's Services, a rating which will be awarded "
        "later in the year.\n\n"
        "The inspection was rigorous and robust, and involved sampling the quality and "
        "effectiveness of contact, referral and assessment arrangements and their impact on "
        "minimising the incidence of child abuse and neglect. Inspectors considered a range of "
        "evidence, including: electronic case records; supervision files and notes; observation "
        "of social workers and senior practitioners undertaking referral and assessment duties; "
        "and other information provided by staff, managers and professionals from some partner "
        "agencies. Inspectors also spoke to a range of staff including managers, social "
        "workers, other practitioners and administrative staff."
    ),
    "priority_actions": "",
    "development_areas": "\n".join(
        [
            "Initial responses by social care staff are inconsistent in identifying the needs of "
            "children who do not meet the threshold for child protection enquiries. Thresholds "
            "are not clearly or consistently articulated between referrals within the Common "
            "Assessment Framework and those requiring an initial social care assessment.",
            "Workforce capacity is sufficient overall to meet the demand for service but the "
            "proportion of qualified social workers is too low. The duty team currently has no "
            "qualified social workers, although the team manager provides active oversight and "
            "appropriate prioritising and allocating of child protection work to qualified social "
            "workers in other teams.",
            "The arrangements for transferring cases between teams are not sufficiently efficient "
            "to support continuity in services experienced by children and young people.",
            "Record keeping overall was insufficiently focused and analytical although some "
            "excellent examples of timely case recording of purposeful practice were seen by "
            "inspectors.",
            "While supervision records demonstrate timely case management, guidance and "
            "direction, recording of the individual, professional development of staff is poor.",
        ]
    ),
    "strengths": "\n".join(
        [
            "Evidence of child centred work, with an effective focus on the protection of "
            "children. Direct work with children is often good, leading to their wishes and "
            "feelings being identified and taken seriously within assessments.",
            "The diverse and individual needs of children and their families are identified and "
            "contribute demonstrably to assessments of risk and need.",
            "Child protection enquiries are thorough and include a sustained focus on the child, "
            "particularly where their parent or carer also need support or are vulnerable.",
            "Workers reported very good support, guidance and direction given by their team "
            "managers. Reflective professional practice and continuous staff development are "
            "evident throughout the service.",
            "Staff have good access to a wide range of training from internal and external "
            "providers. The training undertaken is relevant and focuses well on improving "
            "service delivery.",
            "Operational and senior managers focus effectively on performance management and "
            "quality assurance. The recently enhanced audit programme aims to ensure that the "
            "service focuses on risks and needs of children and young people.",
            "Support services, notably legal services and the emergency duty team, are timely "
            "and provide clear and robust support in delivering safeguarding objectives.",
            "Child protection enquiries in relation to disabled children are sensitive to their "
            "additional vulnerabilities.",
        ]
    ),
    "satisfactory_areas": "\n".join(
        [
            "Practice and procedures comply with statutory requirements and action needed to "
            "ensure children's safety is identified and implemented promptly.",
            "Children suffering or at risk of significant harm are identified and receive a "
            "prompt response.",
            "Management overview of assessments and interventions by workers is timely, focused "
            "and relevant.",
            "Referrals are allocated in a timely way, and inspectors found no unallocated work "
            "within the Duty and Assessment Service.",
            "Work identified as requiring a child protection response is allocated to qualified "
            "and, mostly, experienced social workers.",
        ]
    ),
    "council_response": (
        "The Division and Children's Services have accepted the Inspection findings as accurate "
        "and in accordance with our own evaluation of our services. We are particularly pleased "
        "that the hard work and commitment given by our staff has been recognised by Inspectors "
        "and that staff have continued to deliver a quality service despite a difficult national "
        "climate regarding child protection and social work in general. The Division also "
        "accepts the areas for development identified and whilst it is in the process of drawing "
        "up an action plan to ensure that these areas are tackled has already taken a number of "
        "steps to address the issues identified.\n\n"
        "Overall the Inspection determined that our services in Duty and Assessment were child "
        "focused, timely in their responses and sought to identify and minimise risk through "
        "concerted and co-ordinated intervention by skilled and motivated staff."
    ),
    "actions_taken": "\n\n".join(
        [
            "Initial Response\n"
            "This issue had already been identified as an area for action prior to the "
            "unannounced inspection with Staff training on the Common Assessment Framework (CAF) "
            "already planned for September 09. This training has now taken place.\n"
            "In addition the current re-structuring of the Fieldwork Service with a greater "
            "emphasis on integrated working and the development of Inter-Agency relationships "
            "through Integrated Service Hubs should help to ensure a greater consistency in the "
            "operation of thresholds between CAF and Initial Social Work Assessments.",
            "Workforce Capacity\n"
            "In identifying this area Inspectors were making a comment on one of six teams in "
            "Duty and Assessment, which had two vacancies for Qualified Social Work staff both of "
            "which had arisen only 6 weeks before the Inspection began. Both posts were "
            "advertised at the time of the Inspection. One post has now been filled and we have "
            "made a decision to strengthen the team overall by the inclusion of a Senior "
            "Practitioner post.",
            "Transfer of Work between Teams\n"
            "The current system for transfer of work between teams is complex but will be "
            "greatly simplified by the re-structure of Fieldwork Services due to be implemented "
            "in January 2010.",
            "Record keeping and Analysis\n"
            "Improvement in this area has been a focus of the service for some time. We are not "
            "assisted by relatively high turnover of staff and the requirements of ICS "
            "(Integrated Children's Systems – Software for assessment and analysis), which at "
            "times restricts recording, by the requirement to follow a rigid pathway. Recent "
            "decisions by DCFS to allow local changes in ICS will help us in this regard.",
            "Supervision Records\n"
            "Inspectors found that records demonstrated timely case management, although they "
            "felt that more attention needed to be paid to the recording of individual and "
            "professional development of staff. Supervision formats have since been revised in "
            "the Duty and Assessment Service and are due to be re-launched in October.",
        ]
    ),
}

DERBY_PROGRESS = (
    "Procedures reviewed with the ACPC procedures and standards committee; revised guidance "
    "issued to all staff.",
    "Senior management case file audit programme in place; first quarterly report received.",
    "Training delivered to team managers; take-up monitored through supervision.",
)


def seed_demo_cabinet() -> None:
    """Demo data for cabinet reports (idempotent; never touches a council's real work)."""
    from standards.models import Framework

    framework = Framework.objects.current()
    if framework is None:
        return
    leicester = Council.objects.filter(code="509").first()
    derby = Council.objects.filter(code="510").first()
    if leicester is not None:
        _leicester_evaluation(leicester, framework)
        from reports.roles.rules import start_from_template

        with story_time(moment(2003, 6, 30)):
            start_from_template(leicester, _director_of(leicester))
        with story_time(moment(2009, 11, 20)):
            _leicester_inspection(leicester)
    if derby is not None:
        _derby_progress(derby, framework)


def _director_of(council):
    return User.objects.filter(role=User.Role.DIRECTOR, council=council).order_by("pk").first()


@transaction.atomic
def _leicester_evaluation(council, framework) -> None:
    from demo import seed_000
    from evaluations.evaluation import workflow
    from evaluations.models import Evaluation
    from standards.self_audit.rules import self_audit_for

    audit = self_audit_for(council, framework)
    latest = audit.returns.latest_submitted()
    inspector = User.objects.filter(username="inspector.fryer").first()
    if latest is None or inspector is None:
        return
    if Evaluation.objects.filter(audit_return__self_audit=audit).exists():
        return  # the inspector has already started (or finished) one
    with story_time(moment(2003, 5, 1)):
        evaluation = workflow.start_evaluation(latest, inspector, seed_000.PHASE)
    with story_time(moment(2003, 5, 6, 11)):
        evaluation = _leicester_judgements(evaluation, inspector)
    with story_time(moment(2003, 5, 6, 16)):
        evaluation = workflow.issue(evaluation, inspector, notify=False)
    director = _director_of(council)
    if director is not None:
        with story_time(moment(2003, 6, 20)):
            workflow.record_response(evaluation, director, LEICESTER_RESPONSE, notify=False)


def _leicester_judgements(evaluation, inspector):
    """Seed 000's judgements, texts and findings, as completed on 6 May 2003."""
    from demo import seed_000
    from evaluations.evaluation import workflow

    evaluation = workflow.save_evaluation(
        evaluation,
        inspector,
        evaluation.revision,
        {
            "completed_on": seed_000.COMPLETED_ON,
            "overall_serving": seed_000.OVERALL_SERVING,
            "overall_serving_text": seed_000.OVERALL_SERVING_TEXT,
            "overall_capacity": seed_000.OVERALL_CAPACITY,
            "overall_capacity_text": seed_000.OVERALL_CAPACITY_TEXT,
            "follow_up_visit": seed_000.FOLLOW_UP_VISIT,
        },
        {
            number: {"judgement": judgement, "text": seed_000.TEXTS[number]}
            for number, judgement in seed_000.JUDGEMENTS.items()
        },
    )
    for description, domain, kind, highlight in seed_000.FINDINGS:
        workflow.add_finding(
            evaluation,
            {
                "description": description,
                "paf_domain": domain,
                "kind": kind,
                "highlight": highlight,
            },
        )
    return evaluation


def _leicester_inspection(council) -> None:
    from evaluations.models import Inspection

    if Inspection.objects.filter(council=council, started_on=SEED_003["started_on"]).exists():
        return
    director = _director_of(council)
    Inspection.objects.create(
        council=council, recorded_by=director, updated_by=director, **SEED_003
    )


@transaction.atomic
def _derby_progress(council, framework) -> None:
    from standards.action_plan import rules as action_plan
    from standards.self_audit.rules import (
        draft_of,
        open_draft,
        save_answers,
        self_audit_for,
        start_revision,
        submit,
    )

    audit = self_audit_for(council, framework)
    director = _director_of(council)
    officer = User.objects.filter(role=User.Role.OFFICER, council=council).order_by("pk").first()
    if director is None or officer is None:
        return
    if audit.returns.latest_submitted() is None:
        draft = draft_of(audit) or open_draft(audit, officer)
        if draft is None or draft.number != 1:
            return
        # Complete what the demo left unanswered, then submit version 1.
        changes = {
            answer.criterion_id: (answer.revision, demo_values(answer.criterion, council.code))
            for answer in draft.answers.with_criteria()
            if answer.rating is None
        }
        with story_time(moment(2003, 4, 30, 14)):  # on the day the return was due
            save_answers(draft, officer, changes, reason="Demo data")
            submit(draft, director, notify=False)
    latest = audit.returns.latest_submitted()
    with story_time(moment(2003, 5, 2)):
        action_plan.bring_up_to_date(audit, director)
    plan = action_plan.plan_of(audit)
    if plan is None:
        return
    if plan.endorsed_on is None:
        with story_time(moment(2003, 7, 10)):
            action_plan.set_cabinet_dates(
                plan, director, plan.revision, {"endorsed_on": DERBY_PLAN_ENDORSED}
            )
    actions = list(plan.actions.order_by("criterion__standard__number", "criterion__number"))
    if not any(a.progress_notes.exists() for a in actions):
        for index, action in enumerate(actions):
            _derby_progress_note(action, officer, index)
    if draft_of(audit) is None and latest is not None and latest.number == 1:
        # A year on, Derby is revising its return (and its officers keep a draft to work on).
        with story_time(moment(2004, 3, 22)):
            start_revision(audit, director)


# Derby's plan went to cabinet in July 2003; its progress notes run from September 2003 to
# February 2004, ready for the progress report to cabinet in March 2004 (seed 001).
DERBY_PLAN_ENDORSED = datetime.date(2003, 7, 9)
DERBY_NOTE_DATES = (
    datetime.date(2003, 9, 15),
    datetime.date(2003, 10, 31),
    datetime.date(2003, 12, 3),
    datetime.date(2004, 1, 20),
    datetime.date(2004, 2, 20),
)


def _derby_progress_note(action, officer, index: int) -> None:
    from standards.action_plan import rules as action_plan

    status = ("complete", "in_progress", "not_started")[index % 3]
    note = DERBY_PROGRESS[index % len(DERBY_PROGRESS)]
    day = DERBY_NOTE_DATES[index % len(DERBY_NOTE_DATES)]
    with story_time(moment(day.year, day.month, day.day, 11)):
        if status == "not_started":
            action_plan.record_progress(action, officer, action.revision, text=note)
        else:
            action_plan.record_progress(
                action,
                officer,
                action.revision,
                text=note,
                status=status,
                completed_on=day if status == "complete" else None,
            )


# Reports to cabinet on the real timeline: Leicester's on SSI's evaluation, drafted in June 2003
# for the cabinet of 21 July 2003 (seed 002); Derby's progress report for March 2004 (seed 001).
# Kept apart from seed_demo_cabinet so that a director can still build a first report from an
# empty list in the browser journeys.
DEMO_REPORTS = (
    ("509", "evaluation", datetime.date(2003, 6, 23)),  # cabinet meets 28 days later: 21 July
    ("510", "progress", datetime.date(2004, 2, 23)),  # cabinet: 22 March 2004
)


def seed_demo_reports() -> None:
    from reports.cabinet.drafting import DraftingRefused, draft_report
    from reports.models import CabinetReport

    for code, kind, drafted_on in DEMO_REPORTS:
        council = Council.objects.filter(code=code).first()
        director = _director_of(council) if council is not None else None
        if council is None or director is None:
            continue
        if CabinetReport.objects.filter(council=council).exists():
            continue  # idempotent: never touch a council's real reports
        with story_time(moment(drafted_on.year, drafted_on.month, drafted_on.day)):
            try:
                draft_report(council, kind, director, today=drafted_on)
            except DraftingRefused:
                continue  # nothing yet to report on (the demo was changed by hand)
