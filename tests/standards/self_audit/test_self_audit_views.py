import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from standards.models import AuditReturn, Criterion
from standards.self_audit import rules as self_audit
from tests.standards.helpers import answer, draft_for, fill, form_data, submitted_return


def url(name, *args, code="509"):
    return reverse(f"self_audit:{name}", args=[code, *args])


@pytest.fixture
def officer_client(client_for, officer, framework):
    client = client_for(officer)
    assert client.post(url("start")).status_code == 302
    return client


def test_looking_is_not_starting_the_council_starts_with_a_button(
    client_for, officer, director, council_a, framework
):
    client = client_for(officer)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == url("overview")
    content = client.get(url("overview")).content.decode()
    assert "Start your self-audit" in content and "govuk-task-list" not in content
    assert client.get(url("standard", 1))["Location"] == url("overview")
    assert not AuditReturn.objects.exists(), "a GET must not start the return"
    assert client.post(url("start")).status_code == 302
    # Starting again (a second person, or a second press) finds the same draft: no error.
    assert client_for(director).post(url("start")).status_code == 302
    draft = AuditReturn.objects.get()
    assert (draft.number, draft.started_by, draft.answers.count()) == (1, officer, 54)


def test_home_is_the_task_list(officer_client):
    content = officer_client.get("/", follow=True).content.decode()
    assert "govuk-task-list" in content
    assert "0 of 54</strong> criteria rated" in content
    assert "30 April 2003" in content
    assert content.count("Not yet started") == 7
    assert "Standard 7: Governance" in content
    assert ">Draft<" in content


def test_standard_page_shows_criteria_recommendations_and_descriptor_hints(officer_client):
    content = officer_client.get(url("standard", 2)).content.decode()
    assert content.index("Criterion 2.9") < content.index("Criterion 2.10")
    assert "Recommendation 53" in content and "due 28 April 2003" in content
    assert "Partly in place: arrangements exist" in content
    assert 'name="c2_10-target_date_0"' in content
    assert "Save and come back later" in content


