"""Demo councils and people, so a fresh `make run` has someone to sign in as."""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Council, InspectorAssignment, User

DEMO_PASSWORD = "climbie-demo-2003"

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
    """Create demo councils and people (idempotent). Returns (username, role, council) rows."""
    # One hash for every demo account: hashing is deliberately slow, and they share a password.
    password_hash = make_password(DEMO_PASSWORD)
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
    from standards.self_audit import open_draft, save_answers, self_audit_for, submit

    framework = Framework.objects.current()
    if framework is None:
        return
    for code, complete in (("509", True), ("510", False)):
        council = Council.objects.get(code=code)
        audit = self_audit_for(council, framework)
        if audit.returns.exists():
            continue  # idempotent: never touch a council's real work
        officer = User.objects.get(role=User.Role.OFFICER, council=council)
        draft = open_draft(audit, officer)
        answers = draft.answers.with_criteria()
        changes = {}
        for answer in answers:
            values = demo_values(answer.criterion, code, complete)
            if values:
                changes[answer.criterion_id] = (answer.revision, values)
        save_answers(draft, officer, changes, reason="Demo data")
        if complete:
            director = User.objects.get(role=User.Role.DIRECTOR, council=council)
            submit(draft, director, notify=False)
