"""The checks an evidence upload passes before anything is stored: type by content, size, name."""

import io

import pytest

from standards.evidence import file_checks
from standards.evidence.file_checks import RefusedUpload, check_evidence, sanitised_stem
from tests.standards.evidence import samples


def check(name: str, data: bytes, declared: int | None = None):
    return check_evidence(name, io.BytesIO(data), len(data) if declared is None else declared)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("Safeguarding policy.pdf", samples.PDF_BYTES, file_checks.PDF),
        ("photo.png", samples.image_bytes("PNG"), file_checks.PNG),
        ("scan.jpeg", samples.image_bytes("JPEG"), file_checks.JPEG),
        ("minutes.docx", samples.docx_bytes(), file_checks.DOCX),
        ("figures.xlsx", samples.xlsx_bytes(), file_checks.XLSX),
    ],
)
def test_each_accepted_kind_is_known_by_its_content(name, data, kind):
    checked = check(name, data)
    assert checked.kind == kind
    assert checked.name.endswith(kind.extension)
    assert len(checked.sha256) == 64 and checked.size == len(data)


def test_the_name_does_not_decide_the_type_the_content_does():
    # A PDF called .png is a PDF, and is offered back as one.
    assert check("scan.png", samples.PDF_BYTES).name == "scan.pdf"
    # A web page or a program called .pdf is refused.
    for data in (samples.HTML_AS_PDF, samples.EXECUTABLE, b"plain text"):
        with pytest.raises(RefusedUpload, match="must be a PDF, Word document"):
            check("policy.pdf", data)


def test_office_files_with_macros_passwords_or_bombs_are_refused():
    with pytest.raises(RefusedUpload, match="macros"):
        check("minutes.docx", samples.macro_docx_bytes())
    with pytest.raises(RefusedUpload, match="compressed suspiciously well"):
        check("minutes.docx", samples.zip_bomb_bytes())
    with pytest.raises(RefusedUpload, match="older Office format or is password protected"):
        check("minutes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50)
    with pytest.raises(RefusedUpload, match="damaged"):
        check("minutes.docx", b"PK\x03\x04 not really a zip")
    # A zip of something else (no Office main part) is not a Word document.
    other = samples.docx_bytes(
        types=b'<Types xmlns="x"><Default Extension="xml" ContentType="a"/></Types>'
    )
    with pytest.raises(RefusedUpload, match="must be a PDF"):
        check("minutes.docx", other)


def test_size_is_limited_to_20_mb_whatever_the_upload_declares():
    too_big = samples.PDF_BYTES + b"0" * file_checks.MAX_EVIDENCE_BYTES
    with pytest.raises(RefusedUpload, match="smaller than 20 MB"):
        check("big.pdf", too_big, declared=10)  # a declared size that lies
    with pytest.raises(RefusedUpload, match="smaller than 20 MB"):
        check("big.pdf", b"", declared=file_checks.MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(RefusedUpload, match="empty"):
        check("empty.pdf", b"")


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\system.ini",
        "..%2F..%2Fsettings.pdf",
        "report\x00.pdf",
        "report\r\nContent-Type: text/html.pdf",
        "policy.pdf:hidden",
        "bell\x07.pdf",
    ],
)
def test_names_with_paths_or_control_bytes_are_refused(name):
    with pytest.raises(RefusedUpload, match="must not contain folder names or control characters"):
        check(name, samples.PDF_BYTES)


def test_names_are_tidied_and_shortened():
    assert sanitised_stem("  Board   minutes <draft>?.pdf ") == "Board minutes draft"
    assert sanitised_stem(".htaccess") == "htaccess"
    assert sanitised_stem("...") == "evidence"
    long = check("a" * 300 + ".pdf", samples.PDF_BYTES).name
    assert long == "a" * file_checks.MAX_NAME_STEM + ".pdf"
    assert sanitised_stem("Café plan.docx") == "Café plan"
