"""Administrators can look evaluations up in the admin but not change them there."""

from django.urls import reverse

from evaluations.models import Evaluation


def test_admin_reads_but_cannot_change_or_delete(client_for, administrator, issued):
    client = client_for(administrator)
    assert client.get(reverse("admin:evaluations_evaluation_changelist")).status_code == 200
    change_url = reverse("admin:evaluations_evaluation_change", args=[issued.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and b"Leicester" in page.content
    assert b'name="overall_serving"' not in page.content
    client.post(change_url, {"overall_serving": "none"})
    delete_url = reverse("admin:evaluations_evaluation_delete", args=[issued.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Evaluation.objects.get(pk=issued.pk).overall_serving == "most"
    assert client.get(reverse("admin:evaluations_evaluation_add")).status_code == 403
