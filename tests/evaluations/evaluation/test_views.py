"""The evaluation pages, as an inspector and a council use them."""

import html as html_module
import re

import pytest
from django.test import Client
from django.urls import reverse

from evaluations.evaluation import workflow
from evaluations.models import Evaluation
from tests.evaluations import seed_000
from tests.evaluations.helpers import fill_like_seed, issued_like_seed


def url(name, evaluation, *extra):
    return reverse(f"evaluation:{name}", args=["509", evaluation.pk, *extra])


def error_summary(response) -> list[tuple[str, str]]:
    html = response.content.decode()
    summary = html[html.index("govuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)
    return [(anchor, html_module.unescape(message)) for anchor, message in links]


@pytest.fixture
def inspector_client(client_for, inspector):
    return client_for(inspector)


def test_the_form_shows_each_standard_beside_the_councils_ratings(inspector_client, draft):
    html = inspector_client.get(url("edit", draft)).content.decode()
    assert "Performance evaluation" in html and "Roy" not in html  # the factory's inspector
    for number in range(1, 8):
        assert f'name="s{number}-judgement"' in html
        assert f'data-testid="council-ratings-{number}"' in html
    # Both scales are offered for a standard, divided as alternatives.
    block = html[html.index('id="div_id_s1-judgement"') : html.index('id="id_s1-text"')]
    labels = re.findall(r'govuk-radios__label"[^>]*>\s*([^<]+?)\s*</label>', block)
    assert labels == ["All", "Most", "Some", "None", "Excellent", "Promising", "Uncertain", "Poor"]
    divider = block.index("govuk-radios__divider")
    assert block.index('value="none"') < divider < block.index('value="excellent"')
    assert "particularly if evaluation does not agree with the council" in html
    # The council's criteria for standard 2 in order, with their ratings and target dates.
    panel = html[html.index('data-testid="council-ratings-2"') :]
    panel = panel[: panel.index("</section>")]
    assert panel.index("2.9:") < panel.index("2.10:")
    assert "rated 4" in panel and "Target date" in panel


def test_issuing_with_judgements_missing_lists_one_message_per_judgement(inspector_client, draft):
    data = seed_000.form_data(draft, action="check")
    data["s3-judgement"] = ""
    data["s7-judgement"] = ""
    data["overall_capacity"] = ""
    response = inspector_client.post(url("edit", draft), data)
    assert response.status_code == 400
    assert error_summary(response) == [
        ("#id_s3-judgement_1", "Select a judgement for standard 3"),
        ("#id_s7-judgement_1", "Select a judgement for standard 7"),
        ("#id_overall_capacity_1", "Select a judgement for capacity for improvement"),
    ]
    html = response.content.decode()
    assert html.count("govuk-error-message") == 3
    assert "<title>Error: " in html
    # Nothing saved, nothing lost: what was typed is still on the page.
    draft.refresh_from_db()
    assert draft.revision == 0 and draft.overall_serving == ""
    assert seed_000.TEXTS[3][:40] in html


def test_saving_a_draft_needs_no_judgements(inspector_client, draft):
    data = {"action": "save", "revision": "0", "s2-judgement": "some", "s2-text": "Partly"}
    response = inspector_client.post(url("edit", draft), data)
    assert response.status_code == 302 and response["Location"] == url("edit", draft)
    judgement = draft.judgements.get(standard__number=2)
    assert (judgement.judgement, judgement.text) == ("some", "Partly")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2003", "Date of completion must be a real date"),
        ("6", "", "2003", "Date of completion must include a month"),
        ("6", "5", "03", "Date of completion must be a real date"),
    ],
)
def test_invalid_date_of_completion(inspector_client, draft, day, month, year, message):
    data = seed_000.form_data(draft) | {
        "completed_on_0": day,
        "completed_on_1": month,
        "completed_on_2": year,
    }
    response = inspector_client.post(url("edit", draft), data)
    assert response.status_code == 400
    assert error_summary(response) == [("#id_completed_on_0", message)]
    assert Evaluation.objects.get(pk=draft.pk).revision == 0


def test_an_unknown_judgement_is_refused(inspector_client, draft):
    data = seed_000.form_data(draft) | {"s4-judgement": "brilliant"}
    response = inspector_client.post(url("edit", draft), data)
    assert error_summary(response) == [("#id_s4-judgement_1", "Select a judgement for standard 4")]


