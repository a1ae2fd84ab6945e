"""The spreadsheet import at the same limits and normalisation as the standard page (issue 17)."""

import pytest
from django.urls import reverse

from standards.self_audit.rules import save_answers
from tests.standards.spreadsheet.helpers import (
    cell_of,
    draft_for,
    edit,
    export,
    fill,
    history_count,
    problems_in,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(council_a, framework, officer):
    return fill(draft_for(council_a, framework, officer), officer, rating=3)


def test_evidence_over_its_limit_is_a_clear_per_cell_error(client_for, officer, council_a, draft):
    client = client_for(officer)
    before = snapshot(draft)

    def change(workbook):
        cell_of(workbook, "2.10", "evidence").value = "e" * 10_001
        cell_of(workbook, "2.1", "improvement").value = "i" * 5_001

    response = upload(client, council_a, edit(export(draft), change))

    assert response.status_code == 400
    problems = problems_in(response)
    assert any(
        "column Evidence" in p and "for 2.10 must be 10,000 characters or fewer" in p
        for p in problems
    ), problems
    assert any("for 2.1 must be 5,000 characters or fewer" in p for p in problems), problems
    assert snapshot(draft) == before


def test_text_typed_on_the_page_and_the_same_text_imported_are_one_text(
    client_for, officer, council_a, draft
):
    """Saved from the browser with \\r\\n and trailing spaces, exported, imported: no change."""
    answer = draft.answers.get(criterion__code="2.10")
    save_answers(
        draft,
        officer,
        {
            answer.criterion_id: (
                answer.revision,
                answer.values() | {"evidence": "First line  \r\nSecond line\r\n"},
            )
        },
    )
    answer.refresh_from_db()
    assert answer.evidence == "First line\nSecond line"
    before, history_before = snapshot(draft), history_count(draft)
    client = client_for(officer)

    assert upload(client, council_a, export(draft)).status_code == 302
    page = client.get(reverse("spreadsheet:upload-check", args=[council_a.code]))

    assert page.context["preview"].changes == []
    assert snapshot(draft) == before and history_count(draft) == history_before
