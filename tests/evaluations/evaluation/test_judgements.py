import pytest

from evaluations.evaluation.judgements import (
    STANDARD_JUDGEMENT_LABELS,
    Capacity,
    Serving,
    caps_star_rating,
    issue_problems,
    star_rating_consequence,
)


@pytest.mark.parametrize(
    ("serving", "capped"),
    [
        (Serving.ALL, False),
        (Serving.MOST, False),
        (Serving.SOME, True),
        (Serving.NONE, True),
        ("", False),  # not judged yet: no consequence to state
    ],
)
def test_only_some_or_none_caps_the_star_rating(serving, capped):
    assert caps_star_rating(serving) is capped
    assert bool(star_rating_consequence("Leicester", serving)) is capped


def test_consequence_names_the_council_and_the_ceiling():
    some = star_rating_consequence("Derby", Serving.SOME)
    assert some.startswith("Derby has been judged to be serving only some children well.")
    assert "cannot be judged higher than “serving some children well” in the star rating" in some
    assert "serving no children well" in star_rating_consequence("Derby", Serving.NONE)


def test_capacity_judgements_never_cap_the_star_rating():
    for value in Capacity.values:
        assert star_rating_consequence("Derby", value) == ""


def test_standards_take_a_judgement_from_either_scale():
    assert set(STANDARD_JUDGEMENT_LABELS) == set(Serving.values) | set(Capacity.values)
    assert STANDARD_JUDGEMENT_LABELS["most"] == "Most"
    assert STANDARD_JUDGEMENT_LABELS["promising"] == "Promising"


def test_issue_needs_every_judgement_one_message_each_in_form_order():
    problems = issue_problems(dict.fromkeys(range(1, 8), ""), "", "", None)
    assert [message for _, message in problems] == [
        *(f"Select a judgement for standard {n}" for n in range(1, 8)),
        "Select a judgement for serving children well",
        "Select a judgement for capacity for improvement",
        "Select yes if a follow-up visit will take place",
    ]
    assert problems[2][0] == "s3-judgement"


def test_complete_answers_have_no_problems():
    judgements = {1: "most", 2: "most", 3: "most", 4: "promising", 5: "promising"}
    judgements |= {6: "promising", 7: "promising"}
    assert issue_problems(judgements, "most", "promising", False) == []


def test_a_missing_or_unknown_judgement_is_reported_for_its_standard_only():
    judgements = dict.fromkeys(range(1, 8), "most") | {3: "", 5: "brilliant"}
    problems = issue_problems(judgements, "all", "poor", True)
    assert problems == [
        ("s3-judgement", "Select a judgement for standard 3"),
        ("s5-judgement", "Select a judgement for standard 5"),
    ]


def test_overall_judgements_must_come_from_their_own_scale():
    judgements = dict.fromkeys(range(1, 8), "most")
    problems = issue_problems(judgements, "promising", "most", True)
    assert [key for key, _ in problems] == ["overall_serving", "overall_capacity"]
