"""Who may read, write, issue and respond: through the same URLs people use."""

import pytest
from django.urls import reverse

from evaluations.models import Evaluation, Finding
from tests.evaluations import seed_000
from tests.factories import AdministratorFactory


def url(name, evaluation, *extra):
    return reverse(f"evaluation:{name}", args=["509", evaluation.pk, *extra])


FINDING = {
    "description": "Added by someone who should not",
    "paf_domain": "cost",
    "kind": "strength",
    "highlight": "no",
}


def test_the_assigned_inspector_edits_the_draft(client_for, inspector, draft):
    client = client_for(inspector)
    assert client.get(url("edit", draft)).status_code == 200
    response = client.post(url("edit", draft), seed_000.form_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.overall_serving == "most" and draft.revision == 1


@pytest.mark.parametrize("view", ["detail", "edit", "check", "pdf", "add_finding"])
def test_a_draft_does_not_exist_for_an_unassigned_inspector(
    client_for, inspector_unassigned, draft, view
):
    assert client_for(inspector_unassigned).get(url(view, draft)).status_code == 404


@pytest.mark.parametrize("person", ["officer", "director", "officer_b", "director_b"])
@pytest.mark.parametrize("view", ["detail", "edit", "check", "pdf", "add_finding", "respond"])
def test_councils_never_see_a_draft_evaluation(client_for, request, draft, person, view):
    client = client_for(request.getfixturevalue(person))
    assert client.get(url(view, draft)).status_code == 404


def test_councils_are_not_told_about_drafts_in_lists(client_for, officer, director, draft):
    for person in (officer, director):
        client = client_for(person)
        listing = client.get(reverse("evaluation:council", args=["509"])).content.decode()
        assert url("detail", draft) not in listing
        assert "SSI has not issued an evaluation of your return yet" in listing
        overview = client.get(reverse("self_audit:overview", args=["509"])).content.decode()
        assert url("detail", draft) not in overview


def test_nobody_but_assigned_inspectors_can_post_to_a_draft(
    client_for, draft, officer, director, inspector_unassigned, administrator
):
    for person in (officer, director, inspector_unassigned, administrator):
        client = client_for(person)
        data = seed_000.form_data(draft, action="check")
        assert client.post(url("edit", draft), data).status_code == 404
        assert client.post(url("add_finding", draft), FINDING).status_code == 404
        assert client.post(url("issue", draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.revision == 0 and not draft.findings.exists()


@pytest.mark.parametrize("person", ["officer", "director", "inspector_unassigned"])
def test_those_who_may_read_an_issued_evaluation_may_not_change_it(
    client_for, request, issued, person
):
    client = client_for(request.getfixturevalue(person))
    assert client.get(url("detail", issued)).status_code == 200
    assert client.get(url("pdf", issued)).status_code == 200
    assert client.get(url("edit", issued)).status_code == 403
    assert client.post(url("edit", issued), seed_000.form_data(issued)).status_code == 403
    assert client.post(url("add_finding", issued), FINDING).status_code == 403
    finding = issued.findings.first()
    assert (
        client.post(url("remove_finding", issued, finding.pk), {"confirm": "yes"}).status_code
        == 403
    )
    assert client.post(url("issue", issued)).status_code == 403
    assert Finding.objects.filter(evaluation=issued).count() == 4


def test_other_councils_cannot_see_an_issued_evaluation(client_for, officer_b, director_b, issued):
    for person in (officer_b, director_b):
        client = client_for(person)
        assert client.get(url("detail", issued)).status_code == 404
        assert client.get(reverse("evaluation:council", args=["509"])).status_code == 404


def test_even_the_assigned_inspector_cannot_change_an_issued_evaluation(
    client_for, inspector, issued
):
    client = client_for(inspector)
    response = client.post(url("edit", issued), seed_000.form_data(issued, overall_serving="none"))
    assert response.status_code == 302 and response["Location"] == url("detail", issued)
    assert client.post(url("add_finding", issued), FINDING).status_code == 302
    assert Evaluation.objects.get(pk=issued.pk).overall_serving == "most"
    assert issued.findings.count() == 4


def test_only_assigned_inspectors_start_evaluations(
    client_for, audit_return, officer, director, inspector_unassigned, inspector
):
    start_url = reverse("evaluation:start", args=["509"])
    for person in (officer, director, inspector_unassigned):
        assert client_for(person).post(start_url, {"phase": "a"}).status_code == 403
    assert not Evaluation.objects.exists()
    assert client_for(inspector).post(start_url, {"phase": "a"}).status_code == 302
    assert Evaluation.objects.get().inspector == inspector


def test_only_the_councils_director_records_its_response(
    client_for, issued, officer, inspector, director_b, director
):
    data = {"text": "Our response"}
    assert client_for(officer).post(url("respond", issued), data).status_code == 403
    assert client_for(inspector).post(url("respond", issued), data).status_code == 403
    assert client_for(director_b).post(url("respond", issued), data).status_code == 404
    assert not hasattr(Evaluation.objects.get(pk=issued.pk), "council_response")
    assert client_for(director).post(url("respond", issued), data).status_code == 302
    assert Evaluation.objects.get(pk=issued.pk).council_response.text == "Our response"


def test_the_workspace_is_for_inspectors(client_for, officer, director, inspector):
    workspace = reverse("evaluation:workspace")
    assert client_for(officer).get(workspace).status_code == 403
    assert client_for(director).get(workspace).status_code == 403
    assert client_for(AdministratorFactory(username="admin.ws")).get(workspace).status_code == 403
    assert client_for(inspector).get(workspace).status_code == 200


def test_an_inspectors_home_is_the_workspace(client_for, inspector):
    response = client_for(inspector).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("evaluation:workspace")
