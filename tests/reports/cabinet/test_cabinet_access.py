"""Who may see and do what with reports to cabinet: the council's director builds and changes
them, its officers read them, other councils get 404, and inspectors (and administrators) never
see a draft: only reports marked final, which are public cabinet papers."""

import pytest
from django.urls import reverse

from reports.cabinet import access as cabinet_access
from reports.cabinet.drafting import draft_report
from reports.cabinet.final import mark_final
from reports.models import CabinetReport, ReportKind
from standards.models import Framework
from tests import factories
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return


@pytest.fixture(scope="module")
def leicester_report_ids(module_db, django_db_blocker):
    """Made once for the module (tests/conftest.py: module_db): marking a report final renders
    its PDF. Every test reads them; what a test writes is rolled back before the next."""
    with django_db_blocker.unblock():
        council_a = factories.council_a()
        officer, director = factories.officer_a(council_a), factories.director_a(council_a)
        framework = Framework.objects.current()
        audit_return = submitted_return(council_a, framework, officer, director, {"1.1": 2})
        issued_like_seed(audit_return, factories.inspector_a(council_a))
        draft = draft_report(council_a, ReportKind.EVALUATION, director)
        final = draft_report(council_a, ReportKind.EVALUATION, director)
        final = mark_final(final, director, "Cabinet, 21 July 2003")
        return draft.pk, final.pk


@pytest.fixture
def leicester_reports(db, leicester_report_ids):
    draft, final = leicester_report_ids
    return CabinetReport.objects.get(pk=draft), CabinetReport.objects.get(pk=final)


def pages(report) -> list[str]:
    args = [report.council.code, report.pk]
    return [
        reverse("cabinet:report", args=args),
        reverse("cabinet:pdf", args=args),
    ]


def edit_pages(report) -> list[str]:
    args = [report.council.code, report.pk]
    return [
        reverse("cabinet:front", args=args),
        reverse("cabinet:section", args=[*args, "summary"]),
        reverse("cabinet:implications", args=args),
        reverse("cabinet:decision", args=args),
        reverse("cabinet:appendices", args=args),
        reverse("cabinet:final", args=args),
    ]


def test_the_councils_director_reads_and_edits_its_drafts(client_for, director, leicester_reports):
    draft, _ = leicester_reports
    client = client_for(director)
    for url in pages(draft) + edit_pages(draft):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("cabinet:new", args=["509"])).status_code == 200


def test_officers_read_their_councils_reports_but_cannot_change_them(
    client_for, officer, leicester_reports
):
    draft, final = leicester_reports
    client = client_for(officer)
    listing = client.get(reverse("cabinet:list", args=["509"]))
    assert [r.pk for r in listing.context["drafts"]] == [draft.pk]
    for url in pages(draft) + pages(final):
        assert client.get(url).status_code == 200, url
    assert b"Change<span" not in client.get(pages(draft)[0]).content
    for url in edit_pages(draft):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"revision": "0"}).status_code == 403, url
    assert client.get(reverse("cabinet:new", args=["509"])).status_code == 403
    assert (
        client.post(reverse("cabinet:new", args=["509"]), {"kind": "evaluation"}).status_code == 403
    )
    assert CabinetReport.objects.count() == 2


@pytest.mark.parametrize("person", ["officer_b", "director_b"])
def test_other_councils_cannot_see_that_a_report_exists(
    request, client_for, person, leicester_reports
):
    draft, final = leicester_reports
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("cabinet:list", args=["509"])).status_code == 404
    assert client.get(reverse("cabinet:new", args=["509"])).status_code == 404
    for url in pages(draft) + pages(final) + edit_pages(draft) + edit_pages(final):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"revision": "0"}).status_code == 404, url


@pytest.mark.parametrize("person", ["inspector", "inspector_unassigned", "administrator"])
def test_inspectors_never_see_a_draft_report_only_final_ones(
    request, client_for, person, leicester_reports
):
    draft, final = leicester_reports
    client = client_for(request.getfixturevalue(person))
    listing = client.get(reverse("cabinet:list", args=["509"]))
    assert listing.status_code == 200
    assert listing.context["drafts"] == [] and [r.pk for r in listing.context["finals"]] == [
        final.pk
    ]
    for url in pages(draft) + edit_pages(draft):
        assert client.get(url).status_code == 404, url
    for url in pages(final):
        assert client.get(url).status_code == 200, url
    for url in edit_pages(final):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("cabinet:new", args=["509"])).status_code == 403


def test_the_access_rules_scope_the_queryset(director_b, inspector, leicester_reports):
    from django.http import Http404

    draft, final = leicester_reports
    _, visible = cabinet_access.cabinet_reports_of(inspector, "509")
    assert list(visible) == [final]
    with pytest.raises(Http404):
        cabinet_access.cabinet_reports_of(director_b, "509")
