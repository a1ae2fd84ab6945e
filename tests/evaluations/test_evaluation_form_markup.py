"""The evaluation form renders its forms from one template each (evaluation/_header_form.html,
_judgement_form.html, _overall_form.html) instead of crispy-forms-gds's template per field: the
markup must be the same GOV.UK markup crispy-forms-gds gives each form's layout, element for
element and attribute for attribute, whatever the form holds: blank, filled in or posted back."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.evaluation.forms import HeaderForm, OverallForm, StandardJudgementForm
from evaluations.evaluation.judgements import Capacity, Serving
from tests.govuk_markup import both_ways

JUDGEMENT = "evaluation/_judgement_form.html"
OVERALL = "evaluation/_overall_form.html"
HEADER = "evaluation/_header_form.html"
JUDGEMENTS = ["", *Serving.values, *Capacity.values]
TEXT = "Agrees with the <self-audit> & more\nlines"
examples = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def posted(form_class, data, **kwargs):
    def make():
        form = form_class(data, **kwargs)
        form.is_valid()
        return form

    return make


@pytest.fixture
def standard(framework):
    return framework.standards.get(number=3)


@pytest.mark.django_db
@pytest.mark.parametrize("judgement", JUDGEMENTS)
def test_a_judgement_is_rendered_as_crispy_forms_gds_renders_it(standard, judgement):
    initial = {"judgement": judgement, "text": TEXT}
    rendered, expected = both_ways(
        JUDGEMENT, lambda: StandardJudgementForm(standard=standard, initial=initial)
    )
    assert rendered == expected


@pytest.mark.django_db
@examples
@given(
    judgement=st.one_of(st.sampled_from([*JUDGEMENTS, "bogus"]), st.text(max_size=10)),
    text=st.text(max_size=30),
)
def test_a_posted_judgement_is_rendered_as_crispy_forms_gds_renders_it(framework, judgement, text):
    standard = framework.standards.get(number=3)
    data = {"s3-judgement": judgement, "s3-text": text}
    rendered, expected = both_ways(
        JUDGEMENT, posted(StandardJudgementForm, data, standard=standard)
    )
    assert rendered == expected


@pytest.mark.parametrize(
    "initial",
    [
        {},
        {
            "overall_serving": Serving.SOME,
            "overall_serving_text": TEXT,
            "overall_capacity": Capacity.PROMISING,
            "overall_capacity_text": "0",
            "follow_up_visit": "yes",
        },
        {"follow_up_visit": "no"},
    ],
)
def test_the_overall_assessment_is_rendered_as_crispy_forms_gds_renders_it(initial):
    rendered, expected = both_ways(OVERALL, lambda: OverallForm(initial=initial))
    assert rendered == expected


@examples
@given(
    serving=st.one_of(st.sampled_from(["", *Serving.values, "bogus"]), st.text(max_size=8)),
    capacity=st.one_of(st.sampled_from(["", *Capacity.values, "bogus"]), st.text(max_size=8)),
    follow_up=st.sampled_from(["", "yes", "no", "maybe"]),
    text=st.text(max_size=30),
)
def test_a_posted_overall_assessment_is_rendered_as_crispy_forms_gds_renders_it(
    serving, capacity, follow_up, text
):
    data = {
        "overall_serving": serving,
        "overall_serving_text": text,
        "overall_capacity": capacity,
        "overall_capacity_text": text[::-1],
        "follow_up_visit": follow_up,
    }
    rendered, expected = both_ways(OVERALL, posted(OverallForm, data))
    assert rendered == expected


@pytest.mark.parametrize(
    "initial",
    [{"revision": 0}, {"completed_on": datetime.date(2003, 5, 6), "revision": 4}],
)
def test_the_date_of_completion_is_rendered_as_crispy_forms_gds_renders_it(initial):
    rendered, expected = both_ways(HEADER, lambda: HeaderForm(initial=initial))
    assert rendered == expected


@examples
@given(
    day=st.one_of(st.sampled_from(["", "6", "31", "32"]), st.text(max_size=4)),
    month=st.one_of(st.sampled_from(["", "5", "13"]), st.text(max_size=4)),
    year=st.one_of(st.sampled_from(["", "2003", "03"]), st.text(max_size=5)),
    revision=st.sampled_from(["0", "3", "", "-1", "x"]),
)
def test_a_posted_date_of_completion_is_rendered_as_crispy_forms_gds_renders_it(
    day, month, year, revision
):
    data = {
        "completed_on_0": day,
        "completed_on_1": month,
        "completed_on_2": year,
        "revision": revision,
    }
    rendered, expected = both_ways(HEADER, posted(HeaderForm, data))
    assert rendered == expected
