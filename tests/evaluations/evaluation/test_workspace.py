"""The inspector's workspace: every council, assigned first, filterable, constant queries."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from climbie_audit.models import Council
from evaluations.models import CouncilResponse, Evaluation
from standards.models import AuditReturn, SelfAudit
from tests.factories import assign

REGIONS = ["East Midlands", "London", "North West", "South West", "West Midlands"]


def build_councils(framework, first: int, count: int, submitter, inspector) -> None:
    """`count` councils in bulk: a third not submitted, the rest submitted, some evaluated."""
    councils = Council.objects.bulk_create(
        Council(
            name=f"Council {n:03d}",
            code=f"C{n:03d}",
            region=REGIONS[n % len(REGIONS)],
            kind=Council.Kind.UNITARY,
        )
        for n in range(first, first + count)
    )
    audits = SelfAudit.objects.bulk_create(
        SelfAudit(council=c, framework=framework) for c in councils
    )
    submitted_at = timezone.make_aware(datetime.datetime(2003, 4, 30, 12))
    returns = AuditReturn.objects.bulk_create(
        AuditReturn(
            self_audit=audit,
            number=1,
            status=AuditReturn.Status.SUBMITTED,
            submitted_at=submitted_at,
            submitted_by=submitter,
            reference=f"{audit.council.code}-V1",
        )
        for i, audit in enumerate(audits)
        if (first + i) % 3
    )
    evaluations = []
    for i, audit_return in enumerate(returns):
        if i % 2:
            continue
        issued = i % 4 == 0
        evaluations.append(
            Evaluation(
                audit_return=audit_return,
                inspector=inspector,
                status="issued" if issued else "draft",
                issued_at=submitted_at if issued else None,
                issued_by=inspector if issued else None,
                completed_on=datetime.date(2003, 5, 6) if issued else None,
                follow_up_visit=False if issued else None,
                overall_serving=("some" if i % 8 == 0 else "most") if issued else "",
                overall_capacity="promising" if issued else "",
            )
        )
    evaluations = Evaluation.objects.bulk_create(evaluations)
    CouncilResponse.objects.bulk_create(
        CouncilResponse(evaluation=e, text="Noted", recorded_by=submitter, recorded_at=submitted_at)
        for e in evaluations
        if e.status == "issued"
    )
    for council in councils[:2]:
        assign(inspector, council)


@pytest.fixture
def workspace_client(client_for, inspector):
    return client_for(inspector)


def test_workspace_queries_stay_constant_up_to_150_councils(
    workspace_client, framework, director, inspector, django_assert_max_num_queries
):
    build_councils(framework, 0, 10, director, inspector)
    url = reverse("evaluation:workspace")
    cache.clear()  # each count with nothing cached: the most the page ever runs
    with django_assert_max_num_queries(15) as small:
        response = workspace_client.get(url)
    assert response.status_code == 200
    build_councils(framework, 10, 140, director, inspector)
    assert Council.objects.count() == 151  # with the fixture's Leicester
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = workspace_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    html = response.content.decode()
    assert html.count('data-testid="council-C') == 150
    # Filtered views are no dearer.
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        workspace_client.get(url, {"region": "London", "status": "issued"})


def test_assigned_councils_come_first_then_the_rest_by_name(
    workspace_client, framework, director, inspector
):
    build_councils(framework, 0, 12, director, inspector)
    html = workspace_client.get(reverse("evaluation:workspace")).content.decode()
    mine = html[html.index('data-testid="assigned-councils"') : html.index("other-councils")]
    others = html[html.index('data-testid="other-councils"') :]
    # Leicester (the fixture inspector's council) and the two assigned in build_councils.
    assert "Your councils (3)" in mine and "Other councils (10)" in others
    assert mine.index("Council 000") < mine.index("Council 001") < mine.index("Leicester")
    assert "Leicester" not in others
    assert others.index("Council 002") < others.index("Council 011")


def test_rows_say_where_each_return_and_evaluation_stands(
    workspace_client, framework, director, inspector
):
    build_councils(framework, 0, 9, director, inspector)
    html = workspace_client.get(reverse("evaluation:workspace")).content.decode()

    def row(code):
        start = html.index(f'data-testid="council-{code}"')
        return html[start : html.index("</tr>", start)]

    assert "Not yet submitted" in row("C000")  # n % 3 == 0
    assert "Version 1" in row("C001") and "30 Apr 2003" in row("C001")
    assert "Issued 30 Apr 2003" in row("C001") and "council has responded" in row("C001")
    assert "Star rating: cannot be judged higher" in row("C001")  # judged "some"
    assert "Not yet evaluated" in row("C002")
    assert "In draft" in row("C004")
    # Assigned council awaiting evaluation: the inspector may start it.
    assert reverse("evaluation:start", args=["C001"]) not in row("C001")
    assert "Read evaluation" in row("C001")
    # Someone else's council in draft: the inspector is not offered the draft.
    assert "/edit/" not in row("C004") and "Read return" in row("C004")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "London"}, {"C001", "C006"}),
        ({"status": "not_submitted"}, {"C000", "C003", "C006"}),
        ({"status": "issued"}, {"C001", "C007"}),
        ({"status": "draft"}, {"C004"}),
        ({"status": "awaiting"}, {"C002", "C005", "C008"}),
        ({"region": "London", "status": "not_submitted"}, {"C006"}),
        ({"region": "Atlantis"}, None),  # unknown values are ignored, not an error
    ],
)
def test_filters_by_region_and_status(
    workspace_client, framework, director, inspector, params, expected
):
    build_councils(framework, 0, 9, director, inspector)
    response = workspace_client.get(reverse("evaluation:workspace"), params)
    assert response.status_code == 200
    html = response.content.decode()
    shown = {code for code in (f"C{n:03d}" for n in range(9)) if f'council-{code}"' in html}
    assert shown == (expected if expected is not None else {f"C{n:03d}" for n in range(9)})
