"""Administrators manage councils, people, assignments and frameworks; the Django admin shows
them nothing of a draft: no draft return, evaluation, finding or cabinet report, and no draft's
text in the audit log."""

import pytest
from django.contrib import admin
from django.urls import reverse

from climbie_audit.models import AuditEvent
from standards.models import Framework
from tests.climbie_audit.access_matrix_data import build

SECRET = "ZEBRA-DRAFT-SECRET"


@pytest.fixture
def drafts(db):
    data = build(Framework.objects.current())
    o = data.objects
    finding = o["finding"]
    finding.description = f"{SECRET} finding in a draft evaluation"
    finding.save()
    judgement = o["draft_evaluation"].judgements.order_by("pk").first()
    judgement.text = f"{SECRET} judgement text"
    judgement.save()
    report = o["report"]
    report.title = f"{SECRET} draft cabinet report"
    report.save()
    section = report.sections.order_by("pk").first()
    section.heading = f"{SECRET} heading"
    section.body = f"{SECRET} body"
    section.save()
    answer = o["action"].criterion.answers.filter(audit_return__status="draft").first()
    answer.evidence = f"{SECRET} evidence of a draft return"
    answer.save()
    action = o["action"]
    action.title = f"{SECRET} action"
    action.save()
    return data


def admin_pages(client):
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        yield changelist
        yield changelist + "?q=ZEBRA"  # the search echoes "ZEBRA", never the whole secret
        for pk in model_admin.get_queryset(_request(client)).values_list("pk", flat=True)[:200]:
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = client.administrator
    return request


def test_no_admin_page_shows_draft_text(client, drafts):
    administrator = drafts.people["administrator"]
    client.force_login(administrator)
    client.administrator = administrator
    assert AuditEvent.objects.filter(object_type="evaluations.Finding").exists()
    pages = list(admin_pages(client))
    assert len(pages) > 100
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert SECRET.encode() not in response.content, path


def test_the_admin_manages_only_councils_people_assignments_and_frameworks():
    labels = {model._meta.label for model in admin.site._registry}
    assert {
        "climbie_audit.Council",
        "climbie_audit.User",
        "climbie_audit.InspectorAssignment",
        "standards.Framework",
    } <= labels
    for app_label in ("evaluations", "reports"):
        assert not any(label.startswith(app_label + ".") for label in labels)
    assert not any("otp" in label for label in labels)  # TOTP secrets stay out of sight


def test_audit_log_summaries_carry_no_draft_text(drafts):
    assert not AuditEvent.objects.filter(summary__icontains=SECRET).exists()
    assert AuditEvent.objects.filter(object_type="reports.CabinetReport").exists()
