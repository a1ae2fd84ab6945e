"""Checks an uploaded workbook must pass before openpyxl is allowed to open it.

An XLSX file is a zip of XML parts. A hostile one can be a zip bomb (a few kilobytes that
unpack to gigabytes), carry macros under an innocent `.xlsx` name, or hide an XML entity
expansion ("billion laughs"). Everything here looks only at the zip directory and streams the
parts in small chunks, so none of those can exhaust memory before it is refused.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 250
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Real workbooks compress their XML 5–30 times; a part that shrinks by more than this is a bomb.
MAX_COMPRESSION_RATIO = 100
# Tiny parts may compress very well without being dangerous.
RATIO_CHECKED_FROM_BYTES = 64 * 1024
CHUNK_BYTES = 64 * 1024

WORKBOOK_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}
MACRO_EXTENSIONS = {".xlsm", ".xltm", ".xlam", ".xlsb"}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# OOXML never needs a document type declaration; one is how entity expansion attacks start.
FORBIDDEN_XML = (b"<!doctype", b"<!entity")

NOT_XLSX = "The selected file must be an Excel workbook (.xlsx)"
MACROS = "The selected file contains macros. Save it as an Excel Workbook (.xlsx) without macros"
DAMAGED = "The selected file is damaged. Save it again as an Excel Workbook (.xlsx)"
TOO_BIG = "The selected file must be smaller than 5 MB"


class UnsafeUpload(Exception):
    """The file is refused before any spreadsheet code reads it. The message is for the user."""


@dataclass
class CheckedUpload:
    name: str
    data: bytes


def check_upload(uploaded: UploadedFile) -> CheckedUpload:
    """Read an uploaded file (a Django UploadedFile) and refuse anything that is not a plain XLSX."""
    name = PurePosixPath((uploaded.name or "").replace("\\", "/")).name
    if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
        raise UnsafeUpload(TOO_BIG)
    # Read at most one byte past the limit: the declared size of an upload can lie.
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnsafeUpload(TOO_BIG)
    check_workbook_bytes(name, data)
    return CheckedUpload(name=name, data=data)


def check_workbook_bytes(name: str, data: bytes) -> None:
    suffix = PurePosixPath(name.lower()).suffix
    if not data:
        raise UnsafeUpload("The selected file is empty")
    if suffix in MACRO_EXTENSIONS:
        raise UnsafeUpload(MACROS)
    if suffix != ".xlsx":
        raise UnsafeUpload(NOT_XLSX)
    if data.startswith(OLE2_SIGNATURE):
        # Old .xls files and password-protected workbooks are OLE2 compound files.
        raise UnsafeUpload(
            "The selected file is an older Excel format or is password protected. "
            "Save it as an Excel Workbook (.xlsx) without a password"
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise UnsafeUpload(NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception as error:  # zipfile raises many kinds of error on malformed input
        raise UnsafeUpload(DAMAGED) from error
    with archive:
        _check_directory(entries)
        _check_parts(archive, entries)


def _check_directory(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise UnsafeUpload(
            f"The selected file has too many parts ({len(entries)}) to be a return workbook"
        )
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise UnsafeUpload("The selected file unpacks to more than 50 MB and cannot be checked")
    for entry in entries:
        if entry.file_size >= RATIO_CHECKED_FROM_BYTES and (
            entry.compress_size == 0
            or entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise UnsafeUpload(
                "The selected file is compressed suspiciously well and cannot be checked"
            )
        if entry.flag_bits & 0x1:
            raise UnsafeUpload(
                "The selected file is password protected. Save it without a password"
            )
    names = {entry.filename for entry in entries}
    lowered = {name.lower() for name in names}
    if any(PurePosixPath(name).name.startswith("vbaproject") for name in lowered) or any(
        name.endswith(".bin") and "vba" in name for name in lowered
    ):
        raise UnsafeUpload(MACROS)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeUpload(NOT_XLSX)


def _check_parts(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Stream every part: CRC errors surface here, and no XML part may declare a DTD."""
    for entry in entries:
        is_xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
        tail = b""
        try:
            with archive.open(entry) as part:
                while chunk := part.read(CHUNK_BYTES):
                    if is_xml:
                        window = (tail + chunk).lower()
                        if any(marker in window for marker in FORBIDDEN_XML):
                            raise UnsafeUpload(
                                "The selected file contains XML that is not allowed "
                                "(a document type declaration)"
                            )
                        tail = window[-16:]
        except UnsafeUpload:
            raise
        except Exception as error:  # bad CRC, unknown compression, truncated data…
            raise UnsafeUpload(DAMAGED) from error
    _check_content_types(archive.read("[Content_Types].xml"))


def _check_content_types(xml: bytes) -> None:
    try:
        root = SafeElementTree.fromstring(xml)
    except (DefusedXmlException, SafeElementTree.ParseError) as error:
        raise UnsafeUpload(DAMAGED) from error
    types = {
        (node.get("PartName") or "").lower(): (node.get("ContentType") or "").lower()
        for node in root
        if node.tag.endswith("Override")
    }
    every_type = (
        " ".join(types.values())
        + " "
        + " ".join((node.get("ContentType") or "").lower() for node in root)
    )
    if "macroenabled" in every_type or "vbaproject" in every_type:
        raise UnsafeUpload(MACROS)
    if types.get("/xl/workbook.xml") not in WORKBOOK_CONTENT_TYPES:
        raise UnsafeUpload(NOT_XLSX)
