"""Reading documents back as a reader sees them: the numbered paragraphs of a PDF (pdftotext)
and of a Word file (python-docx, or LibreOffice's PDF of it), to compare the two copies."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

# "1.1 To advise", "4.5 Standard 1", "4.5.1 The service": a paragraph's number, then its first
# words. Section headings ("1. Summary") are left to the heading tests: a table row of standards
# ("1. Referral  Most") would read like one.
NUMBERED_LINE = re.compile(r"^\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+(\S.*)$")
FIRST_WORDS = 3
# Where a paper's body ends: the decision status (Leicester style) or the first appendix.
STOPS = ("Decision status", "APPENDIX 1")


def _entry(number: str, text: str) -> tuple[str, str]:
    words = re.sub(r"[^\w\s']", " ", text).split()[:FIRST_WORDS]
    return number.rstrip("."), " ".join(words)


def numbered_in_text(text: str, stop_at: tuple[str, ...] = STOPS) -> list[tuple[str, str]]:
    """The numbered paragraphs and section headings of a paper's body, in order, up to the first
    of `stop_at` (the appendices' tables carry criterion codes that are not paragraph numbers)."""
    body = text
    for stop in stop_at:
        body = body.split(stop, 1)[0]
    found = []
    for line in body.splitlines():
        match = NUMBERED_LINE.match(line)
        if match:
            found.append(_entry(match.group(1), match.group(2)))
    return found


def pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paper.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
        )
    return result.stdout.decode("utf-8")


def docx_paragraphs(docx: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph of a Word file."""
    document = Document(io.BytesIO(docx))
    return [(p.style.name if p.style else "", p.text) for p in document.paragraphs]


def numbered_in_docx(docx: bytes) -> list[tuple[str, str]]:
    """As numbered_in_text, from the Word file's body in order: paragraphs, and table rows as a
    PDF's text has them (the cells of a row on one line)."""
    document = Document(io.BytesIO(docx))
    lines = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            style = paragraph.style.name if paragraph.style else ""
            if style.startswith("List"):
                continue  # the PDF prints a bullet before a list item: never a numbered line
            lines.append(paragraph.text.replace("\t", " ").split("\n")[0])
        elif element.tag == qn("w:tbl"):
            for row in Table(element, document).rows:
                lines.append("  ".join(cell.text.split("\n")[0] for cell in row.cells))
    return numbered_in_text("\n".join(lines))


def libreoffice_pdf(docx: bytes) -> bytes:
    """LibreOffice's PDF of a Word file, as a council's office suite would print it. Each call
    has a profile of its own, so parallel test runs never share one."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paper.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        return (Path(folder) / "paper.pdf").read_bytes()
