"""What a PDF attached to a cabinet paper must be before any of it is kept: a PDF by its bytes
(never by its name), at most 10 MB and 30 pages, not password protected, and every page readable,
so that drawing it into the paper later cannot fail on it.

The limits keep the paper printable within the PDF time limit (climbie_audit.pdf): a covering
letter or a committee minute is a few pages; a longer document belongs in the background papers.
"""

import io
import logging
from dataclasses import dataclass
from typing import IO

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from standards.evidence.file_checks import sanitised_stem

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 30
# A page narrower or shorter than this (points) is no page of a document: a 1 pt strip, say,
# would be scaled up to fill the paper's text area.
MIN_SIDE_PT = 72
MAX_SIDE_PT = 14_400  # the largest page PDF readers accept (200 inches)

NOT_PDF = "The selected file must be a PDF"
TOO_BIG = "The selected file must be smaller than 10 MB"
TOO_MANY_PAGES = f"The selected file must have {MAX_PAGES} pages or fewer"
EMPTY = "The selected file is empty"
ENCRYPTED = "The selected file is password protected. Save it without a password"
DAMAGED = "The selected file is damaged. Save it again as a PDF and upload the copy"
ODD_PAGES = "The selected file has pages too small or too large to print"


class AttachmentRefused(Exception):
    """The file is refused; the message is for the person, in GOV.UK wording."""


@dataclass(frozen=True)
class CheckedPdf:
    file_name: str
    data: bytes
    pages: int


def check_attached_pdf(name: str, stream: IO[bytes], declared_size: int | None) -> CheckedPdf:
    safe_stem = sanitised_stem(name)
    if declared_size is not None and declared_size > MAX_BYTES:
        raise AttachmentRefused(TOO_BIG)
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise AttachmentRefused(TOO_BIG)
    if not data:
        raise AttachmentRefused(EMPTY)
    if not data.startswith(b"%PDF-"):
        raise AttachmentRefused(NOT_PDF)
    return CheckedPdf(f"{safe_stem}.pdf", data, _page_count(data))


def _page_count(data: bytes) -> int:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRefused(ENCRYPTED)
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise AttachmentRefused(TOO_MANY_PAGES)
        for page in reader.pages:
            _check_page(page)
    except AttachmentRefused:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # Whatever a damaged file makes the reader trip on, the person gets the same answer.
        logger.info("Attached PDF refused as damaged: %r", error)
        raise AttachmentRefused(DAMAGED) from None
    if count == 0:
        raise AttachmentRefused(EMPTY)
    return count


def _check_page(page) -> None:  # a pypdf PageObject
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    if not (MIN_SIDE_PT <= width <= MAX_SIDE_PT and MIN_SIDE_PT <= height <= MAX_SIDE_PT):
        raise AttachmentRefused(ODD_PAGES)
    contents = page.get_contents()
    if contents is not None:
        contents.get_data()  # decodes the content streams: a broken one fails here, not later
