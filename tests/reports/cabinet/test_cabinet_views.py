"""The report builder's pages, through the test client: drafting, GOV.UK errors that change
nothing, edit conflicts, appendices, marking final and downloading, and query counts."""

import pytest
from django.urls import reverse

from reports.cabinet.drafting import draft_report
from reports.cabinet.final import mark_final, meeting_label
from reports.cabinet.saving import save_section
from reports.models import CabinetReport, ReportKind, ReportSection
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return


@pytest.fixture
def evaluated(council_a, framework, officer, director, inspector):
    audit_return = submitted_return(council_a, framework, officer, director, {"1.1": 2, "3.4": 3})
    return issued_like_seed(audit_return, inspector)


@pytest.fixture
def report(evaluated, council_a, director):
    return draft_report(council_a, ReportKind.EVALUATION, director)


def url(name, report, *extra):
    return reverse(f"cabinet:{name}", args=[report.council.code, report.pk, *extra])


def test_the_director_drafts_a_report_from_the_chosen_kind(client_for, director, evaluated):
    client = client_for(director)
    response = client.post(reverse("cabinet:new", args=["509"]), {"kind": "evaluation"})
    report = CabinetReport.objects.get()
    assert response.status_code == 302 and response["Location"] == url("report", report)
    assert report.kind == ReportKind.EVALUATION and report.created_by == director
    page = client.get(response["Location"])
    assert page.context["can_edit"] and page.context["can_finalise"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what the report is about"),
        ({"kind": "nonsense"}, "Select what the report is about"),
        ({"kind": "progress"}, "There is no submitted self-audit to report progress on yet"),
        ({"kind": "inspection"}, "There is no inspection to report on yet"),
    ],
)
def test_a_report_that_cannot_be_drafted_is_explained(client_for, director_b, data, message):
    response = client_for(director_b).post(reverse("cabinet:new", args=["510"]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'href="#id_kind_1"' in response.content.decode()
    assert not CabinetReport.objects.exists()


def test_saving_a_section_renumbers_the_review_page(client_for, director, report):
    section = report.sections.get(key="summary")
    response = client_for(director).post(
        url("section", report, "summary"),
        {"heading": "Summary", "body": "One.\n\nTwo.", "revision": section.revision},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#section-summary")
    page = client_for(director).get(url("report", report))
    summary = dict((s.key, n) for s, n in page.context["sections"])["summary"]
    assert [(b.number, b.text) for b in summary.blocks] == [("2.1", "One."), ("2.2", "Two.")]


def test_an_edit_conflict_shows_both_versions_and_saves_nothing(client_for, director, report):
    section = report.sections.get(key="summary")
    save_section(section, director, section.revision, {"body": "Saved by someone else."})
    response = client_for(director).post(
        url("section", report, "summary"),
        {"heading": "Summary", "body": "Mine.", "revision": section.revision},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this section while you were editing" in html
    assert "Saved by someone else." in html and "Mine." in html
    assert ReportSection.objects.get(pk=section.pk).body == "Saved by someone else."
    # The form now carries the stored revision: saving again replaces theirs.
    assert response.context["form"]["revision"].value() == str(section.revision + 1)


def test_an_empty_heading_is_an_error_and_changes_nothing(client_for, director, report):
    section = report.sections.get(key="options")
    response = client_for(director).post(
        url("section", report, "options"), {"heading": "", "body": "", "revision": 0}
    )
    assert response.status_code == 400
    assert "Enter a heading for the section" in response.content.decode()
    assert ReportSection.objects.get(pk=section.pk).body == section.body


def test_a_section_can_be_written_again_from_the_data_without_saving(client_for, director, report):
    section = report.sections.get(key="purpose")
    save_section(section, director, 0, {"body": "Typed over."})
    response = client_for(director).post(
        url("section", report, "purpose"), {"action": "redraft", "heading": "Purpose", "body": ""}
    )
    assert response.status_code == 200
    assert "To receive the findings" in response.context["form"].initial["body"]
    assert ReportSection.objects.get(pk=section.pk).body == "Typed over."


def test_the_front_matter_checks_each_timetable_row(client_for, director, report):
    data = {
        "council_heading": "Leicester City Council",
        "wards_affected": "All",
        "officer_title": "Corporate Director of Social Care and Health",
        "title": "Safeguarding Children",
        "revision": report.revision,
        "committee_1": "Cabinet",
        "date_1_0": "",
        "date_1_1": "",
        "date_1_2": "",
        "committee_2": "",
        "date_2_0": "25",
        "date_2_1": "6",
        "date_2_2": "2003",
    }
    response = client_for(director).post(url("front", report), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the date of the meeting of Cabinet" in html
    assert "Enter the committee meeting on 25 June 2003" in html
    data |= {"date_1_0": "21", "date_1_1": "7", "date_1_2": "2003", "committee_2": "Scrutiny"}
    assert client_for(director).post(url("front", report), data).status_code == 302
    report.refresh_from_db()
    assert [(r.committee, f"{r.meeting_date:%d/%m/%Y}") for r in report.timetable.all()] == [
        ("Cabinet", "21/07/2003"),
        ("Scrutiny", "25/06/2003"),
    ]
    assert report.officer_title == "Corporate Director of Social Care and Health"


def test_implications_need_a_paragraph_reference_when_they_apply(client_for, director, report):
    data = {"revision": report.revision}
    for n in range(6):
        data[f"applies_{n}"] = "no"
    data["applies_4"] = "yes"  # Human Rights Act
    response = client_for(director).post(url("implications", report), data)
    assert response.status_code == 400
    assert "Enter the paragraph references for Human Rights Act" in response.content.decode()
    data["reference_4"] = "4.3"
    assert client_for(director).post(url("implications", report), data).status_code == 302
    report.refresh_from_db()
    assert report.other_implications[4] == {
        "name": "Human Rights Act",
        "applies": True,
        "reference": "4.3",
    }
    assert not report.other_implications[1]["applies"]  # Policy, changed to No


def test_a_key_decision_needs_a_reason(client_for, director, report):
    data = {
        "key_decision": "yes",
        "decision_reason": "",
        "forward_plan": "yes",
        "decision_maker": "council",
        "revision": report.revision,
    }
    response = client_for(director).post(url("decision", report), data)
    assert "Enter the reason it is a key decision" in response.content.decode()
    data["decision_reason"] = "Significant effect on communities in two or more wards"
    assert client_for(director).post(url("decision", report), data).status_code == 302
    report.refresh_from_db()
    assert report.key_decision and report.decision_maker == "council"


def test_only_appendices_with_something_to_show_can_be_attached(client_for, director, report):
    data = {"appendices": ["roles", "evaluation"], "revision": report.revision}
    response = client_for(director).post(url("appendices", report), data)
    assert response.status_code == 400
    assert "cannot be attached: the council has no statement" in response.content.decode()
    data["appendices"] = ["action_plan", "evaluation"]
    assert client_for(director).post(url("appendices", report), data).status_code == 302
    report.refresh_from_db()
    assert report.appendix_list() == ["evaluation", "action_plan"]


def test_marking_final_then_downloading_serves_the_stored_bytes(client_for, director, report):
    client = client_for(director)
    response = client.post(url("final", report), {})
    assert response.status_code == 400
    assert "Select the meeting the report is final for" in response.content.decode()
    meeting = meeting_label(report.timetable.get())
    assert client.post(url("final", report), {"meeting": meeting}).status_code == 302
    stored = CabinetReport.objects.get(pk=report.pk)
    download = client.get(url("pdf", report))
    assert download.status_code == 200
    assert download.content == stored.pdf_bytes
    assert download["ETag"] == f'"{stored.pdf_sha256}"'
    assert download["Content-Disposition"].startswith('attachment; filename="cabinet-report-509-')
    # Every editing page now sends the director back to the report, and nothing changes.
    for name, extra in (("front", ()), ("section", ("summary",)), ("appendices", ())):
        refused = client.post(url(name, report, *extra), {"revision": "0", "heading": "X"})
        assert refused.status_code == 302 and refused["Location"] == url("report", report)
    assert CabinetReport.objects.get(pk=report.pk).pdf_bytes == stored.pdf_bytes
    listing = client.get(reverse("cabinet:list", args=["509"]))
    assert [r.pk for r in listing.context["finals"]] == [report.pk]
    assert meeting in listing.content.decode()


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_pages_take_a_fixed_number_of_queries_however_many_reports(
    client_for, director, report, django_assert_max_num_queries
):
    client = client_for(director)
    with django_assert_max_num_queries(12):
        client.get(url("report", report))
    listing = reverse("cabinet:list", args=["509"])
    one = _queries(client, listing)
    for _ in range(4):
        mark_final(
            draft_report(report.council, ReportKind.EVALUATION, director),
            director,
            "Cabinet",
        )
    assert _queries(client, listing) == one
    assert _queries(client, url("report", report)) <= 12
