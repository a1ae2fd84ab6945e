"""Demo councils and people, so a fresh `make run` has someone to sign in as."""

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
            _person(username, role, first, last, council=council, job_title=title)
            sign_ins.append((username, User.Role(role).label, council.name))
    for username, first, last, codes in DEMO_INSPECTORS:
        inspector = _person(username, User.Role.INSPECTOR, first, last, job_title="SSI inspector")
        for code in codes:
            InspectorAssignment.objects.get_or_create(inspector=inspector, council=councils[code])
        sign_ins.append((username, User.Role.INSPECTOR.label, f"assigned to {len(codes)} councils"))
    admin = _person("admin", User.Role.ADMINISTRATOR, "Ada", "Administrator")
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    sign_ins.append(("admin", User.Role.ADMINISTRATOR.label, "Django admin"))
    return sign_ins


def _person(username, role, first, last, council=None, job_title=""):
    person, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "council": council,
            "job_title": job_title,
            "email": f"{username}@example.gov.uk",
        },
    )
    if created:
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
    return person