def test_check_then_issue_then_the_council_reads_and_responds(
    inspector_client, client_for, draft, director, inspector
):
    response = inspector_client.post(url("edit", draft), seed_000.form_data(draft, "check"))
    assert response["Location"] == url("check", draft)
    check = inspector_client.get(url("check", draft)).content.decode()
    assert "Check the evaluation before you issue it" in check
    assert check.count(">Most<") >= 4 and check.count(">Promising<") >= 5
    response = inspector_client.post(url("issue", draft))
    assert response["Location"] == url("detail", draft)
    draft.refresh_from_db()
    assert draft.is_issued and draft.completed_on == seed_000.COMPLETED_ON

    council = client_for(director)
    detail = council.get(url("detail", draft)).content.decode()
    assert seed_000.TEXTS[7] in detail and "Record the council's response" in detail
    form = council.get(url("respond", draft))
    assert form.status_code == 200
    empty = council.post(url("respond", draft), {"text": "  "})
    assert empty.status_code == 400
    assert error_summary(empty) == [("#id_text", "Enter the council's response")]
    text = "Recruitment issues are common to most Councils and should not be overstated."
    assert council.post(url("respond", draft), {"text": text}).status_code == 302

    seen_by_inspector = Client()
    seen_by_inspector.force_login(inspector)
    detail = seen_by_inspector.get(url("detail", draft)).content.decode()
    assert text in detail and "Recorded by" in detail


def test_issue_refused_when_a_judgement_was_cleared_meanwhile(inspector_client, draft, inspector):
    fill_like_seed(draft, inspector)
    draft.judgements.filter(standard__number=5).update(judgement="")
    response = inspector_client.post(url("issue", draft))
    assert response.status_code == 400
    edit = url("edit", draft)
    assert error_summary(response) == [
        (f"{edit}#id_s5-judgement_1", "Select a judgement for standard 5")
    ]
    assert not Evaluation.objects.get(pk=draft.pk).is_issued


