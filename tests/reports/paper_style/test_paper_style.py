"""A council's director chooses the house style of its cabinet papers, its logo and the name of
its meeting; reports drafted afterwards follow them. Bad uploads of any kind are GOV.UK errors
and change nothing; an out-of-date page is refused and shown."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reports.cabinet.drafting import draft_report
from reports.cabinet.layout import paper_layout
from reports.models import PaperStyle, ReportKind
from reports.paper_style.logo import LogoRefused, check_logo
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return


def _image(fmt="PNG", size=(200, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 60, 120)).save(out, format=fmt)
    return out.getvalue()


def _upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _url(council):
    return reverse("paper_style:settings", args=[council.code])


def _post(client, council, revision=0, **fields):
    data = {"house_style": "derby", "meeting_name": "", "revision": revision} | fields
    return client.post(_url(council), data)


def test_the_director_chooses_the_derby_style_with_a_logo_and_the_next_report_follows(
    client_for, council_a, framework, officer, director, inspector
):
    client = client_for(director)
    page = client.get(_url(council_a))
    assert page.status_code == 200
    assert (
        "Derby style" in page.content.decode()
        and "Scrutiny committee style" in page.content.decode()
    )
    response = _post(client, council_a, meeting_name="  Council   Cabinet ", logo=_upload(_image()))
    assert response.status_code == 302
    stored = PaperStyle.objects.get(council=council_a)
    assert (stored.house_style, stored.meeting_name, stored.logo_type) == (
        "derby",
        "Council Cabinet",
        "image/png",
    )
    assert stored.revision == 1 and stored.updated_by == director

    audit_return = submitted_return(council_a, framework, officer, director)
    issued_like_seed(audit_return, inspector)
    report = draft_report(council_a, ReportKind.EVALUATION, director)
    assert report.house_style == "derby"
    assert [row.committee for row in report.timetable.all()] == ["Council Cabinet"]
    headings = [s.heading for s in report.sections.all()]
    assert headings[:3] == ["Purpose of report", "Recommendation", "Reason for recommendation"]
    layout = paper_layout(report, paper_style=stored)
    assert not layout.decision_status
    assert "Financial implications" not in [s.section.heading for s in layout.sections]
    assert [s.key for s in layout.implications_appendix][:3] == ["financial", "legal", "personnel"]
    assert layout.sections[1].heading == "RECOMMENDATION"
    assert layout.logo is not None and layout.logo.alt == "Leicester logo"


def test_saving_the_same_again_records_nothing(client_for, council_a, director):
    client = client_for(director)
    assert _post(client, council_a).status_code == 302
    assert _post(client, council_a, revision=1).status_code == 302
    assert PaperStyle.objects.get(council=council_a).revision == 1


def test_a_save_from_an_out_of_date_page_is_refused_and_shown(client_for, council_a, director):
    client = client_for(director)
    assert _post(client, council_a, house_style="scrutiny").status_code == 302
    response = _post(client, council_a, revision=0, house_style="derby")
    assert response.status_code == 409
    assert "Someone else saved this house style" in response.content.decode()
    assert PaperStyle.objects.get(council=council_a).house_style == "scrutiny"


BAD_UPLOADS = {
    "text named .png": (b"not an image at all", "The selected file must be a PNG or JPG"),
    "a GIF": (_image("GIF"), "The selected file must be a PNG or JPG"),
    "a truncated PNG": (_image()[:60], "The selected file must be a PNG or JPG that opens"),
    "too many pixels": (_image(size=(2400, 20)), "2,000 pixels or fewer"),
    "too large": (b"\x89PNG\r\n\x1a\n" + b"\0" * (600 * 1024), "smaller than 500KB"),
    "empty": (b"", "The selected file is empty"),
}


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_a_bad_logo_is_a_govuk_error_and_nothing_is_saved(client_for, council_a, director, name):
    data, message = BAD_UPLOADS[name]
    response = _post(client_for(director), council_a, logo=_upload(data))
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content and message in content
    assert not PaperStyle.objects.filter(council=council_a).exists()


def test_a_jpeg_logo_is_checked_by_its_content():
    assert check_logo(_image("JPEG")).content_type == "image/jpeg"
    with pytest.raises(LogoRefused):
        check_logo(b"\xff\xd8\xff" + b"junk" * 10)


def test_an_unknown_style_or_a_long_meeting_name_is_an_error(client_for, council_a, director):
    client = client_for(director)
    response = _post(client, council_a, house_style="comic-sans")
    assert response.status_code == 400 and "Select a house style" in response.content.decode()
    response = _post(client, council_a, meeting_name="x" * 121)
    assert response.status_code == 400
    assert "must be 120 characters or fewer" in response.content.decode()
    assert not PaperStyle.objects.exists()


def test_only_the_councils_director_may_choose(client_for, council_a, officer, director_b):
    assert client_for(officer).get(_url(council_a)).status_code == 403
    assert client_for(director_b).get(_url(council_a)).status_code == 404
