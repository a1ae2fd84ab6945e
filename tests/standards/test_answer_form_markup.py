"""The standard page renders each criterion's answer form from one template
(self_audit/_answer_form.html) instead of crispy-forms-gds's template per field: the markup must
be the same GOV.UK markup crispy-forms-gds gives AnswerForm's layout, element for element and
attribute for attribute, whatever the form holds: blank, filled in, or posted back with errors."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standards.models import Criterion
from standards.self_audit.forms import AnswerForm
from tests.govuk_markup import both_ways

FRAGMENT = "self_audit/_answer_form.html"


@pytest.fixture
def criteria(framework):
    # 1.1 has a Laming deadline; a criterion without one says "not set".
    chosen = [Criterion.objects.get(standard__framework=framework, code="1.1")]
    chosen += Criterion.objects.filter(
        standard__framework=framework, recommendations__timescale_months__isnull=True
    )[:1]
    return chosen


@pytest.mark.django_db
@pytest.mark.parametrize(
    "initial",
    [
        {"revision": 0},
        {
            "rating": 2,
            "evidence": "Procedures <in place> & audited\nacross teams",
            "improvement": "A joint protocol",
            "lead_officer": "Service Manager, O'Brien",
            "target_date": datetime.date(2003, 4, 14),
            "revision": 7,
        },
        {"rating": 4, "evidence": "0", "lead_officer": "0", "revision": 1},
    ],
)
def test_an_unbound_form_is_rendered_as_crispy_forms_gds_renders_it(criteria, initial):
    for criterion in criteria:
        rendered, expected = both_ways(
            FRAGMENT, lambda c=criterion: AnswerForm(criterion=c, initial=initial)
        )
        assert rendered == expected


text = st.text(max_size=30)
posted_values = st.fixed_dictionaries(
    {
        "rating": st.one_of(st.sampled_from(["", "1", "2", "3", "4", "0", "5", "4.0"]), text),
        "evidence": text,
        "improvement": text,
        "lead_officer": st.one_of(text, st.text(min_size=121, max_size=125)),
        "target_date_0": st.one_of(st.sampled_from(["", "1", "31", "32", "0"]), text),
        "target_date_1": st.one_of(st.sampled_from(["", "2", "12", "13"]), text),
        "target_date_2": st.one_of(st.sampled_from(["", "2003", "03"]), text),
        "revision": st.one_of(st.sampled_from(["0", "1", "", "-1", "x"]), text),
    }
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=posted_values, strict=st.booleans())
def test_a_posted_form_is_rendered_as_crispy_forms_gds_renders_it(framework, values, strict):
    criterion = Criterion.objects.get(standard__framework=framework, code="2.10")

    def posted():
        form = AnswerForm(criterion=criterion, strict=strict)
        data = {f"{form.prefix}-{name}": value for name, value in values.items()}
        form = AnswerForm(data, criterion=criterion, strict=strict)
        form.is_valid()
        return form

    rendered, expected = both_ways(FRAGMENT, posted)
    assert rendered == expected
