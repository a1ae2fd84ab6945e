"""What an evidence upload must be before any of it is stored.

The type is read from the bytes, never from the name or the browser's content type: a PDF
starts with `%PDF-`, PNG and JPEG with their signatures, and Word and Excel files are zips whose
parts say what they are. Zips are also checked for bombs, passwords and macros by their
directory alone, so a hostile one is refused before anything unpacks it.
"""

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_NAME_STEM = 100
CHUNK_BYTES = 64 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 64 * 1024

WRONG_TYPE = (
    "The selected file must be a PDF, Word document (.docx), Excel workbook (.xlsx), PNG or JPEG"
)
TOO_BIG = "The selected file must be smaller than 20 MB"
EMPTY = "The selected file is empty"
BAD_NAME = "The selected file's name must not contain folder names or control characters"
MACROS = "The selected file contains macros. Save it without macros"
ENCRYPTED = "The selected file is password protected. Save it without a password"
DAMAGED = "The selected file is damaged. Save it again and upload the copy"


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind(".pdf", "application/pdf", "PDF")
PNG = Kind(".png", "image/png", "PNG image")
JPEG = Kind(".jpg", "image/jpeg", "JPEG image")
DOCX = Kind(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)
XLSX = Kind(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"
)
KINDS = (PDF, PNG, JPEG, DOCX, XLSX)
# The main part each Office kind must have, and the content types that part may declare.
OFFICE_MAIN_PARTS = {
    DOCX: ("/word/document.xml", "wordprocessingml.document.main+xml"),
    XLSX: ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}
# Signs of a path, an encoded path or an alternate data stream in a name.
PATH_TRICKS = ("/", "\\", "%2f", "%5c", "%00", ":")


class RefusedUpload(Exception):
    """The upload is refused; the message is for the person, in GOV.UK wording."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: Kind
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def check_evidence(name: str, stream: IO[bytes], declared_size: int | None) -> CheckedFile:
    """Refuse anything not a PDF, DOCX, XLSX, PNG or JPEG of at most 20 MB with a usable name."""
    safe_stem = sanitised_stem(name)
    if declared_size is not None and declared_size > MAX_EVIDENCE_BYTES:
        raise RefusedUpload(TOO_BIG)
    data = _read_at_most(stream, MAX_EVIDENCE_BYTES)
    if not data:
        raise RefusedUpload(EMPTY)
    kind = kind_of(data)
    return CheckedFile(
        name=safe_stem + kind.extension,
        kind=kind,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _read_at_most(stream: IO[bytes], limit: int) -> bytes:
    # Read one byte past the limit in chunks: the declared size of an upload can lie.
    chunks, total = [], 0
    while chunk := stream.read(CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise RefusedUpload(TOO_BIG)
        chunks.append(chunk)
    return b"".join(chunks)


def sanitised_stem(name: str) -> str:
    """The name without its extension, safe to show and to offer as a download name.

    A name with a path, an encoded path or control bytes in it is refused (browsers send none);
    other characters Windows or a shell would trip on become spaces; a long name is shortened.
    The extension is replaced by the one the content shows."""
    name = unicodedata.normalize("NFC", name or "")
    lowered = name.lower()
    if any(trick in lowered for trick in PATH_TRICKS) or any(
        unicodedata.category(c).startswith("C") for c in name
    ):
        raise RefusedUpload(BAD_NAME)
    stem = PurePosixPath(name).stem if "." in name.strip(".") else name
    stem = "".join(" " if c in '<>"|?*' else c for c in stem)
    stem = " ".join(stem.split()).strip(" .")
    if stem in ("", ".", ".."):
        stem = "evidence"
    return stem[:MAX_NAME_STEM].rstrip(" .") or "evidence"


def kind_of(data: bytes) -> Kind:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Old .doc/.xls files and password-protected Office files are OLE2 compound files.
        raise RefusedUpload(
            "The selected file is an older Office format or is password protected. "
            "Save it as .docx or .xlsx without a password"
        )
    raise RefusedUpload(WRONG_TYPE)


def _office_kind(data: bytes) -> Kind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception as error:  # zipfile raises many kinds of error on malformed input
        raise RefusedUpload(DAMAGED) from error
    with archive:
        _check_directory(entries)
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names:
            raise RefusedUpload(WRONG_TYPE)
        try:
            types_xml = archive.read("[Content_Types].xml")
        except Exception as error:
            raise RefusedUpload(DAMAGED) from error
    return _kind_from_content_types(types_xml)


def _check_directory(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise RefusedUpload(WRONG_TYPE)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise RefusedUpload("The selected file unpacks to more than 200 MB and cannot be checked")
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise RefusedUpload(ENCRYPTED)
        if entry.file_size >= RATIO_CHECKED_FROM_BYTES and (
            entry.compress_size == 0
            or entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise RefusedUpload(
                "The selected file is compressed suspiciously well and cannot be checked"
            )
        lowered = entry.filename.lower()
        if "vbaproject" in lowered or (lowered.endswith(".bin") and "vba" in lowered):
            raise RefusedUpload(MACROS)


def _kind_from_content_types(xml: bytes) -> Kind:
    try:
        root = SafeElementTree.fromstring(xml)
    except (DefusedXmlException, SafeElementTree.ParseError) as error:
        raise RefusedUpload(DAMAGED) from error
    declared = {
        (node.get("PartName") or "").lower(): (node.get("ContentType") or "").lower()
        for node in root
        if node.tag.endswith("Override")
    }
    every_type = " ".join((node.get("ContentType") or "").lower() for node in root)
    if "macroenabled" in every_type or "vbaproject" in every_type:
        raise RefusedUpload(MACROS)
    for kind, (part, main_type) in OFFICE_MAIN_PARTS.items():
        if declared.get(part, "").endswith(main_type):
            return kind
    raise RefusedUpload(WRONG_TYPE)
