"""Bounded input everywhere (issue 17, point 1): every text field of every form has a stated
limit its error message says; every text column a database constraint; one normalisation."""

import datetime
import re

import pytest
from django import forms
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import CharField, TextField
from django.test import override_settings

from climbie_audit import limits
from climbie_audit.accounts.forms import InviteForm, InviteOfficerForm
from evaluations.challenge.forms import MessageForm, RaiseQueryForm
from evaluations.evaluation.forms import (
    FindingForm,
    OverallForm,
    ResponseForm,
    StandardJudgementForm,
)
from evaluations.inspection.forms import InspectionForm
from reports.cabinet.forms import DecisionForm, FrontMatterForm, ImplicationsForm, SectionForm
from reports.roles.forms import RoleForm
from standards.action_plan.forms import DetailsForm, ProgressForm
from standards.models import Answer, Criterion, Standard
from standards.review.forms import ReturnForm
from standards.self_audit.forms import AnswerForm
from tests.standards.helpers import answer, draft_for

MEGABYTE = "x" * 1_000_000
LIMIT_MESSAGE = re.compile(r"^.+ must be (\d{1,3}(,\d{3})*) characters or fewer$")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("One\r\nTwo", "One\nTwo"),
        ("One\rTwo", "One\nTwo"),
        ("One   \r\nTwo\t\r\n", "One\nTwo"),
        ("\r\n\r\n  Indented first line\r\n\r\n", "Indented first line"),
        ("Para one\r\n\r\nPara two", "Para one\n\nPara two"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_normalise_text(typed, stored):
    assert limits.normalise_text(typed) == stored
    assert limits.normalise_text(stored) == stored  # normalising twice changes nothing


def _forms(framework):
    """Every form of the service with free text, built as its page builds it."""
    criterion = Criterion.objects.select_related("standard").get(
        standard__framework=framework, code="2.10"
    )
    standard = Standard.objects.get(framework=framework, number=2)
    today = datetime.date(2003, 6, 1)
    return [
        lambda data: AnswerForm(data, criterion=criterion),
        lambda data: ProgressForm(data, current_status="in_progress", today=today),
        lambda data: DetailsForm(data),
        lambda data: StandardJudgementForm(data, standard=standard),
        lambda data: OverallForm(data),
        lambda data: FindingForm(data),
        lambda data: ResponseForm(data),
        lambda data: InspectionForm(data),
        lambda data: FrontMatterForm(data),
        lambda data: SectionForm(data),
        lambda data: ImplicationsForm(data),
        lambda data: DecisionForm(data),
        lambda data: RoleForm(data),
        lambda data: InviteOfficerForm(data),
        lambda data: InviteForm(data),
        lambda data: RaiseQueryForm(data, criteria=[criterion]),
        lambda data: MessageForm(data),
        lambda data: ReturnForm(data),
    ]


def _text_fields(form):
    return [
        (name, field)
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput)
        and not isinstance(field, forms.EmailField)  # bounded by its own max_length message
    ]


@pytest.mark.django_db
def test_a_megabyte_in_any_text_field_of_any_form_is_refused_with_its_limit(framework):
    checked = 0
    for make in _forms(framework):
        for name, field in _text_fields(make(None)):
            assert field.max_length, f"{type(make(None)).__name__}.{name} has no limit"
            form = make({make(None).add_prefix(name): MEGABYTE})
            assert not form.is_valid()
            messages = form.errors[name]
            assert len(messages) == 1 and LIMIT_MESSAGE.match(messages[0]), (name, messages)
            assert f"{field.max_length:,} characters or fewer" in messages[0]
            checked += 1
    assert checked >= 45  # every text field of the 18 forms above


