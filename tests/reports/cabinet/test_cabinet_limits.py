"""A cabinet report's texts are bounded (issue 17): 1 MB in a section is a GOV.UK error that
changes nothing, so no report can grow too long to print or mark final."""

import pytest
from django.urls import reverse

from reports.cabinet.drafting import draft_report
from reports.models import ReportKind, ReportSection
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return


@pytest.fixture
def report(council_a, framework, officer, director, inspector):
    audit_return = submitted_return(council_a, framework, officer, director, {"1.1": 2})
    issued_like_seed(audit_return, inspector)
    return draft_report(council_a, ReportKind.EVALUATION, director)


def section_url(report, key):
    return reverse("cabinet:section", args=[report.council.code, report.pk, key])


def test_a_megabyte_in_a_section_is_refused_with_the_limit(client_for, director, report):
    section = report.sections.get(key="summary")
    client = client_for(director)

    response = client.post(
        section_url(report, "summary"),
        {"heading": "Summary", "body": "x" * 1_000_000, "revision": section.revision},
    )

    html = response.content.decode()
    assert response.status_code == 400 or response.status_code == 200
    assert "Section text must be 20,000 characters or fewer" in html
    assert 'href="#id_body"' in html
    stored = ReportSection.objects.get(pk=section.pk)
    assert (stored.body, stored.revision) == (section.body, section.revision)


def test_a_section_at_its_limit_saves_and_saving_it_again_records_nothing(
    client_for, director, report
):
    section = report.sections.get(key="summary")
    client = client_for(director)
    body = ("Paragraph of the report. " * 800)[:20_000].rstrip()
    data = {"heading": "Summary", "body": body.replace(" Para", "\r\nPara"), "revision": 0}
    data["revision"] = section.revision

    assert client.post(section_url(report, "summary"), data).status_code == 302
    saved = ReportSection.objects.get(pk=section.pk)
    assert saved.body == body.replace(" Para", "\nPara") and "\r" not in saved.body

    again = data | {"revision": section.revision}  # the same page, posted again: no change
    assert client.post(section_url(report, "summary"), again).status_code == 302
    assert ReportSection.objects.get(pk=section.pk).revision == saved.revision
