"""Every URL of the project, for every role, by GET and by POST, against one table.

The table (ACCESS below) is the access policy written down. A URL pattern without a row fails
the test, so a new page cannot ship without someone deciding who may use it. Each request runs
in a transaction that is rolled back, so every cell sees the same data.
"""

from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client

from climbie_audit import pdf
from standards.models import Framework
from tests.climbie_audit.access_matrix_data import ROLES, build
from tests.url_catalogue import iter_patterns

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = "ok", "login", "403", "404", "405"


def outcome(response) -> str:
    code = response.status_code
    if code >= 500:
        return f"ERROR {code}"
    if code in (301, 302):
        # The admin's own sign-in page forwards to the service's (see climbie_audit.urls).
        sign_in = response["Location"].startswith(("/sign-in/", "/admin/login/"))
        return LOGIN if sign_in else OK
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(code, OK)


def kwargs_for(name: str, route: str, data) -> dict:
    o = data.objects
    values = {
        "council_code": "509",
        "number": 1,
        "code": "1.1",
        "key": "summary",
        "finding_pk": o["finding"].pk,
        "uidb64": "MQ",
        "token": "1-bad",
    }
    pk_by_name = {
        "evaluation:detail": o["issued_evaluation"],
        "evaluation:pdf": o["issued_evaluation"],
        "evaluation:docx": o["issued_evaluation"],
        "evaluation:respond": o["issued_evaluation"],
        "evaluation:edit": o["draft_evaluation"],
        "evaluation:check": o["draft_evaluation"],
        "evaluation:issue": o["draft_evaluation"],
        "evaluation:add_finding": o["draft_evaluation"],
        "evaluation:change_finding": o["draft_evaluation"],
        "evaluation:remove_finding": o["draft_evaluation"],
        "action_plan:action": o["action"],
        "action_plan:details": o["action"],
        "roles:change": o["role"],
        "roles:remove": o["role"],
        "inspection:detail": o["inspection"],
        "inspection:change": o["inspection"],
        "notifications:open": o["notification"],
    }
    if name in ("accounts:reset_second_factor", "accounts:remove_officer"):
        pk_by_name[name] = data.people["officer_a"]
    if name.startswith(("cabinet:", "paper_parts:")) and name not in pk_by_name:
        pk_by_name[name] = o["report"]
    values["attachment_pk"] = o["attachment"].pk
    if name in pk_by_name:
        values["pk"] = pk_by_name[name].pk
    if name.startswith("challenge:"):
        # A query raised in the draft evaluation, answered with a document.
        values["pk"] = o["draft_evaluation" if name == "challenge:raise" else "query"].pk
        values["document_pk"] = o["query_document"].pk
    if name.startswith("evidence:"):
        # The draft version 2 and a document on it: the council's people only.
        values["number"] = o["evidence"].audit_return.number
        values["pk"] = o["evidence"].pk
    if name == "framework:recommendation":
        values["number"] = 53
    return {k: v for k, v in values.items() if f"<{k}>" in route or f":{k}>" in route}


def project_urls():
    from django.urls import reverse

    seen = {}
    for name, route in iter_patterns():
        if name.startswith("admin:") or not name:
            continue
        seen[name] = route
    return seen, reverse


@pytest.fixture(scope="module", autouse=True)
def each_pdf_converted_once():
    """A PDF download is a cell like any page, but WeasyPrint takes a second or more to turn its
    HTML into a PDF, and a dozen cells download one of the same three documents. Every cell still
    runs its view and renders its template; the same HTML makes the same PDF, so here WeasyPrint
    converts each distinct document once for the module. (The PDFs themselves are read back in
    tests/evaluations/evaluation/test_pdf.py and tests/reports/cabinet/test_cabinet_pdf.py.)"""
    real_html, converted = pdf.HTML, {}

    class HTMLConvertedOnce:
        def __init__(self, *, string, **kwargs):
            self.string, self.kwargs = string, kwargs

        def render(self, **options):
            key = (self.string, repr(sorted(options.items())))
            if key not in converted:
                converted[key] = real_html(string=self.string, **self.kwargs).render(**options)
            return converted[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "HTML", HTMLConvertedOnce)
        yield


@pytest.fixture(scope="module")
def dataset_once(module_db, django_db_blocker):
    # Built once for the module's tests (tests/conftest.py: module_db); every request below runs
    # in a transaction that is rolled back, so every cell still sees the same data.
    with django_db_blocker.unblock():
        return build(Framework.objects.current())


@pytest.fixture
def dataset(db, dataset_once):
    return dataset_once


def client_for(role, data, client=None):
    """A client with a session of its own, signed in as `role`: no cookie of an earlier request
    is kept. Passing the previous client keeps its request handler, which would otherwise load
    every middleware again (WhiteNoise's scan of the static files included) for each request."""
    client = client or Client()
    client.cookies = SimpleCookie()
    if role != "anonymous":
        client.force_login(data.people[role])
    return client


def observe(client, method, path):
    with transaction.atomic():
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    return outcome(response)


def test_every_url_has_a_row_in_the_policy():
    from tests.climbie_audit.access_policy import ACCESS

    urls, _ = project_urls()
    assert set(urls) == set(ACCESS), (
        f"URLs without a row: {sorted(set(urls) - set(ACCESS))}; "
        f"rows without a URL: {sorted(set(ACCESS) - set(urls))}"
    )


# One test per role (a column of the policy), so that the suite's workers share them out.
@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_the_role_as_the_policy_says(dataset, role):
    from tests.climbie_audit.access_policy import ACCESS

    urls, reverse = project_urls()
    column = ROLES.index(role)
    mismatches, checked, client = [], 0, None
    for name, route in sorted(urls.items()):
        path = reverse(name, kwargs=kwargs_for(name, route, dataset))
        for method, expected_by_role in ACCESS[name].items():
            expected = expected_by_role.split()[column]
            # A fresh session per request: signing out must not leak into the next cell.
            client = client_for(role, dataset, client)
            seen = observe(client, method, path)
            checked += 1
            if seen != expected:
                mismatches.append(
                    f"{name} {method.upper()} {role}: expected {expected}, got {seen}"
                )
    assert not mismatches, "\n".join(mismatches)
    assert checked > 2 * 60  # every URL, GET and POST


def test_django_admin_is_for_administrators_only(dataset):
    """Every admin URL pattern sends everyone but administrators to sign in."""
    from tests.url_catalogue import all_paths

    # Signing in and out of the admin are the service's own sign-in and sign-out.
    entry_and_exit = {"admin:login", "admin:logout"}
    admin_paths = [
        path
        for name, path in all_paths()
        if name.startswith("admin:") and name not in entry_and_exit
    ]
    assert len(admin_paths) > 20
    for role in ("anonymous", "officer_a", "director_a", "inspector_a"):
        client = client_for(role, dataset)
        for path in admin_paths:
            assert observe(client, "get", path) == LOGIN, (role, path)
    administrator = client_for("administrator", dataset)
    assert observe(administrator, "get", "/admin/") == OK
    assert observe(administrator, "get", "/admin/climbie_audit/auditevent/") == OK