@pytest.mark.django_db
def test_messages_name_the_criterion_and_the_standard(framework):
    criterion = Criterion.objects.get(standard__framework=framework, code="2.10")
    form = AnswerForm({"c2_10-evidence": "e" * 10_001}, criterion=criterion)
    form.is_valid()
    assert form.errors["evidence"] == ["Evidence for 2.10 must be 10,000 characters or fewer"]
    exactly = AnswerForm(
        {"c2_10-evidence": "e" * 10_000, "c2_10-revision": "0"}, criterion=criterion
    )
    assert exactly.is_valid(), exactly.errors
    standard = Standard.objects.get(framework=framework, number=3)
    judgement = StandardJudgementForm({"s3-text": "t" * 10_001}, standard=standard)
    judgement.is_valid()
    assert judgement.errors["text"] == ["Text for standard 3 must be 10,000 characters or fewer"]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ud800"])
def test_control_characters_are_a_form_error(character):
    form = SectionForm({"heading": "Heading", "body": f"Text{character}more", "revision": "0"})
    assert not form.is_valid()
    assert form.errors["body"] == ["Section text must not include control characters"]


def test_tabs_and_line_breaks_are_kept():
    form = SectionForm({"heading": "Heading", "body": "A\tB\r\nC", "revision": "0"})
    assert form.is_valid(), form.errors
    assert form.values()["body"] == "A\tB\nC"


def _bounded_models():
    """The models people write into (the framework is data the service loads, not typed)."""
    framework_models = {"framework", "standard", "recommendation", "criterion", "auditreturn"}
    for model in apps.get_models():
        if model._meta.app_label not in limits.NORMALISED_APPS:
            continue
        if model._meta.model_name in framework_models or model.__name__.startswith("Historical"):
            continue
        yield model


# Columns the service fills itself (a key, a digest, a type read from the bytes, a file name it
# made safe and short, a style code), never from what a person typed.
WRITTEN_BY_THE_SERVICE = {
    ("ReportSection", "key"),
    ("CabinetReport", "pdf_sha256"),
    ("CabinetReport", "house_style"),
    ("PaperStyle", "logo_type"),
    ("EvidenceFile", "name"),
    ("EvidenceFile", "content_type"),
    ("EvidenceFile", "sha256"),
    ("ReportAttachment", "sha256"),
}


def test_every_text_column_people_write_has_a_limit_and_a_database_constraint():
    checked = []
    for model in _bounded_models():
        constraints = {c.name: c for c in model._meta.constraints}
        for field in model._meta.concrete_fields:
            if not isinstance(field, CharField | TextField) or field.choices:
                continue
            if (model.__name__, field.name) in WRITTEN_BY_THE_SERVICE:
                continue
            assert field.max_length, f"{model.__name__}.{field.name} has no max_length"
            matching = [
                c
                for c in constraints.values()
                if c.name.endswith(f"_{field.column}_max_length")
                and f"Length(F({field.column}))" in str(c.condition)
                and f", {field.max_length})" in str(c.condition)
            ]
            assert matching, f"{model.__name__}.{field.name} has no length constraint"
            checked.append(f"{model.__name__}.{field.name}")
    assert len(checked) >= 35


@pytest.mark.django_db
def test_the_database_refuses_text_over_its_limit_whatever_the_path(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    row = answer(draft, "2.10")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=row.pk).update(evidence="x" * (limits.EVIDENCE + 1))
    Answer.objects.filter(pk=row.pk).update(evidence="x" * limits.EVIDENCE)


@pytest.mark.django_db
def test_every_save_normalises_texts(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    row = answer(draft, "2.10")
    row.evidence = "One  \r\nTwo\r\n\r\n"
    row.save()
    row.refresh_from_db()
    assert row.evidence == "One\nTwo"


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=20_000)
def test_a_body_over_the_request_limit_is_a_govuk_400_page(client_for, officer):
    client = client_for(officer)
    response = client.post("/account/password/", {"anything": "x" * 30_000})
    content = response.content.decode()
    assert response.status_code == 400
    assert "What you sent was too large" in content and "19.5\xa0KB" in content
    assert 'class="govuk-heading-l"' in content


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_too_many_fields_is_a_govuk_400_page(client_for, officer):
    response = client_for(officer).post("/account/password/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400
    assert "What you sent was too large" in response.content.decode()
