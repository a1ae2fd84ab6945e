"""Hostile paths and parameters (issue 17, point 6): NUL and other control bytes, over-long
values, invalid UTF-8 and surrogates, huge numbers, impossible dates, in any URL, query string or
form field, answer 400/404 or a form error: never 500.

Every URL of the service (tests/url_catalogue.py, as the access matrix walks it) for every role,
by GET with a hostile path segment and query string and by POST with hostile fields; then
Hypothesis draws cells of its own. The data is the access matrix's (Leicester with everything),
so that valid ids reach deep into the views; every request is rolled back.
"""

import itertools
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from climbie_audit import pdf
from standards.models import Framework
from tests.climbie_audit.access_matrix_data import ROLES, build
from tests.climbie_audit.test_access_matrix import client_for, kwargs_for, project_urls

# Values that have broken web services: control bytes, encodings, sizes, numbers, dates.
NASTY = [
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\ud800",
    "\udfff\ud800x",
    "\ufeff\u202e\u200b",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "99999-99-99",
    "2003-02-30",
    "0",
    "../../../../etc/passwd",
    "%00%ff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "x" * 5000,
    "\r\n\r\nInjected: header",
    "",
    " ",
]

# Invalid UTF-8 (a lone continuation byte, an overlong NUL, an encoded surrogate).
RAW_BYTES = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\x80abc", b"%"]

# Field names of the service's forms (and their per-criterion, per-standard and per-row
# prefixes): a hostile value in each, whatever the page.
FIELDS = [
    "revision",
    "rendered",
    "action",
    "rating",
    "evidence",
    "improvement",
    "lead_officer",
    "target_date_0",
    "target_date_1",
    "target_date_2",
    "c1_1-rating",
    "c1_1-revision",
    "c1_1-rendered",
    "c1_1-evidence",
    "c1_1-target_date_0",
    "c1_1-target_date_1",
    "c1_1-target_date_2",
    "conflicts",
    "conflict1_1-keep",
    "s1-judgement",
    "s1-text",
    "completed_on_0",
    "completed_on_1",
    "completed_on_2",
    "started_on_0",
    "started_on_1",
    "started_on_2",
    "ended_on_2",
    "endorsed_on_0",
    "endorsed_on_2",
    "date_1_0",
    "date_1_1",
    "date_1_2",
    "overall_serving",
    "overall_serving_text",
    "follow_up_visit",
    "description",
    "paf_domain",
    "kind",
    "highlight",
    "confirm",
    "phase",
    "text",
    "heading",
    "body",
    "title",
    "council_heading",
    "committee_1",
    "applies_0",
    "reference_0",
    "key_decision",
    "decision_reason",
    "forward_plan",
    "decision_maker",
    "appendices",
    "meeting",
    "status",
    "note",
    "group",
    "responsibilities",
    "inspectorate",
    "role",
    "council",
    "first_name",
    "email",
    "job_title",
    "username",
    "password",
    "new_password1",
    "code",
    "token",
    "next",
    "keep",
]
QUERY_KEYS = ["from", "to", "status", "overdue", "region", "page", "next", "sort", "council", "q"]


class _Laid:
    """What WeasyPrint's render() returns, as far as render_pdf uses it."""

    class metadata:  # noqa: N801 -- an attribute holder, as WeasyPrint's
        title = lang = ""

    def write_pdf(self, **options):
        return b"%PDF-1.7 (laid out elsewhere)"


class _HTMLNotLaidOut:
    def __init__(self, *, string, **kwargs):
        self.string = string  # the template was rendered, with the hostile values in its context

    def render(self, **options):
        return _Laid()


@pytest.fixture(scope="module", autouse=True)
def pdfs_not_laid_out():
    """A PDF's view and template run with the hostile values; laying the HTML out as a PDF
    (seconds of WeasyPrint per document, tested in the PDF tests) is left out here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "HTML", _HTMLNotLaidOut)
        yield


@pytest.fixture(scope="module")
def data_once(module_db, django_db_blocker):
    with django_db_blocker.unblock():
        return build(Framework.objects.current())


@pytest.fixture
def data(db, data_once):
    return data_once


def encoded(value: str | bytes) -> str:
    """A value as it travels in a URL: percent-encoded bytes (a surrogate as the invalid UTF-8
    bytes a careless client would send)."""
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")


def hostile_path(name: str, route: str, data, value: str | bytes) -> str | None:
    """The URL with its last parameter replaced by the hostile value (None if it has none)."""
    kwargs = kwargs_for(name, route, data)
    if not kwargs:
        return None
    path = reverse(name, kwargs=kwargs)
    head, found, tail = path.rpartition(f"/{kwargs[list(kwargs)[-1]]}/")
    return f"{head}/{encoded(value)}/{tail}" if found else None


def requests_for(name, route, data, value, vary=0):
    """A URL's hostile requests, (method, path, body): a GET with the value in its last path
    parameter (or, every other time and for URLs without one, in the query string) and a POST
    with the value in every field."""
    path = reverse(name, kwargs=kwargs_for(name, route, data))
    mutated = hostile_path(name, route, data, value) if vary % 2 == 0 else None
    query = "&".join(f"{encoded(key)}={encoded(value)}" for key in QUERY_KEYS)
    # Sent as a browser sends a form, percent-encoded: invalid UTF-8 reaches the server as is.
    body = "&".join(f"{field}={encoded(value)}" for field in FIELDS)
    return [("get", mutated or f"{path}?{query}", None), ("post", path, body)]


def answer(client, method, path, body):
    """The status of one request, in a transaction rolled back."""
    from django.db import transaction

    with transaction.atomic():
        if method == "post":
            response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        else:
            response = client.get(path)
        transaction.set_rollback(True)
    return response.status_code


def _urls():
    urls, _ = project_urls()
    return sorted(urls.items())


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_hostile_values_without_a_server_error(data, role):
    values = itertools.cycle(NASTY + RAW_BYTES)
    errors, checked, client = [], 0, None
    vary = ROLES.index(role)  # half the roles get hostile path segments, half query strings
    for name, route in _urls():
        client = client_for(role, data, client)
        for method, path, body in requests_for(name, route, data, next(values), vary):
            status = answer(client, method, path, body)
            checked += 1
            if status >= 500:
                errors.append(f"{method.upper()} {path[:120]!r} as {role}: {status}")
    assert not errors, "\n".join(errors)
    assert checked > 2 * 70  # every URL, GET and POST


# Hypothesis: any text (control characters and surrogates included) or bytes, in any cell.
hostile_values = st.one_of(
    st.sampled_from(NASTY + RAW_BYTES),
    st.text(max_size=40),
    st.binary(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cell=st.tuples(
        st.sampled_from(ROLES),
        st.integers(min_value=0, max_value=10_000),
        hostile_values,
    )
)
def test_hypothesis_finds_no_server_error(data, cell):
    role, index, value = cell
    urls = _urls()
    name, route = urls[index % len(urls)]
    client = client_for(role, data)
    for method, path, body in requests_for(name, route, data, value, index):
        status = answer(client, method, path, body)
        assert status < 500, f"{method.upper()} {path[:120]!r} as {role}: {status}"
