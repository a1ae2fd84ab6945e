"""The standard page keeps its forms' markup in the cache: shared by identical answers, never
shown once the answer or the framework text has changed."""

import re

from django.urls import reverse

from standards.models import Criterion
from standards.self_audit.views import answer_form_key
from tests.standards.helpers import answer, draft_for, fill


def standard_page(client, council, number=1):
    url = reverse("self_audit:standard", args=[council.code, number])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def checked_rating(page, prefix="c1_1"):
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{prefix}-rating"' in tag and "checked" in tag:
            return int(re.search(r'value="(\d)"', tag).group(1))
    return None


def test_blank_answers_of_two_councils_share_their_markup(
    framework, council_a, council_b, officer, officer_b
):
    ours, theirs = (
        draft_for(council_a, framework, officer),
        draft_for(council_b, framework, officer_b),
    )
    assert answer_form_key(answer(ours, "1.1")) == answer_form_key(answer(theirs, "1.1"))
    assert answer_form_key(answer(ours, "1.1")) != answer_form_key(answer(ours, "1.2"))
    fill(ours, officer, {"1.1": 3}, only=["1.1"])
    assert answer_form_key(answer(ours, "1.1")) != answer_form_key(answer(theirs, "1.1"))


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
