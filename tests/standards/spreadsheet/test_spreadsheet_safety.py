"""Hostile and damaged uploads (issue 4, item 4): refused with a message, nothing written."""

import io
import os
import time
import zipfile

import openpyxl
import openpyxl.xml
import openpyxl.xml.functions
import pytest
from defusedxml.common import DefusedXmlException
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standards.models import Answer, AuditReturn, Framework
from standards.spreadsheet import upload_safety
from standards.spreadsheet.cells import RETURN_SHEET
from standards.spreadsheet.importing import IMPORT_REASON, plan_import
from standards.spreadsheet.reading import UNREADABLE, WorkbookRejected, read_return
from tests import factories
from tests.standards.spreadsheet.helpers import (
    draft_for,
    edit,
    export,
    fill,
    history_count,
    problems_in,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def draft_made_once(module_db, django_db_blocker) -> int:
    # Every test here starts from this draft, every criterion rated 3 with a plan: made once for
    # the module (tests/conftest.py: module_db); what a test writes is rolled back after it.
    with django_db_blocker.unblock():
        council = factories.council_a()
        officer = factories.officer_a(council)
        return fill(draft_for(council, Framework.objects.current(), officer), officer, rating=3).pk


@pytest.fixture
def draft(db, draft_made_once, council_a, officer):
    return AuditReturn.objects.get(pk=draft_made_once)


@pytest.fixture
def valid(draft) -> bytes:
    return export(draft)


def rezip(data: bytes, replace=None, add=None, drop=()) -> bytes:
    """Rebuild a workbook's zip with some parts replaced, added or removed."""
    replace, add = replace or {}, add or {}
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename in drop:
                continue
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry)))
        for name, content in add.items():
            target.writestr(name, content)
    return output.getvalue()


def refused(client, council, draft, data, name="return.xlsx") -> list[str]:
    before, history = snapshot(draft), history_count(draft)
    response = upload(client, council, data, name=name)
    assert response.status_code == 400
    assert snapshot(draft) == before
    assert history_count(draft) == history
    assert f"spreadsheet-import:{council.code}" not in client.session
    return problems_in(response)


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")
    if not openpyxl.xml.LXML:
        assert openpyxl.xml.functions.fromstring.__module__.startswith("defusedxml")


def test_file_over_5_mb_is_refused_before_it_is_stored(client_for, officer, council_a, draft):
    big = b"PK\x03\x04" + b"\0" * upload_safety.MAX_UPLOAD_BYTES

    problems = refused(client_for(officer), council_a, draft, big)

    assert problems == ["The selected file must be smaller than 5 MB"]