def test_save_and_come_back_later_keeps_partial_work(officer_client, council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    data = form_data(draft, 1, "later", {"c1_1-rating": "3", "c1_1-evidence": "File audit"})
    response = officer_client.post(url("standard", 1), data)
    assert response.status_code == 302 and response["Location"] == url("overview")
    saved = answer(draft, "1.1")
    assert (saved.rating, saved.evidence, saved.revision) == (3, "File audit", 1)
    content = officer_client.get("/", follow=True).content.decode()
    assert "1 of 54</strong> criteria rated" in content
    assert "In progress" in content


def test_save_and_continue_needs_every_rating_and_plan_and_keeps_input(
    officer_client, council_a, framework, officer
):
    draft = draft_for(council_a, framework, officer)
    data = form_data(draft, 2, "continue", {"c2_1-rating": "2", "c2_1-evidence": "Typed with care"})
    response = officer_client.post(url("standard", 2), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith("<!DOCTYPE html>") and "<title>Error: " in content
    assert '<a href="#id_c2_10-rating_1">Select a rating for 2.10</a>' in content
    assert "Enter the intended improvement for 2.1, which is rated below 4" in content
    assert "Typed with care" in content  # nothing typed is lost
    assert answer(draft, "2.1").rating is None  # and nothing was saved


def test_invalid_target_date_saves_nothing(officer_client, council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    data = form_data(
        draft,
        1,
        "later",
        {
            "c1_2-rating": "4",
            "c1_1-target_date_0": "31",
            "c1_1-target_date_1": "2",
            "c1_1-target_date_2": "2003",
        },
    )
    content = officer_client.post(url("standard", 1), data).content.decode()
    assert "Target date for 1.1 must be a real date" in content
    assert 'href="#id_c1_1-target_date_0"' in content
    assert answer(draft, "1.2").rating is None


def test_two_people_saving_the_same_standard(client_for, officer, council_a, framework):
    colleague = type(officer).objects.create(
        username="colleague",
        role="officer",
        council=council_a,
        first_name="Carla",
        last_name="Jones",
    )
    draft = draft_for(council_a, framework, officer)
    first, second = Client(), Client()
    first.force_login(colleague)
    second.force_login(officer)
    both_loaded = form_data(draft, 2)  # both pages were opened at revision 0

    saved = first.post(
        url("standard", 2), both_loaded | {"c2_10-rating": "2", "c2_10-evidence": "Carla's view"}
    )
    assert saved.status_code == 302
    clash = second.post(url("standard", 2), both_loaded | {"c2_10-rating": "4"})
    content = clash.content.decode()
    assert clash.status_code == 409
    assert "Carla Jones changed 2.10" in content
    assert "Carla&#x27;s view" in content
    assert answer(draft, "2.10").rating == 2  # the earlier save was not overwritten

    # The page now carries the current revision; choosing is required, then "keep mine" wins.
    resubmit = both_loaded | {"c2_10-rating": "4", "c2_10-revision": "1", "conflicts": "2.10"}
    missing_choice = second.post(url("standard", 2), resubmit)
    assert "Select which answer for 2.10 you want to keep" in missing_choice.content.decode()
    kept = second.post(url("standard", 2), resubmit | {"conflict2_10-keep": "mine"})
    assert kept.status_code == 302
    assert answer(draft, "2.10").rating == 4


def test_choosing_their_answer_keeps_it(client_for, officer, council_a, framework):
    draft = draft_for(council_a, framework, officer)
    stale = form_data(draft, 1)
    fill(draft, officer, {"1.1": 3}, only={"1.1"})
    client = client_for(officer)
    assert client.post(url("standard", 1), stale | {"c1_1-rating": "1"}).status_code == 409
    response = client.post(
        url("standard", 1),
        stale
        | {
            "c1_1-rating": "1",
            "c1_1-revision": "1",
            "conflicts": "1.1",
            "conflict1_1-keep": "theirs",
        },
    )
    assert response.status_code == 302
    assert answer(draft, "1.1").rating == 3


def test_check_answers_shows_derived_figures(officer_client, council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, {"1.1": 2, "2.4": 3})
    a = answer(draft, "1.1")
    late = form_data(draft, 1, overrides={"c1_1-target_date_1": "9"})  # September: after 28 April
    officer_client.post(url("standard", 1), late)
    content = officer_client.get(url("check")).content.decode()
    assert "Check your answers before submitting your return" in content
    assert re.search(
        r"Not on target.*?1\.1 \(target 1 Sep 2003, deadline 28 Apr 2003\)", content, re.S
    )
    assert "96%" in content  # 52 of 54 rated 4
    assert "Only your director can submit" in content
    assert a.criterion.text[:40] in content
    assert url("standard", 2) + "#criterion-2-4" in content


def test_officer_cannot_submit(officer_client, council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer)
    assert officer_client.post(url("submit")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == AuditReturn.Status.DRAFT


def test_director_submission_refused_lists_each_problem(
    client_for, director, officer, council_a, framework
):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, only={"1.1"})
    content = client_for(director).post(url("submit")).content.decode()
    assert "There is a problem" in content
    assert "Select a rating for 2.10" in content
    assert url("standard", 2) + "#criterion-2-10" in content
    draft.refresh_from_db()
    assert draft.status == AuditReturn.Status.DRAFT


def test_director_submits_and_sees_what_happens_next(
    client_for,
    director,
    officer,
    inspector,
    council_a,
    framework,
    django_capture_on_commit_callbacks,
):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer)
    client = client_for(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submit"))
    assert response["Location"] == url("submitted", 1)
    content = client.get(response["Location"]).content.decode()
    assert "Return submitted" in content and "509-CLIMBIE-2003-V1" in content
    assert "What happens next" in content
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [inspector.email]


def test_revision_journey_and_comparison(client_for, director, officer, council_a, framework):
    submitted_return(council_a, framework, officer, director)
    client = client_for(director)
    client.post(url("revise"))
    revision = AuditReturn.objects.get(number=2)
    assert revision.status == AuditReturn.Status.DRAFT
    client.post(url("standard", 3), form_data(revision, 3, overrides={
        "c3_4-rating": "2", "c3_4-improvement": "Closure audit", "c3_4-target_date_0": "1",
        "c3_4-target_date_1": "4", "c3_4-target_date_2": "2003",
    }))  # fmt: skip
    client.post(url("standard", 6), form_data(revision, 6, overrides={
        "c6_2-rating": "3", "c6_2-improvement": "Cover rota", "c6_2-target_date_0": "1",
        "c6_2-target_date_1": "4", "c6_2-target_date_2": "2003",
    }))  # fmt: skip
    assert client.post(url("submit"))["Location"] == url("submitted", 2)
    content = client.get(url("compare") + "?from=1&to=2").content.decode()
    assert "2 criteria changed" in content
    assert 'data-testid="changed-3.4"' in content and 'data-testid="changed-6.2"' in content
    assert content.count('data-testid="changed-') == 2
    assert client.get(url("version", 1)).status_code == 200


def test_history_page_shows_who_and_old_to_new(officer_client, council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, {"2.10": 3}, only={"2.10"})
    fill(draft, officer, {"2.10": 4}, only={"2.10"})
    content = officer_client.get(url("history", "2.10")).content.decode()
    assert "3 → 4" in content
    assert officer.display_name in content


SELF_AUDIT_PAGES = [
    ("overview", ()),
    ("standard", (1,)),
    ("check", ()),
    ("versions", ()),
    ("version", (1,)),
    ("submitted", (1,)),
    ("compare", ()),
    ("history", ("1.1",)),
]


@pytest.mark.parametrize(("name", "args"), SELF_AUDIT_PAGES)
def test_other_councils_get_404_on_every_self_audit_page(
    client_for, officer_b, director, officer, council_a, framework, name, args
):
    first = submitted_return(council_a, framework, officer, director)
    self_audit.start_revision(first.self_audit, director)
    client = client_for(officer_b)
    assert client.get(url(name, *args)).status_code == 404
    for action in ("submit", "revise"):
        assert client.post(url(action)).status_code == 404


@pytest.mark.parametrize("name", ["standard", "check"])
def test_inspectors_never_see_drafts(client_for, inspector, officer, council_a, framework, name):
    draft_for(council_a, framework, officer)
    args = (1,) if name == "standard" else ()
    assert client_for(inspector).get(url(name, *args)).status_code == 404
    assert client_for(inspector).get(url("version", 1)).status_code == 404


def test_inspector_reads_submitted_version(
    client_for, inspector_unassigned, officer, director, council_a, framework
):
    submitted_return(council_a, framework, officer, director)
    client = client_for(inspector_unassigned)
    assert client.get(url("version", 1)).status_code == 200
    assert client.get(url("overview"))["Location"] == url("version", 1)


def count_queries(client, path):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # count the queries of a page with nothing cached: the most it ever runs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_page_query_counts_do_not_grow_with_versions_or_criteria(
    client_for, director, officer, council_a, framework
):
    pages = [
        url("overview"),
        url("standard", 1),
        url("standard", 2),
        url("check"),
        url("version", 1),
    ]
    first = submitted_return(council_a, framework, officer, director)
    self_audit.start_revision(first.self_audit, director)
    client = client_for(officer)
    with_two_versions = [count_queries(client, page) for page in pages]

    audit_return = self_audit.submit(AuditReturn.objects.get(number=2), director)
    for _ in range(2):
        audit_return = self_audit.submit(
            self_audit.start_revision(audit_return.self_audit, director), director
        )
    self_audit.start_revision(audit_return.self_audit, director)
    with_five_versions = [count_queries(client, page) for page in pages]

    assert with_two_versions == with_five_versions
    # Standard 1 has 7 criteria and standard 2 has 15: the same number of queries.
    assert with_two_versions[1] == with_two_versions[2]
    # every page reads the criteria it shows, each time; since issue 18 the task list also who
    # has each standard and the open SSI queries, a standard's page the open queries and how
    # many evidence documents each criterion has
    assert max(with_five_versions) <= 15


# --- Every page is worked out from the database: a change shows on the next page at once -------


def checked_rating(page, prefix="c1_1"):
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{prefix}-rating"' in tag and "checked" in tag:
            return int(re.search(r'value="(\d)"', tag).group(1))
    return None


def standard_page(client, council, number=1):
    response = client.get(url("standard", number, code=council.code))
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_answer_shows_at_once(client_for, framework, council_a, officer):
    client = client_for(officer)
    draft = draft_for(council_a, framework, officer)
    assert checked_rating(standard_page(client, council_a)) is None
    fill(draft, officer, {"1.1": 3}, only=["1.1"])
    assert checked_rating(standard_page(client, council_a)) == 3
    fill(draft, officer, {"1.1": 2}, only=["1.1"])
    assert checked_rating(standard_page(client, council_a)) == 2


def test_an_edit_to_the_framework_shows_at_once(client_for, framework, council_a, officer):
    client = client_for(officer)
    draft_for(council_a, framework, officer)
    assert "Rewritten descriptor" not in standard_page(client, council_a)
    criterion = Criterion.objects.get(standard__framework=framework, standard__number=1, number=1)
    criterion.descriptors = {**criterion.descriptors, "2": "Rewritten descriptor for level 2."}
    criterion.save()  # as the admin site does
    assert "Rewritten descriptor for level 2." in standard_page(client, council_a)
    recommendation = criterion.recommendations.order_by("number").first()
    listed = f"Recommendation {recommendation.number}</a>"
    before = standard_page(client, council_a).count(listed)
    criterion.recommendations.remove(recommendation)  # as the admin's two-box selector does
    assert standard_page(client, council_a).count(listed) == before - 1


def test_a_criterions_own_save_button_saves_the_page_and_comes_back_to_it(
    client_for, officer, council_a, framework
):
    """Issue 18: a save within reach of every criterion, unchecked like "come back later"."""
    draft = draft_for(council_a, framework, officer)
    client = client_for(officer)
    page = client.get(url("standard", 1)).content.decode()
    assert page.count('value="save-at-1.') == 7  # one for each criterion of standard 1
    assert 'class="govuk-fieldset app-improvement-plan"' in page
    data = form_data(draft, 1, "save-at-1.3", {"c1_3-rating": "2", "c1_3-evidence": "Audit"})
    response = client.post(url("standard", 1), data)
    assert response.status_code == 302
    assert response["Location"] == url("standard", 1) + "#criterion-1-3"
    saved = draft.answers.get(criterion__code="1.3")
    assert (saved.rating, saved.evidence) == (2, "Audit")  # no improvement yet: not checked
    other_standard = form_data(draft, 1, "save-at-2.1")
    assert client.post(url("standard", 1), other_standard)["Location"] == url("overview")
