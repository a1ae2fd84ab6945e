"""Sections of a council's own (issue 15, point 3), through the pages a director uses: move,
leave out, put back, add, rename and delete sections; what changes nothing records nothing; a
stale page is refused with nothing changed; the PDF and the Word copy print what the page shows."""

import pytest
from django.urls import reverse

from reports.cabinet.drafting import draft_report
from reports.cabinet.final import mark_final, meeting_label
from reports.cabinet.layout import paper_layout
from reports.cabinet.word import render_report_docx
from reports.models import CabinetReport, HouseStyle, PaperStyle, ReportKind, ReportSection
from tests.reports.documents import docx_paragraphs
from tests.reports.paper_parts.conftest import parts_url


def press(client, report, action, **extra):
    """Press one button of the parts page as it was loaded (its structure revision)."""
    report.refresh_from_db()
    return client.post(
        parts_url(report), {"action": action, "revision": report.structure_revision, **extra}
    )


def printed(report):
    """(number, heading) of the sections the paper prints, as the PDF and Word copy do."""
    report.refresh_from_db()
    return [(s.number, s.section.heading) for s in paper_layout(report).sections]


def test_moving_a_section_renumbers_the_paper(client_for, director, report):
    client = client_for(director)
    before = printed(report)
    assert before[:3] == [(1, "Purpose of report"), (2, "Summary"), (3, "Recommendations")]
    response = press(client, report, "down:purpose")
    assert response.status_code == 302 and response["Location"].endswith("#purpose")
    assert printed(report)[:3] == [(1, "Summary"), (2, "Purpose of report"), (3, "Recommendations")]
    follow = client.get(response["Location"])
    assert "“Purpose of report” has been moved down." in follow.content.decode()
    press(client, report, "up:recommendations")
    assert [h for _, h in printed(report)[:3]] == [
        "Summary",
        "Recommendations",
        "Purpose of report",
    ]


def test_a_move_that_changes_nothing_records_nothing(client_for, director, report):
    first = report.sections.order_by("position")[0]
    report.refresh_from_db()
    revision, updated = report.structure_revision, report.updated_at
    response = press(client_for(director), report, f"up:{first.key}")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.structure_revision == revision and report.updated_at == updated


def test_leaving_a_section_out_and_putting_it_back(client_for, director, report):
    client = client_for(director)
    press(client, report, "leave_out:options")
    headings = [h for _, h in printed(report)]
    assert "Other options considered" not in headings
    assert report.sections.get(key="options").body, "the text is kept"
    page = client.get(reverse("cabinet:report", args=["509", report.pk])).content.decode()
    assert 'data-testid="left-out"' in page
    docx = render_report_docx(CabinetReport.objects.get(pk=report.pk))
    assert not any("Other options considered" in text for _, text in docx_paragraphs(docx))
    press(client, report, "put_back:options")
    assert "Other options considered" in [h for _, h in printed(report)]


def test_a_section_of_the_councils_own_is_numbered_where_it_was_put(client_for, director, report):
    client = client_for(director)
    report.refresh_from_db()
    page = client.get(parts_url(report, "add_section"))
    assert page.status_code == 200
    assert page.context["form"]["after"].value() == "options", "after the last discussion"
    response = client.post(
        parts_url(report, "add_section"),
        {
            "heading": "Lessons from Derby",
            "body": "The council visited Derby.\n\nIt learned two things.",
            "after": "summary",
            "revision": report.structure_revision,
        },
    )
    assert response.status_code == 302
    section = report.sections.get(heading="Lessons from Derby")
    assert section.own and section.key == "own-1"
    numbered = {s.section.heading: s for s in paper_layout(report).sections}
    own = numbered["Lessons from Derby"]
    assert own.number == 3 and [b.number for b in own.blocks] == ["3.1", "3.2"]
    assert numbered["Recommendations"].number == 4
    # Renamed on its own page, like every section; it has nothing to be written from again.
    edit = client.get(reverse("cabinet:section", args=["509", report.pk, "own-1"]))
    assert "Write this section again from the data" not in edit.content.decode()
    client.post(
        reverse("cabinet:section", args=["509", report.pk, "own-1"]),
        {"heading": "What Derby taught us", "body": section.body, "revision": section.revision},
    )
    assert "What Derby taught us" in [h for _, h in printed(report)]