def test_zip_bomb_by_compression_ratio(client_for, officer, council_a, draft, valid):
    bomb = rezip(valid, add={"xl/media/padding.xml": b" " * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000

    problems = refused(client_for(officer), council_a, draft, bomb)

    assert problems == ["The selected file is compressed suspiciously well and cannot be checked"]


def test_zip_bomb_by_total_unpacked_size(client_for, officer, council_a, draft, valid):
    block = os.urandom(16_000)
    parts = {f"xl/media/image{n}.png": block * 125 for n in range(30)}  # 30 × 2 MB, ratio ≈ 67
    bomb = rezip(valid, add=parts)
    assert len(bomb) < upload_safety.MAX_UPLOAD_BYTES

    problems = refused(client_for(officer), council_a, draft, bomb)

    assert problems == ["The selected file unpacks to more than 50 MB and cannot be checked"]


def test_too_many_zip_entries(client_for, officer, council_a, draft, valid):
    crowded = rezip(valid, add={f"xl/media/n{n}.txt": b"x" for n in range(300)})
    parts = len(zipfile.ZipFile(io.BytesIO(crowded)).infolist())
    assert parts > upload_safety.MAX_ENTRIES

    problems = refused(client_for(officer), council_a, draft, crowded)

    assert problems == [f"The selected file has too many parts ({parts}) to be a return workbook"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="4"><c r="K4" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""


def test_billion_laughs_xml_part_is_refused(client_for, officer, council_a, draft, valid):
    laughs = rezip(valid, replace={"xl/worksheets/sheet2.xml": BILLION_LAUGHS})

    problems = refused(client_for(officer), council_a, draft, laughs)

    assert problems == [
        "The selected file contains XML that is not allowed (a document type declaration)"
    ]


def test_openpyxl_itself_refuses_entity_expansion(draft, valid):
    """Defence in depth: even without the upload checks, defusedxml stops the expansion."""
    laughs = rezip(valid, replace={"xl/worksheets/sheet2.xml": BILLION_LAUGHS})

    with pytest.raises(ValueError) as error:
        openpyxl.load_workbook(io.BytesIO(laughs))
    # openpyxl wraps the parser's refusal; underneath it is defusedxml's.
    assert isinstance(error.value.__cause__, DefusedXmlException)
    with pytest.raises(WorkbookRejected) as rejection:
        read_return(laughs, draft.self_audit)
    assert [str(p) for p in rejection.value.problems] == [UNREADABLE]


MACROS = "The selected file contains macros. Save it as an Excel Workbook (.xlsx) without macros"


def _macro_enabled(valid: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    return rezip(
        valid,
        replace={"[Content_Types].xml": types},
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + os.urandom(512)},
    )


def test_renamed_xlsm_is_refused(client_for, officer, council_a, draft, valid):
    problems = refused(client_for(officer), council_a, draft, _macro_enabled(valid), "return.xlsx")

    assert problems == [MACROS]


def test_macro_content_type_alone_is_refused(client_for, officer, council_a, draft, valid):
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    sneaky = rezip(valid, replace={"[Content_Types].xml": types})

    assert refused(client_for(officer), council_a, draft, sneaky) == [MACROS]


def test_xlsm_extension_is_refused(client_for, officer, council_a, draft, valid):
    problems = refused(client_for(officer), council_a, draft, valid, "return.xlsm")

    assert problems == [MACROS]


NOT_XLSX = "The selected file must be an Excel workbook (.xlsx)"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("return.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", NOT_XLSX),
        ("return.xlsx", b"Code,Rating\n1.1,4\n", NOT_XLSX),
        ("return.csv", b"Code,Rating\n1.1,4\n", NOT_XLSX),
        (
            "return.xlsx",
            upload_safety.OLE2_SIGNATURE + b"\0" * 512,
            "The selected file is an older Excel format or is password protected. "
            "Save it as an Excel Workbook (.xlsx) without a password",
        ),
        ("return.xlsx", b"", "The selected file is empty"),
        ("return.xlsx", b"PK\x03\x04 not really a zip", upload_safety.DAMAGED),
    ],
)
def test_content_that_is_not_xlsx_is_refused_whatever_the_extension(
    client_for, officer, council_a, draft, name, content, expected
):
    assert refused(client_for(officer), council_a, draft, content, name) == [expected]


def test_a_zip_that_is_not_a_workbook_is_refused(client_for, officer, council_a, draft, valid):
    document = rezip(valid, drop={"xl/workbook.xml"}, add={"word/document.xml": b"<w/>"})

    assert refused(client_for(officer), council_a, draft, document) == [NOT_XLSX]


# --- Fuzzing: damage a valid export at random -----------------------------------------------

FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

corruptions = st.tuples(
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    st.one_of(st.none(), st.floats(0, 1, exclude_max=True)),
)


def corrupt(data: bytes, mutations, truncate_at) -> bytes:
    damaged = bytearray(data)
    for where, byte in mutations:
        damaged[int(where * len(damaged))] = byte
    if truncate_at is not None:
        damaged = damaged[: int(truncate_at * len(damaged))]
    return bytes(damaged)


@FUZZ_SETTINGS
@given(damage=corruptions)
def test_damaged_files_never_fail_or_write(client_for, officer, council_a, draft, valid, damage):
    """Random byte corruptions and truncations of a valid export: a message, never a 500."""
    client = client_for(officer)
    before, history = snapshot(draft), history_count(draft)

    response = upload(client, council_a, corrupt(valid, *damage))

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert problems_in(response)
    assert snapshot(draft) == before
    assert history_count(draft) == history


PARTS = ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml")


@FUZZ_SETTINGS
@given(part=st.sampled_from(PARTS), damage=corruptions)
def test_damaged_xml_inside_a_sound_zip_never_fails_or_writes(
    client_for, officer, council_a, draft, valid, part, damage
):
    """The zip checks pass, so openpyxl meets the damage: still a message, never a 500."""
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        original = archive.read(part)
    damaged = rezip(valid, replace={part: corrupt(original, *damage)})
    client = client_for(officer)
    before, history = snapshot(draft), history_count(draft)

    response = upload(client, council_a, damaged)

    assert response.status_code in (302, 400)
    assert snapshot(draft) == before
    assert history_count(draft) == history
    if response.status_code == 302:
        # Whatever got through was checked row by row; applying it must work too.
        page = client.get(reverse("spreadsheet:upload-check", args=[council_a.code]))
        assert page.status_code == 200


def test_fuzzed_upload_that_passes_applies_cleanly_or_not_at_all(
    client_for, officer, council_a, draft, valid
):
    """A corruption that leaves the workbook valid (here: in the zip comment) is harmless."""
    commented = valid[:-2] + (5).to_bytes(2, "little") + b"hello"
    client = client_for(officer)

    response = upload(client, council_a, commented)

    assert response.status_code == 302
    page = client.get(reverse("spreadsheet:upload-check", args=[council_a.code]))
    assert "No criteria will change" in page.content.decode()
    assert not Answer.history.filter(history_change_reason=IMPORT_REASON).exists()


def test_a_sheet_claiming_a_million_rows_is_read_in_bounded_time(draft, valid):
    def far_away(workbook):
        workbook[RETURN_SHEET].cell(row=1_048_576, column=20).value = "far away"

    data = edit(valid, far_away)
    started = time.perf_counter()

    incoming = read_return(data, draft.self_audit)

    assert time.perf_counter() - started < 2
    assert plan_import(draft, incoming) == []


def test_an_oversized_upload_is_stopped_while_it_is_received(
    monkeypatch, client_for, officer, council_a, draft
):
    """The size limit acts during the upload itself, before the file is ever inspected."""

    def must_not_be_called(uploaded):
        raise AssertionError("the oversized file reached the checks")

    monkeypatch.setattr(upload_safety, "check_upload", must_not_be_called)
    big = b"PK\x03\x04" + b"\0" * upload_safety.MAX_UPLOAD_BYTES

    assert refused(client_for(officer), council_a, draft, big) == [upload_safety.TOO_BIG]
