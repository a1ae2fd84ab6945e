"""Exact saves (issue 17, point 2): text is normalised on every path, a save that changes
nothing records nothing, a page claims only the criteria the person changed."""

import pytest
from django.test import Client
from django.urls import reverse

from climbie_audit.models import AuditEvent
from standards.models import Answer
from standards.self_audit import rules as self_audit
from tests.browser_form import posted_back
from tests.standards.helpers import answer, complete_values, draft_for, fill, form_data

pytestmark = pytest.mark.django_db

MULTILINE = "Line one of the evidence.\nLine two, after a break.\n\nA second paragraph."


def url(name, *args, code="509"):
    return reverse(f"self_audit:{name}", args=[code, *args])


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _history_and_revisions(draft):
    return (
        Answer.history.filter(audit_return=draft).count(),
        sorted(draft.answers.values_list("criterion__code", "revision")),
        AuditEvent.objects.count(),
    )


def test_untouched_page_posted_back_with_crlf_records_nothing(officer, council_a, framework):
    """Text imported with \\n comes back from the browser as \\r\\n: saving it is no change."""
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, {"2.10": 3}, only={"2.10", "2.1"})
    code_210 = answer(draft, "2.10")
    self_audit.save_answers(
        draft,
        officer,
        {code_210.criterion_id: (1, complete_values("2.10", 3) | {"evidence": MULTILINE})},
    )
    client = signed_in(officer)  # signing in is an audit event of its own
    before = _history_and_revisions(draft)
    data = posted_back(client.get(url("standard", 2)).content.decode())
    assert "\r\n" in data["c2_10-evidence"], "the browser posts line breaks as CRLF"
    data["c2_10-evidence"] += "   \r\n\r\n"  # and trailing spaces and blank lines add nothing

    response = client.post(url("standard", 2), data | {"action": "later"})

    assert response.status_code == 302
    assert _history_and_revisions(draft) == before
    assert answer(draft, "2.10").evidence == MULTILINE


def test_two_officers_saving_different_criteria_of_one_standard_both_land(
    officer, council_a, framework
):
    colleague = type(officer).objects.create(
        username="colleague", role="officer", council=council_a
    )
    draft = draft_for(council_a, framework, officer)
    first, second = signed_in(officer), signed_in(colleague)
    first_page = posted_back(first.get(url("standard", 2)).content.decode())
    second_page = posted_back(second.get(url("standard", 2)).content.decode())

    first_page |= {"c2_1-rating": "4", "c2_1-evidence": "Officer one's evidence", "action": "later"}
    second_page |= {
        "c2_2-rating": "4",
        "c2_2-evidence": "Officer two's evidence",
        "action": "later",
    }
    assert first.post(url("standard", 2), first_page).status_code == 302
    assert second.post(url("standard", 2), second_page).status_code == 302

    assert (answer(draft, "2.1").rating, answer(draft, "2.1").evidence) == (
        4,
        "Officer one's evidence",
    )
    assert (answer(draft, "2.2").rating, answer(draft, "2.2").evidence) == (
        4,
        "Officer two's evidence",
    )


def test_a_real_conflict_on_one_criterion_still_shows_both_values(officer, council_a, framework):
    colleague = type(officer).objects.create(
        username="colleague", role="officer", council=council_a, first_name="Carla"
    )
    draft = draft_for(council_a, framework, officer)
    loaded = form_data(draft, 2)
    theirs = loaded | {"c2_10-evidence": "Carla's evidence"}
    assert signed_in(colleague).post(url("standard", 2), theirs).status_code == 302

    clash = signed_in(officer).post(url("standard", 2), loaded | {"c2_10-evidence": "Mine"})

    content = clash.content.decode()
    assert clash.status_code == 409
    assert "Carla&#x27;s evidence" in content and "Mine" in content
    assert answer(draft, "2.10").evidence == "Carla's evidence"


def test_a_stale_page_saving_nothing_new_conflicts_with_nobody(officer, council_a, framework):
    draft = draft_for(council_a, framework, officer)
    stale = form_data(draft, 1)
    fill(draft, officer, {"1.1": 3}, only={"1.1"})  # someone saves 1.1 meanwhile

    response = signed_in(officer).post(url("standard", 1), stale)

    assert response.status_code == 302
    assert answer(draft, "1.1").rating == 3  # their save stands


def test_megabyte_of_evidence_is_refused_with_the_limit_and_nothing_changes(
    officer, council_a, framework
):
    draft = draft_for(council_a, framework, officer)
    client = signed_in(officer)
    before = _history_and_revisions(draft)
    data = form_data(draft, 2, overrides={"c2_10-evidence": "x" * 1_000_000, "c2_1-rating": "4"})

    response = client.post(url("standard", 2), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Evidence for 2.10 must be 10,000 characters or fewer" in content
    assert 'href="#id_c2_10-evidence"' in content
    assert _history_and_revisions(draft) == before
    assert answer(draft, "2.1").rating is None


def test_compare_versions_ignores_differences_normalisation_removes(
    officer, director, council_a, framework
):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer)
    # Version 1 was stored before normalisation, with a browser's line breaks.
    Answer.objects.filter(pk=answer(draft, "2.10").pk).update(evidence="One\r\nTwo  \r\n")
    self_audit.submit(draft, director, notify=False)
    revision = self_audit.start_revision(draft.self_audit, director)
    changed = answer(revision, "2.10")
    assert changed.evidence == "One\r\nTwo  \r\n"  # copied as stored
    now = complete_values("2.10", 3) | {"evidence": "One\nTwo"}
    self_audit.save_answers(revision, officer, {changed.criterion_id: (changed.revision, now)})

    changes = {c.criterion.code: c.changes for c in self_audit.compare(draft, revision)}

    assert [label for label, _, _ in changes["2.10"]] == [
        "Rating",
        "Intended improvement",
        "Lead officer",
        "Target date",
    ]


def test_a_missing_or_forged_fingerprint_counts_as_changed_never_as_an_error(
    officer, council_a, framework
):
    draft = draft_for(council_a, framework, officer)
    stale = form_data(draft, 1)
    fill(draft, officer, {"1.1": 3}, only={"1.1"})  # someone saves 1.1 meanwhile
    client = signed_in(officer)

    for forged in ("\x00" * 100, "not a fingerprint", None):
        data = dict(stale)
        if forged is None:
            del data["c1_1-rendered"]
        else:
            data["c1_1-rendered"] = forged
        response = client.post(url("standard", 1), data)
        # Unchanged by this person, but the page cannot prove it: shown as a conflict.
        assert response.status_code == 409, forged
        assert answer(draft, "1.1").rating == 3