def test_two_inspectors_editing_at_once_see_a_conflict_not_an_overwrite(
    client_for, draft, inspector, council_a
):
    from tests.factories import InspectorFactory, assign

    colleague = InspectorFactory(username="inspector.colleague", first_name="Helen")
    assign(colleague, council_a)
    theirs, mine = Client(), Client()
    theirs.force_login(colleague)
    mine.force_login(inspector)
    assert theirs.post(url("edit", draft), seed_000.form_data(draft)).status_code == 302
    data = seed_000.form_data(draft) | {"s2-judgement": "some"}  # still revision 0
    response = mine.post(url("edit", draft), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this evaluation while you were editing" in html
    assert "Standard 2: judgement" in html
    assert 'name="revision" value="1"' in html
    assert draft.judgements.get(standard__number=2).judgement == "most"
    data["revision"] = "1"
    assert mine.post(url("edit", draft), data).status_code == 302
    assert draft.judgements.get(standard__number=2).judgement == "some"


def test_findings_add_change_and_remove(inspector_client, draft):
    # "Add a finding" saves what is on the page first, then opens the finding form.
    response = inspector_client.post(url("edit", draft), seed_000.form_data(draft, "add-finding"))
    assert response["Location"] == url("add_finding", draft)
    assert Evaluation.objects.get(pk=draft.pk).revision == 1

    empty = inspector_client.post(url("add_finding", draft), {})
    assert empty.status_code == 400
    assert [message for _, message in error_summary(empty)] == [
        "Enter a description of the issue",
        "Select the PAF domain",
        "Select whether this is a strength or an area for development",
        "Select yes if this issue should be highlighted for the annual review",
    ]
    description, domain, kind, _ = seed_000.FINDINGS[2]
    data = {"description": description, "paf_domain": domain, "kind": kind, "highlight": "yes"}
    response = inspector_client.post(url("add_finding", draft), data)
    assert response["Location"] == url("edit", draft) + "#findings"
    finding = draft.findings.get()
    assert (finding.highlight, finding.get_paf_domain_display()) == (
        True,
        "Effectiveness of service delivery and outcomes",
    )

    edit = inspector_client.get(url("edit", draft)).content.decode()
    assert f'value="change-finding-{finding.pk}"' in edit
    response = inspector_client.post(
        url("edit", draft), seed_000.form_data(draft, f"change-finding-{finding.pk}", revision="1")
    )
    assert response["Location"] == url("change_finding", draft, finding.pk)
    change = inspector_client.get(url("change_finding", draft, finding.pk)).content.decode()
    assert "Change finding 1" in change and description in change
    data |= {"highlight": "no", "revision": "0"}
    inspector_client.post(url("change_finding", draft, finding.pk), data)
    finding.refresh_from_db()
    assert finding.highlight is False and finding.revision == 1
    # A second tab still on revision 0 is told, and nothing changes.
    stale = inspector_client.post(
        url("change_finding", draft, finding.pk), data | {"kind": "strength", "revision": "0"}
    )
    assert stale.status_code == 409 and "Someone else saved this finding" in stale.content.decode()
    finding.refresh_from_db()
    assert finding.kind == "development"

    confirm = inspector_client.post(url("remove_finding", draft, finding.pk), {"revision": "1"})
    assert confirm.status_code == 400
    assert error_summary(confirm) == [
        ("#id_confirm_1", "Select yes if you want to remove finding 1")
    ]
    inspector_client.post(
        url("remove_finding", draft, finding.pk), {"confirm": "no", "revision": "1"}
    )
    assert draft.findings.exists()
    inspector_client.post(
        url("remove_finding", draft, finding.pk), {"confirm": "yes", "revision": "1"}
    )
    assert not draft.findings.exists()


def test_a_finding_of_another_evaluation_is_not_found(inspector_client, draft, inspector):
    fill_like_seed(draft, inspector)
    other = draft.findings.first()
    follow_up_return = draft.audit_return
    workflow.issue(draft, inspector, notify=False)
    follow_up = workflow.start_evaluation(follow_up_return, inspector, "b")
    assert inspector_client.get(url("change_finding", follow_up, other.pk)).status_code == 404


def test_start_page_offers_the_phases_and_starts_the_draft(inspector_client, audit_return):
    start_url = reverse("evaluation:start", args=["509"])
    page = inspector_client.get(start_url).content.decode()
    assert "Evaluate version 1 of the return" in page
    assert "(a) Completed after the evaluation of the audit" in page
    assert "Ratings by standard" in page
    refused = inspector_client.post(start_url, {"phase": "z"})
    assert refused.status_code == 400
    assert error_summary(refused) == [("#id_phase_1", "Select the phase of this evaluation")]
    response = inspector_client.post(start_url, {"phase": "a"})
    evaluation = Evaluation.objects.get()
    assert response["Location"] == url("edit", evaluation)
    # Starting again continues the draft rather than making a second one.
    assert inspector_client.get(start_url)["Location"] == url("edit", evaluation)


def test_a_later_phase_is_started_from_the_issued_evaluation(
    inspector_client, audit_return, inspector
):
    issued = issued_like_seed(audit_return, inspector)
    start_url = reverse("evaluation:start", args=["509"])
    page = inspector_client.get(start_url).content.decode()
    assert "(a) Completed after the evaluation of the audit" not in page
    assert "(b) Completed after a follow-up visit" in page
    assert "will start with the judgements, texts and findings" in page
    response = inspector_client.post(start_url, {"phase": "b"})
    follow_up = Evaluation.objects.get(phase="b")
    assert response["Location"] == url("edit", follow_up) and follow_up.based_on == issued
    form = inspector_client.get(url("edit", follow_up)).content.decode()
    assert seed_000.TEXTS[4] in form and seed_000.FINDINGS[0][0] in form
    assert re.search(r'value="promising"\s+checked', form.replace("\n", " "))


# --- The star-rating consequence, wherever the judgement is shown --------------------------

CONSEQUENCE = "cannot be judged higher than “serving some children well” in the star rating"
SHORT = "cannot be judged higher than “serving some children well”"


@pytest.mark.parametrize(("serving", "shown"), [("some", True), ("none", True), ("most", False)])
def test_star_rating_consequence_is_shown_everywhere(
    client_for, audit_return, inspector, director, serving, shown
):
    evaluation = issued_like_seed(audit_return, inspector, overall_serving=serving)
    council = client_for(director)
    pages = [
        council.get(url("detail", evaluation)),
        council.get(reverse("self_audit:overview", args=["509"])),
    ]
    for page in pages:
        assert (CONSEQUENCE in page.content.decode()) is shown
    inspector_pages = client_for(inspector)
    for page in (
        inspector_pages.get(reverse("evaluation:workspace")),
        inspector_pages.get(reverse("evaluation:council", args=["509"])),
    ):
        assert (SHORT in page.content.decode()) is shown


def test_star_rating_consequence_on_the_draft_form(inspector_client, draft, inspector):
    fill_like_seed(draft, inspector, overall_serving="none")
    html = inspector_client.get(url("edit", draft)).content.decode()
    assert "Leicester has been judged to be serving no children well" in html


# --- Query counts -------------------------------------------------------------------------------


def test_evaluation_form_queries_do_not_grow_with_findings(
    inspector_client, draft, inspector, django_assert_max_num_queries, django_assert_num_queries
):
    fill_like_seed(draft, inspector)
    with django_assert_max_num_queries(20) as few:
        assert inspector_client.get(url("edit", draft)).status_code == 200
    for n in range(16):
        workflow.add_finding(
            draft,
            {"description": f"F{n}", "paf_domain": "cost", "kind": "strength", "highlight": True},
        )
    with django_assert_num_queries(len(few.captured_queries)):
        inspector_client.get(url("edit", draft))


def test_read_page_and_pdf_queries_are_bounded(
    client_for, issued, director, django_assert_max_num_queries
):
    client = client_for(director)
    with django_assert_max_num_queries(20):
        assert client.get(url("detail", issued)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(url("pdf", issued)).status_code == 200
