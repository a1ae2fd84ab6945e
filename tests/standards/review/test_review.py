"""Who does what (issue 18, point 2): the director assigns standards, an officer marks one
ready, the director returns it with a comment or approves it; submission needs every standard
approved once the work is shared out; editing an approved standard reopens it. Through the
pages, as people use them."""

import pytest
from django.core import mail
from django.test import Client

from climbie_audit.models import AuditEvent, Notification
from standards.models import ReviewState, StandardReview
from standards.review import rules as review_rules
from standards.self_audit import rules as self_audit
from tests.factories import OfficerFactory
from tests.standards.helpers import draft_for, fill, form_data


def signed_in(person):
    """A client of the person's own: the director and an officer take turns on one return."""
    client = Client()
    client.force_login(person)
    return client


def review_url(number, code="509"):
    return f"/councils/{code}/self-audit/standards/{number}/review/"


def revision_of(draft, number):
    review = StandardReview.objects.filter(audit_return=draft, standard__number=number).first()
    return review.revision if review else 0


def step(client, draft, number, action, **fields):
    data = {"action": action, f"{action}-revision": revision_of(draft, number)}
    data |= {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(review_url(number), data)


@pytest.fixture
def draft(council_a, framework, officer):
    return draft_for(council_a, framework, officer)


@pytest.fixture
def second_officer(council_a):
    return OfficerFactory(username="officer.second", council=council_a, first_name="Sam")


def state_of(draft, number):
    return StandardReview.objects.get(audit_return=draft, standard__number=number).state


def test_director_assigns_a_standard_and_the_task_list_shows_who_has_it(
    client_for, draft, director, officer
):
    client = client_for(director)
    response = step(client, draft, 1, "assign", assignee=officer.pk)
    assert response.status_code == 302
    review = StandardReview.objects.get(audit_return=draft, standard__number=1)
    assert review.assignee == officer and review.state == ReviewState.NOT_STARTED
    page = client.get("/councils/509/self-audit/").content.decode()
    row = page.split('data-testid="review-row-1"')[1].split("</tr>")[0]
    assert officer.display_name in row and "Not started" in row
    history = [h.history_change_reason for h in review.history.all()]
    assert f"Assigned to {officer.display_name}" in history
    assert AuditEvent.objects.filter(object_type="standards.StandardReview").exists()


def test_assigning_without_choosing_shows_a_govuk_error_and_changes_nothing(
    client_for, draft, director
):
    response = step(client_for(director), draft, 1, "assign", assignee="")
    assert response.status_code == 400
    assert "Select who will complete standard 1" in response.content.decode()
    assert not StandardReview.objects.exists()


def test_only_the_director_assigns_and_reviews(client_for, draft, officer):
    client = client_for(officer)
    assert step(client, draft, 1, "assign", assignee=officer.pk).status_code == 403
    assert step(client, draft, 1, "approve").status_code == 403
    assert not StandardReview.objects.exists()


def test_someone_of_another_council_cannot_see_the_review(client_for, draft, officer_b, inspector):
    assert client_for(officer_b).get(review_url(1)).status_code == 404
    assert client_for(inspector).get(review_url(1)).status_code == 404


def test_the_assignee_marks_ready_but_another_officer_cannot(
    client_for, draft, director, officer, second_officer
):
    step(client_for(director), draft, 2, "assign", assignee=officer.pk)
    assert step(client_for(second_officer), draft, 2, "ready").status_code == 403
    assert step(client_for(officer), draft, 2, "ready").status_code == 302
    assert state_of(draft, 2) == ReviewState.READY


def test_returned_with_a_comment_then_approved_and_the_officer_is_told(
    client_for, draft, director, officer, django_capture_on_commit_callbacks
):
    director_client, officer_client = signed_in(director), signed_in(officer)
    step(director_client, draft, 3, "assign", assignee=officer.pk)
    step(officer_client, draft, 3, "ready")

    empty = step(director_client, draft, 3, "return", comment="")
    assert empty.status_code == 400
    assert "Enter what needs to change before you return the standard" in empty.content.decode()
    too_long = step(director_client, draft, 3, "return", comment="x" * 2001)
    assert "Comment must be 2,000 characters or fewer" in too_long.content.decode()
    assert state_of(draft, 3) == ReviewState.READY

    with django_capture_on_commit_callbacks(execute=True):
        step(director_client, draft, 3, "return", comment="Say which audits show this")
    assert state_of(draft, 3) == ReviewState.RETURNED
    assert "Say which audits show this" in officer_client.get(review_url(3)).content.decode()
    told = Notification.objects.get(recipient=officer, kind="standard_returned")
    assert "Say which audits show this" in told.body
    assert [m.to for m in mail.outbox] == [[officer.email]]

    step(officer_client, draft, 3, "ready")
    with django_capture_on_commit_callbacks(execute=True):
        step(director_client, draft, 3, "approve")
    assert state_of(draft, 3) == ReviewState.APPROVED
    assert Notification.objects.filter(recipient=officer, kind="standard_approved").exists()
    review = StandardReview.objects.get(audit_return=draft, standard__number=3)
    reasons = [h.history_change_reason for h in reversed(review_rules.history_of(review))]
    assert reasons == [
        f"Assigned to {officer.display_name}",
        "Marked ready for review",
        "Returned: Say which audits show this",
        "Marked ready for review",
        "Approved",
    ]


def test_a_step_from_an_out_of_date_page_is_refused(client_for, draft, director, officer):
    step(client_for(director), draft, 1, "assign", assignee=officer.pk)
    stale = client_for(officer).post(review_url(1), {"action": "ready", "ready-revision": 0})
    assert stale.status_code == 400
    assert "Someone else changed this standard" in stale.content.decode()
    assert state_of(draft, 1) == ReviewState.NOT_STARTED


def test_editing_an_approved_standard_sends_it_back_to_in_progress(
    client_for, draft, director, officer
):
    director_client = client_for(director)
    step(director_client, draft, 1, "assign", assignee=director.pk)
    step(director_client, draft, 1, "ready")
    step(director_client, draft, 1, "approve")
    data = form_data(draft, 1, overrides={"c1_1-evidence": "New evidence"})
    assert (
        client_for(officer).post("/councils/509/self-audit/standards/1/", data).status_code == 302
    )
    assert state_of(draft, 1) == ReviewState.IN_PROGRESS
    review = StandardReview.objects.get(audit_return=draft, standard__number=1)
    assert review.history.first().history_change_reason == "Changed after approval"


def test_a_save_that_changes_nothing_leaves_the_review_alone(client_for, draft, director):
    director_client = client_for(director)
    step(director_client, draft, 1, "assign", assignee=director.pk)
    step(director_client, draft, 1, "ready")
    step(director_client, draft, 1, "approve")
    director_client.post("/councils/509/self-audit/standards/1/", form_data(draft, 1))
    assert state_of(draft, 1) == ReviewState.APPROVED


def test_submission_lists_each_standard_not_approved_then_goes_once_all_are(
    client_for, draft, director, officer
):
    fill(draft, officer)
    director_client = client_for(director)
    step(director_client, draft, 1, "assign", assignee=officer.pk)
    refused = director_client.post("/councils/509/self-audit/submit/")
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Standard 1: Referral has not been approved (not started)" in page
    assert "Standard 7:" in page
    assert not draft.__class__.objects.filter(pk=draft.pk, status="submitted").exists()

    for number in range(1, 8):
        step(director_client, draft, number, "ready")
        step(director_client, draft, number, "approve")
    submitted = director_client.post("/councils/509/self-audit/submit/")
    assert submitted.status_code == 302
    draft.refresh_from_db()
    assert draft.is_submitted


def test_without_any_assignment_the_director_submits_as_before(draft, director, officer):
    fill(draft, officer)
    assert self_audit.submit(draft, director).is_submitted


def test_the_review_page_shows_each_state_to_each_person(client_for, draft, director, officer):
    page = client_for(officer).get(review_url(4)).content.decode()
    assert "Nobody yet" in page and "Assign the standard" not in page
    page = client_for(director).get(review_url(4)).content.decode()
    assert "Assign the standard" in page
