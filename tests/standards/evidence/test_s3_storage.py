"""Evidence in S3-compatible object storage, as production keeps it: against a local S3 server
(moto's server mode) this module starts on a free port and stops again. Never skipped."""

import hashlib
import socket

import boto3
import pytest
from django.urls import reverse
from moto.server import ThreadedMotoServer

from climbie_audit.settings import file_storage
from standards.models_evidence import EvidenceFile
from tests.standards.evidence import samples
from tests.standards.evidence.test_evidence_views import upload
from tests.standards.helpers import draft_for

BUCKET = "climbie-evidence-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-2")
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    environment = {
        "FILE_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "eu-west-2",
    }
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(environment)}
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_the_environment_chooses_the_storage():
    assert file_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    chosen = file_storage({"FILE_STORAGE": "s3", "S3_BUCKET": "b"})
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["OPTIONS"]["bucket_name"] == "b" and chosen["OPTIONS"]["default_acl"] is None


def test_evidence_is_uploaded_to_downloaded_from_and_removed_from_object_storage(
    bucket, client_for, council_a, framework, officer, django_capture_on_commit_callbacks
):
    draft_for(council_a, framework, officer)
    client = client_for(officer)
    data = samples.docx_bytes()
    assert upload(client, 1, "3.2", "minutes.docx", data).status_code == 302
    stored = EvidenceFile.objects.get()
    assert keys(bucket) == [stored.file.name]
    body = bucket.get_object(Bucket=BUCKET, Key=stored.file.name)["Body"].read()
    assert hashlib.sha256(body).hexdigest() == stored.sha256 == hashlib.sha256(data).hexdigest()

    link = stored.links.get()
    path = reverse("evidence:download", args=["509", 1, link.pk])
    download = client.get(path)
    assert b"".join(download.streaming_content) == data
    assert 'filename="minutes.docx"' in download["Content-Disposition"]

    # A refused upload writes nothing to the bucket.
    assert upload(client, 1, "3.2", "x.pdf", samples.EXECUTABLE).status_code == 400
    assert keys(bucket) == [stored.file.name]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evidence:remove", args=["509", 1, link.pk]))
    assert keys(bucket) == []