def test_deleting_an_own_section_asks_first(client_for, director, report):
    client = client_for(director)
    report.refresh_from_db()
    client.post(
        parts_url(report, "add_section"),
        {
            "heading": "Temporary",
            "body": "Text.",
            "after": "start",
            "revision": report.structure_revision,
        },
    )
    asked = press(client, report, "delete:own-1")
    assert asked.status_code == 200
    assert "Are you sure you want to delete “Temporary”?" in asked.content.decode()
    assert report.sections.filter(key="own-1").exists()
    press(client, report, "delete:own-1", confirmed="yes")
    assert not report.sections.filter(key="own-1").exists()
    # A drafted section can only be left out, never deleted.
    response = press(client, report, "delete:summary", confirmed="yes")
    assert response.status_code == 400 and report.sections.filter(key="summary").exists()


def test_a_stale_page_is_refused_and_changes_nothing(client_for, director, report):
    client = client_for(director)
    report.refresh_from_db()
    stale = report.structure_revision
    press(client, report, "down:purpose")  # someone else, first
    order = list(report.sections.order_by("position").values_list("key", flat=True))
    response = client.post(parts_url(report), {"action": "leave_out:summary", "revision": stale})
    assert response.status_code == 409
    assert "Someone else changed the sections or appendices" in response.content.decode()
    assert report.sections.get(key="summary").included
    assert list(report.sections.order_by("position").values_list("key", flat=True)) == order
    added = client.post(
        parts_url(report, "add_section"),
        {"heading": "Mine", "body": "My text.", "after": "start", "revision": stale},
    )
    assert added.status_code == 409 and "My text." in added.content.decode()
    assert not report.sections.filter(own=True).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "sideways:summary", "revision": "0"},
        {"action": "up:", "revision": "0"},
        {"action": "up:no-such-section", "revision": "0"},
        {"action": "up:summary", "revision": "-1"},
        {"action": "up:summary", "revision": "99999999999999999999"},
        {"action": "up:summ\x00ary", "revision": "0"},
    ],
)
def test_a_mangled_button_press_is_an_error_that_changes_nothing(
    client_for, director, report, data
):
    order = list(report.sections.order_by("position").values_list("key", "included"))
    response = client_for(director).post(parts_url(report), data)
    assert response.status_code in (400, 409)
    assert "There is a problem" in response.content.decode() or response.status_code == 409
    assert list(report.sections.order_by("position").values_list("key", "included")) == order


def test_the_derby_style_moves_only_the_sections_its_body_prints(
    client_for, director, council_a, evaluated
):
    PaperStyle.objects.create(council=council_a, house_style=HouseStyle.DERBY)
    report = draft_report(council_a, ReportKind.EVALUATION, director)
    page = client_for(director).get(parts_url(report))
    body_keys = [part.key for part in page.context["contents"].body]
    assert body_keys[:4] == ["purpose", "recommendations", "summary", "findings"]
    assert "financial" not in body_keys, "printed in the implications appendix"
    elsewhere = {s.key: where for s, where in page.context["contents"].elsewhere}
    assert elsewhere["financial"] == "in the implications appendix"
    assert page.context["contents"].appendices[0].name == "Implications"
    assert not page.context["contents"].appendices[0].movable


def test_a_final_report_refuses_every_change(client_for, director, report):
    report = mark_final(report, director, meeting_label(report.timetable.first()))
    client = client_for(director)
    for response in (
        press(client, report, "down:purpose"),
        client.get(parts_url(report)),
        client.post(
            parts_url(report, "add_section"),
            {
                "heading": "Late",
                "body": "",
                "after": "start",
                "revision": report.structure_revision,
            },
        ),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("cabinet:report", args=["509", report.pk])
    assert not report.sections.filter(own=True).exists()
    assert list(report.sections.order_by("position").values_list("key", flat=True))[0] == "purpose"


def test_the_parts_page_takes_a_fixed_number_of_queries(
    client_for, director, report, django_assert_max_num_queries
):
    client = client_for(director)
    with django_assert_max_num_queries(14):
        assert client.get(parts_url(report)).status_code == 200
    for n in range(8):
        ReportSection.objects.create(
            report=report,
            position=100 + n,
            key=f"own-{n + 1}",
            heading=f"Own {n}",
            body="Text.",
            own=True,
        )
    with django_assert_max_num_queries(14):
        assert client.get(parts_url(report)).status_code == 200
