"""Word documents (python-docx) a council can restyle: Word's own heading styles, named paragraph
styles for numbered paragraphs, tables whose header rows repeat on every page, "Page N of M" as
fields in the footer, and a title and language (en-GB) in the document's properties.

Numbers (1.1, 4.5.1) are written as text by the same code that numbers the PDF, not by Word's
list numbering: the two copies can then never number differently (decision 0009). Restyling the
"Numbered paragraph" styles restyles every numbered paragraph at once.
"""

import datetime
import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "en-GB"
FONT = "Arial"  # the councils' papers; Arimo, which the PDFs embed, has Arial's metrics
INK = RGBColor(0x0B, 0x0C, 0x0C)
HEADER_SHADING = "F3F2F1"
BOLD = re.compile(r"\*\*(.+?)\*\*")
# Characters XML 1.0 cannot carry (lxml refuses them). Text pasted from other programs brings
# some (a vertical tab from Word, a form feed): they are dropped rather than refuse the download.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text or "")


NUMBERED_2 = "Numbered paragraph"  # 1.1
NUMBERED_3 = "Numbered paragraph 3"  # 4.5.1, under a numbered sub-heading
PLAIN = "Unnumbered paragraph"
LABEL = "Label"
# How far the text of a numbered paragraph starts from the margin, as in the PDF (13 mm, 18 mm).
INDENTS = {NUMBERED_2: (Mm(13), Mm(13)), NUMBERED_3: (Mm(18), Mm(18)), PLAIN: (Mm(9), Mm(0))}


class WordDocument:
    """One document being written; `bytes()` gives the .docx."""

    def __init__(
        self,
        *,
        title: str,
        author: str = "",
        subject: str = "",
        running_head: str = "",
        landscape: bool = False,
        dated: datetime.datetime | None = None,
    ) -> None:
        self.document: DocumentObject = Document()
        self._properties(title, author, subject, dated)
        self._styles()
        self._page(running_head, landscape)

    # --- the document as a whole ---------------------------------------------------------------

    def _properties(
        self, title: str, author: str, subject: str, dated: datetime.datetime | None
    ) -> None:
        core = self.document.core_properties
        title, author, subject = xml_safe(title), xml_safe(author), xml_safe(subject)
        core.title = title
        core.language = LANGUAGE
        core.author = author
        core.last_modified_by = author
        core.subject = subject
        core.comments = ""
        core.keywords = ""
        core.revision = 1
        if dated is not None:
            core.created = core.modified = dated.replace(tzinfo=None)

    def _styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(7)
        _set_language(normal.element.get_or_add_rPr())
        # East Asian and complex-script fonts too, so Word never swaps the face.
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for level, size in ((1, 15), (2, 12), (3, 11), (4, 11)):
            heading = styles[f"Heading {level}"]
            heading.font.name = FONT
            heading.font.size = Pt(size)
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = INK
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.space_before = Pt(14 if level <= 2 else 10)
            heading.paragraph_format.space_after = Pt(6)
        for name, (left, hang) in INDENTS.items():
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.left_indent = left
            style.paragraph_format.first_line_indent = -hang if hang else None
            if hang:
                style.paragraph_format.tab_stops.add_tab_stop(left)
            style.paragraph_format.widow_control = True
        label = styles.add_style(LABEL, WD_STYLE_TYPE.PARAGRAPH)
        label.base_style = normal
        label.font.size = Pt(9)
        label.font.italic = True
        label.paragraph_format.keep_with_next = True

    def _page(self, running_head: str, landscape: bool) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        section.left_margin, section.right_margin = Mm(20), Mm(18)
        if running_head:
            head = section.header.paragraphs[0]
            head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = head.add_run(xml_safe(running_head))
            run.font.size = Pt(8.5)
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
            if piece.isupper():
                _add_field(foot, piece)
            else:
                foot.add_run(piece).font.size = Pt(8.5)

    @property
    def text_width(self) -> int:
        section = self.document.sections[0]
        # Set in _page(), so never None here.
        parts = (section.page_width, section.left_margin, section.right_margin)
        page, left, right = (int(part or 0) for part in parts)
        return page - left - right

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    # --- what a document is made of ------------------------------------------------------------

    def heading(self, text: str, level: int = 1, number: str = "") -> Paragraph:
        """A Word heading (Heading 1-4); a number is set off by a tab, as in the PDF."""
        paragraph: Paragraph = self.document.add_heading("", level=level)
        _add_text(paragraph, f"{number}\t{text}" if number else text)
        return paragraph

    def paragraph(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool = False,
        size: float | None = None,
        align: str = "",
        keep_with_next: bool = False,
    ) -> Paragraph:
        """A paragraph; "**words**" print bold and the text's own line breaks are kept."""
        paragraph = self.document.add_paragraph(style=style)
        _add_text(paragraph, text, bold=bold, size=size)
        if align:
            paragraph.alignment = {
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "center": WD_ALIGN_PARAGRAPH.CENTER,
            }[align]
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def numbered(self, number: str, text: str, level: int = 2) -> Paragraph:
        """A numbered paragraph (1.1 at level 2, 4.5.1 at level 3): the number, a tab, the text."""
        style = NUMBERED_3 if level == 3 else NUMBERED_2
        return self.paragraph(f"{number}\t{text}", style=style)

    def bullets(self, items: Sequence[str], *, marked: bool = False, level: int = 1) -> None:
        """A list; items that carry their own marker ("(a)", "iv)") print without a bullet."""
        style = "List Paragraph" if marked else ("List Bullet 2" if level == 2 else "List Bullet")
        for item in items:
            paragraph = self.paragraph(item, style=style)
            paragraph.paragraph_format.space_after = Pt(3)
            if marked:
                paragraph.paragraph_format.left_indent = Mm(18)

    def label(self, text: str) -> Paragraph:
        return self.paragraph(text, style=LABEL)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        *,
        header: Sequence[str] = (),
        row_headers: bool = False,
        widths: Sequence[float] = (),
        caption: str = "",
        size: float | None = None,
    ) -> Table:
        """A bordered table. The header row is marked as a repeating header row (Word repeats it
        on every page and screen readers read it as the header); rows never split across pages.
        `row_headers` prints the first cell of each row bold, as the PDF's row headers; widths
        are shares of the text width."""
        if caption:
            self.paragraph(caption, bold=True, keep_with_next=True)
        columns = len(header) if header else max((len(row) for row in rows), default=1)
        table: Table = self.document.add_table(rows=0, cols=columns)
        table.style = self.document.styles["Table Grid"]
        if header:
            cells = _new_row(table).cells
            for cell, text in zip(cells, header, strict=True):
                _fill(cell, text, bold=True, size=size, shade=True)
            _repeat_as_header(table.rows[0])
        for row in rows:
            cells = _new_row(table).cells
            for index, (cell, text) in enumerate(zip(cells, row, strict=False)):
                heading = row_headers and index == 0
                _fill(cell, text, bold=heading, size=size, shade=heading)
        for row in table.rows:
            _cant_split(row)
        if widths:
            for row in table.rows:
                for cell, share in zip(row.cells, widths, strict=False):
                    cell.width = int(self.text_width * share)
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)
        return table


