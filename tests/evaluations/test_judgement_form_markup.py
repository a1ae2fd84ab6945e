"""The evaluation form renders each standard's judgement from one template
(evaluation/_judgement_form.html) instead of crispy-forms-gds's template per field: the markup
must be the same GOV.UK markup crispy-forms-gds gives StandardJudgementForm's layout, element for
element and attribute for attribute, whatever the form holds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.evaluation.forms import StandardJudgementForm
from evaluations.evaluation.judgements import Capacity, Serving
from tests.govuk_markup import both_ways

FRAGMENT = "evaluation/_judgement_form.html"
JUDGEMENTS = ["", *Serving.values, *Capacity.values]


@pytest.fixture
def standard(framework):
    return framework.standards.get(number=3)


@pytest.mark.django_db
@pytest.mark.parametrize("judgement", JUDGEMENTS)
def test_an_unbound_form_is_rendered_as_crispy_forms_gds_renders_it(standard, judgement):
    initial = {"judgement": judgement, "text": "Agrees with the <self-audit> & more\nlines"}
    rendered, expected = both_ways(
        FRAGMENT, lambda: StandardJudgementForm(standard=standard, initial=initial)
    )
    assert rendered == expected


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    judgement=st.one_of(st.sampled_from([*JUDGEMENTS, "bogus"]), st.text(max_size=10)),
    text=st.text(max_size=30),
)
def test_a_posted_form_is_rendered_as_crispy_forms_gds_renders_it(framework, judgement, text):
    standard = framework.standards.get(number=3)

    def posted():
        form = StandardJudgementForm(
            {"s3-judgement": judgement, "s3-text": text}, standard=standard
        )
        form.is_valid()
        return form

    rendered, expected = both_ways(FRAGMENT, posted)
    assert rendered == expected
