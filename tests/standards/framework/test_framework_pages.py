import pytest
from django.urls import reverse


@pytest.fixture
def reader(client_for, officer, framework):
    return client_for(officer)


def test_index_lists_the_seven_standards(reader):
    response = reader.get(reverse("framework:index"))
    assert response.status_code == 200
    content = response.content.decode()
    for title in ("Referral", "Assessment", "Governance"):
        assert title in content
    assert "28 January 2003" in content and "30 April 2003" in content


def test_standard_page_shows_criteria_with_recommendations_and_deadlines(reader):
    content = reader.get(reverse("framework:standard", args=[2])).content.decode()
    assert content.index("Criterion 2.9") < content.index("Criterion 2.10")
    assert "Recommendation 53" in content
    assert "timescale 6 months, due 28 July 2003" in content
    assert "Working Together" in content


def test_criterion_page(reader):
    content = reader.get(reverse("framework:criterion", args=["3.4"])).content.decode()
    assert "Recommendation 26" in content and "Recommendation 40" in content
    assert "28 April 2003" in content
    assert "Not in place." in content


def test_recommendation_page_lists_the_criteria_it_feeds(reader):
    content = reader.get(reverse("framework:recommendation", args=[53])).content.decode()
    for code in ("2.1", "2.2", "2.3"):
        assert reverse("framework:criterion", args=[code]) in content
    assert "6.586" in content


def test_recommendation_without_timescale(reader):
    content = reader.get(reverse("framework:recommendation", args=[29])).content.decode()
    assert "None stated" in content


def test_unknown_criterion_is_a_gov_uk_404(reader):
    response = reader.get(reverse("framework:criterion", args=["9.9"]))
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize("number", [1, 2, 7])
def test_standard_page_query_count_does_not_depend_on_criteria(
    reader, django_assert_max_num_queries, number
):
    # Standard 2 has 15 criteria, standard 1 has 7: the same budget must hold for both.
    with django_assert_max_num_queries(10):
        reader.get(reverse("framework:standard", args=[number]))
