"""`manage.py seed_national`: a deterministic, plausible national picture that leaves the demo
alone and never doubles up."""

import contextlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from climbie_audit.models import Council, InspectorAssignment, User
from demo.national import existing_national_councils, framework_criteria
from demo.national_lists import INSPECTOR_NAMES, REGIONS
from demo.national_picture import build_picture
from demo.seed import DEMO_COUNCILS, seed_demo
from evaluations.models import Evaluation, StandardJudgement
from reports.national.rules import ReturnStatus, build_overview
from standards.action_plan import rules as action_plan
from standards.models import Answer, AuditReturn, ImprovementAction, ProgressNote


class Rollback(Exception):
    pass


def snapshot() -> dict:
    """Everything the command writes, without database ids or creation times."""
    return {
        "councils": sorted(
            existing_national_councils().values_list("code", "name", "region", "kind")
        ),
        "people": sorted(
            User.objects.values_list("username", "role", "council__code", "first_name", "last_name")
        ),
        "assignments": sorted(
            InspectorAssignment.objects.values_list("inspector__username", "council__code")
        ),
        "returns": sorted(
            AuditReturn.objects.values_list(
                "self_audit__council__code", "number", "status", "submitted_at", "reference"
            )
        ),
        "answers": sorted(
            Answer.objects.values_list(
                "audit_return__self_audit__council__code",
                "audit_return__number",
                "criterion__code",
                "rating",
                "evidence",
                "improvement",
                "lead_officer",
                "target_date",
            ),
            key=repr,
        ),
        "evaluations": sorted(
            Evaluation.objects.values_list(
                "audit_return__self_audit__council__code",
                "audit_return__number",
                "phase",
                "status",
                "issued_at",
                "overall_serving",
                "overall_capacity",
                "inspector__username",
            ),
            key=repr,
        ),
        "judgements": sorted(
            StandardJudgement.objects.values_list(
                "evaluation__audit_return__self_audit__council__code",
                "evaluation__phase",
                "standard__number",
                "judgement",
            )
        ),
        "actions": sorted(
            ImprovementAction.objects.values_list(
                "plan__self_audit__council__code",
                "criterion__code",
                "title",
                "status",
                "target_date",
                "completed_on",
                "created_at",
                "drafted_from__number",
                "updated_from__number",
            ),
            key=repr,
        ),
        "notes": sorted(
            ProgressNote.objects.values_list(
                "action__plan__self_audit__council__code",
                "action__criterion__code",
                "recorded_at",
                "author__username",
                "text",
                "status_after",
            ),
            key=repr,
        ),
    }


def seeded_snapshot(count: int, seed: int) -> dict:
    result = None
    with contextlib.suppress(Rollback), transaction.atomic():
        call_command("seed_national", councils=count, seed=seed, stdout=io.StringIO())
        result = snapshot()
        raise Rollback
    return result


@pytest.fixture
def criteria(framework):
    return framework_criteria(framework)


def test_the_picture_is_a_pure_function_of_its_arguments(framework, criteria):
    due = framework.return_due
    one = build_picture(60, 5, criteria, due)
    assert one == build_picture(60, 5, criteria, due)
    assert one != build_picture(60, 6, criteria, due)
    # A council's picture does not depend on how many others there are.
    assert build_picture(20, 5, criteria, due) == one[:20]


def test_same_seed_same_database_picture(framework):
    first = seeded_snapshot(30, seed=42)
    again = seeded_snapshot(30, seed=42)
    other = seeded_snapshot(30, seed=43)
    assert first == again
    assert first["councils"] == other["councils"]  # the same councils ...
    assert first["answers"] != other["answers"]  # ... standing differently
    assert len(first["councils"]) == 30


def test_a_plausible_national_picture(framework):
    call_command("seed_national", councils=150, seed=2003, stdout=io.StringIO())
    councils = existing_national_councils()
    assert councils.count() == 150
    assert set(councils.values_list("region", flat=True)) == set(REGIONS)
    assert councils.filter(name="Haringey").count() == 0  # a demo council, left to seed_demo
    overview = build_overview(framework, framework.published_on.replace(year=2004))
    statuses = {row.status for row in overview.rows}
    assert statuses == set(ReturnStatus.LABELS)  # returns in every status
    assert AuditReturn.objects.filter(number=2, status="submitted").exists()  # revised v2
    assert AuditReturn.objects.filter(number=2, status="draft").exists()  # draft revision
    assert {e.status for e in Evaluation.objects.all()} == {"draft", "issued"}
    issued = Evaluation.objects.issued()
    assert all(e.judgements.exclude(judgement="").count() == 7 for e in issued[:20])
    assert {row.serving for row in overview.rows} >= {"all", "most", "some"}
    assert overview.disagreements
    # Every council with a submitted return has people, an assigned inspector and a plan.
    for council in councils:
        assert council.people.filter(role="officer").exists()
        assert council.people.filter(role="director").exists()
        assert council.assignments.exists()
    assert ImprovementAction.objects.filter(status="complete").exists()
    assert ProgressNote.objects.exclude(text="").exists()
    # The plans are what draft_actions_from would make: taking the return in again changes nothing.
    latest = {}
    for r in AuditReturn.objects.submitted().select_related("self_audit"):
        if r.self_audit_id not in latest or r.number > latest[r.self_audit_id].number:
            latest[r.self_audit_id] = r
    for audit_return in list(latest.values())[:25]:
        assert not action_plan.draft_actions_from(audit_return).changed, audit_return


def test_idempotent_and_refuses_a_different_picture(framework):
    out = io.StringIO()
    call_command("seed_national", councils=12, seed=1, stdout=out)
    assert "Built the national picture" in out.getvalue()
    before = snapshot()
    again = io.StringIO()
    call_command("seed_national", councils=12, seed=1, stdout=again)
    assert "already there: nothing changed" in again.getvalue()
    with pytest.raises(CommandError, match="already exist, not 20"):
        call_command("seed_national", councils=20, seed=1, stdout=io.StringIO())
    assert snapshot() == before


def test_leaves_the_demo_alone(framework):
    seed_demo()
    demo_codes = [code for _, code, *_ in DEMO_COUNCILS]

    def demo_state():
        return (
            sorted(Council.objects.filter(code__in=demo_codes).values_list()),
            sorted(
                User.objects.exclude(council__code__startswith="N")
                .exclude(username__in=national_inspectors())
                .values_list("username", "password", "role", "council__code", "email")
            ),
            sorted(InspectorAssignment.objects.filter(council__code__in=demo_codes).values_list()),
        )

    before = demo_state()
    call_command("seed_national", councils=150, seed=9, stdout=io.StringIO())
    assert demo_state() == before
    seed_demo()  # and the demo can still be seeded again afterwards
    assert demo_state() == before


def national_inspectors():
    return [f"inspector.{last.lower()}" for _, last in INSPECTOR_NAMES]


def test_people_can_sign_in_with_the_demo_password(framework, client):
    call_command("seed_national", councils=3, seed=1, stdout=io.StringIO())
    officer = User.objects.get(council__code="N001", role="officer")
    response = client.post(
        "/sign-in/", {"username": officer.username, "password": "climbie-demo-2003"}
    )
    assert response.status_code == 302
    assert client.get("/", follow=True).context["council"].code == "N001"
