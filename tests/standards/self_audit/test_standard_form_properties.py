"""Property-based: whatever a browser (or an attacker) posts to a standard page, the service
answers with a page or a redirect, never a 500, and never saves part of a refused submission."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standards.models import Answer
from tests.standards.helpers import draft_for, form_data

CODES = ["1.1", "1.2", "1.7"]
text = st.text(max_size=40)
field_values = {
    "rating": st.one_of(st.sampled_from(["", "1", "2", "3", "4", "0", "5", "-1", "4.0"]), text),
    "evidence": text,
    "improvement": text,
    "lead_officer": st.one_of(text, st.text(min_size=121, max_size=130)),
    "target_date_0": st.one_of(st.sampled_from(["", "1", "31", "32", "0"]), text),
    "target_date_1": st.one_of(st.sampled_from(["", "2", "12", "13"]), text),
    "target_date_2": st.one_of(st.sampled_from(["", "2003", "03", "99999"]), text),
    "revision": st.one_of(st.sampled_from(["0", "1", "", "-1", "x"]), text),
}
posted = st.fixed_dictionaries(
    {
        f"c{code.replace('.', '_')}-{name}": strategy
        for code in CODES
        for name, strategy in field_values.items()
    }
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(overrides=posted, action=st.sampled_from(["later", "continue", "", "bogus"]))
def test_any_post_to_a_standard_page_is_answered_and_atomic(
    client_for, officer, council_a, framework, overrides, action
):
    client = client_for(officer)
    draft = draft_for(council_a, framework, officer)
    before = list(Answer.objects.filter(audit_return=draft).order_by("pk").values())
    data = form_data(draft, 1, action, overrides)
    response = client.post("/councils/509/self-audit/standards/1/", data)

    assert response.status_code in (200, 302, 409)
    after = list(Answer.objects.filter(audit_return=draft).order_by("pk").values())
    if response.status_code == 302:
        return  # accepted: valid values were saved
    assert after == before, "a refused submission changed data"
    content = response.content.decode()
    if response.status_code == 200:
        assert "There is a problem" in content
        assert "<title>Error: " in content
