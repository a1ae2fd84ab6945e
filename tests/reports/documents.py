"""Reading documents back as a reader sees them: the numbered paragraphs of a PDF (pdftotext)
and of a Word file (python-docx, or LibreOffice's PDF of it), to compare the two copies."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document

# "1. Summary", "1.1 To advise", "4.5.1 The service": a number, then the paragraph's first words.
NUMBERED_LINE = re.compile(r"^\s*(\d{1,2}\.(?:\d{1,2}(?:\.\d{1,2})?)?)\s+(\S.*)$")
FIRST_WORDS = 3


def _entry(number: str, text: str) -> tuple[str, str]:
    words = re.sub(r"[^\w\s']", " ", text).split()[:FIRST_WORDS]
    return number.rstrip("."), " ".join(words)


def numbered_in_text(text: str, stop_at: str = "Decision status") -> list[tuple[str, str]]:
    """The numbered paragraphs and section headings of a paper's body, in order, up to `stop_at`
    (the appendices' tables carry criterion codes that are not paragraph numbers)."""
    body = text.split(stop_at, 1)[0]
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


def numbered_in_docx(docx: bytes, stop_at: str = "Decision status") -> list[tuple[str, str]]:
    lines = []
    for style, text in docx_paragraphs(docx):
        if text == stop_at:
            break
        if style.startswith("List"):
            continue  # the PDF prints a bullet before a list item: never a numbered line
        lines.append(text.replace("\t", " ").split("\n")[0])
    return numbered_in_text("\n".join(lines), stop_at)


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
