"""Small PDFs made on the spot, as a council's scanner or word processor would send them: text on
each page, any page size and rotation, or broken on purpose."""

import io

from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

A4 = (595.28, 841.89)


def text_pdf(
    texts: list[str],
    size: tuple[float, float] = A4,
    rotate: int = 0,
    password: str | None = None,
) -> bytes:
    """One page per text, the text at the page's top-left in Helvetica (which is not one of the
    app's fonts: a council's document keeps its own)."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for text in texts:
        page = PageObject.create_blank_page(width=size[0], height=size[1])
        content = DecodedStreamObject()
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content.set_data(f"BT /F1 14 Tf 40 {size[1] - 60} Td ({escaped}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        added = writer.add_page(page)
        if rotate:
            added.rotate(rotate)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