def _set_language(rpr: BaseOxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _add_text(
    paragraph: Paragraph, text: str, *, bold: bool = False, size: float | None = None
) -> None:
    """The text as runs: "**words**" bold, line breaks as Word line breaks."""
    for index, piece in enumerate(BOLD.split(xml_safe(text))):
        if not piece:
            continue
        # BOLD.split puts the words between ** at odd positions.
        strong = bold or index % 2 == 1
        for line_number, line in enumerate(piece.split("\n")):
            run = paragraph.add_run()
            if line_number:
                run.add_break()
            run.add_text(line)
            run.bold = strong or None
            if size is not None:
                run.font.size = Pt(size)


def _fill(cell: _Cell, text: str, *, bold: bool, size: float | None, shade: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    _add_text(paragraph, text, bold=bold, size=size)
    if shade:
        properties = cell._tc.get_or_add_tcPr()
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), HEADER_SHADING)
        properties.append(shading)


def _new_row(table: Table) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # untyped in python-docx 1.2
    return row


def _row_properties(row: _Row) -> BaseOxmlElement:
    properties: BaseOxmlElement = row._tr.get_or_add_trPr()
    return properties


def _repeat_as_header(row: _Row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    _row_properties(row).append(marker)


def _cant_split(row: _Row) -> None:
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    _row_properties(row).insert(0, marker)


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out pages."""
    for kind, text in (("begin", ""), ("instr", instruction), ("separate", ""), ("", "1")):
        run = paragraph.add_run()
        run.font.size = Pt(8.5)
        if kind == "instr":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            run.text = text
    end = paragraph.add_run()
    end.font.size = Pt(8.5)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
