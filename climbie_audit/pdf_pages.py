"""Pages of another PDF printed inside a rendered one: a council's attached document inside its
cabinet paper (reports.paper_parts.merging).

Each page of the other document becomes a form XObject drawn, scaled to fit, into a box that the
rendered page left empty for it. The host page keeps its own running head, page number ("Page 7
of 12" counts the attached pages) and tags. What is drawn is marked as an artifact: it carries no
tags of its own, and the host page says in tagged text what the box holds and where the original
can be downloaded. Nothing of the other document but its page content comes across: no
annotations, links, forms, scripts or outline.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

from climbie_audit.pdf import PT_PER_PX


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in PDF points from the page's bottom-left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    """Draw page `source_page` of `source` into `box` on page `page_index` of the host."""

    page_index: int
    box: Box
    source: bytes
    source_page: int


def box_from_anchor(page_height_pt: float, anchor: tuple[float, float, float, float]) -> Box:
    """The box an element with an id took on its page (WeasyPrint's anchor: left, top, right,
    bottom in CSS px from the top-left) in PDF points from the bottom-left."""
    left, top, right, bottom = (value * PT_PER_PX for value in anchor)
    return Box(left, page_height_pt - bottom, right - left, bottom - top)


def place_pages(host: bytes, placements: Sequence[Placement]) -> bytes:
    """The host PDF with each placement drawn; the host's structure, metadata and language kept."""
    if not placements:
        return host
    host_reader = PdfReader(io.BytesIO(host))
    writer = PdfWriter(clone_from=host_reader)
    writer.pdf_header = host_reader.pdf_header  # PDF/UA needs 1.7; pypdf would write 1.3
    readers: dict[int, PdfReader] = {}
    for n, placement in enumerate(placements):
        reader = readers.setdefault(id(placement.source), PdfReader(io.BytesIO(placement.source)))
        source = reader.pages[placement.source_page]
        _draw(writer, writer.pages[placement.page_index], source, placement.box, f"/Attached{n}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draw(writer: PdfWriter, host: PageObject, source: PageObject, box: Box, name: str) -> None:
    left, bottom, right, top = (float(v) for v in source.cropbox)
    width, height = right - left, top - bottom
    upright = _upright(source.rotation % 360, width, height)
    shown_width, shown_height = (height, width) if source.rotation % 180 else (width, height)
    scale = min(box.width / shown_width, box.height / shown_height)
    # Centred across the box, at its top: as a page would sit on a desk, not floating mid-box.
    x = box.x + (box.width - shown_width * scale) / 2
    y = box.y + box.height - shown_height * scale
    matrix = (
        Transformation().translate(-left, -bottom).transform(upright).scale(scale).translate(x, y)
    )
    form = DecodedStreamObject()
    contents = source.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (left, bottom, right, top)),
            NameObject("/Resources"): _resources(writer, source),
        }
    )
    form_ref = writer._add_object(form)
    resources = host[NameObject("/Resources")].get_object()
    assert isinstance(resources, DictionaryObject)
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    xobjects = resources["/XObject"].get_object()
    assert isinstance(xobjects, DictionaryObject)
    xobjects[NameObject(name)] = form_ref
    cm = " ".join(f"{value:.6f}" for value in matrix.ctm)
    # A thin grey frame shows where the attached page's edges are.
    frame = f"{x:.3f} {y:.3f} {shown_width * scale:.3f} {shown_height * scale:.3f} re"
    drawing = f"q /Artifact BMC 0.5 w 0.69 G {frame} S {cm} cm {name} Do EMC Q".encode("ascii")
    _append_content(host, drawing)


def _upright(rotation: int, width: float, height: float) -> Transformation:
    """The page's /Rotate (clockwise, in quarter turns) as a transformation that leaves the page
    upright with its bottom-left corner at the origin."""
    turn = Transformation().rotate(-rotation)
    if rotation == 90:
        return turn.translate(0, width)
    if rotation == 180:
        return turn.translate(width, height)
    if rotation == 270:
        return turn.translate(height, 0)
    return Transformation()


def _append_content(host: PageObject, drawing: bytes) -> None:
    """Add `drawing` after the host page's content, in the page's own coordinates: the host's
    content is wrapped in q … Q because WeasyPrint leaves its flip of the y axis in force."""
    contents = host.get_contents()
    data = contents.get_data() if contents is not None else b""
    stream = ContentStream(None, None)
    stream.set_data(b"q\n" + data + b"\nQ\n" + drawing + b"\n")
    host.replace_contents(stream)


def _resources(writer: PdfWriter, source: PageObject) -> DictionaryObject:
    """The source page's fonts, images and the like, copied into the host document."""
    resources = source.get("/Resources")
    if resources is None:
        return DictionaryObject()
    cloned = resources.get_object().clone(writer)
    assert isinstance(cloned, DictionaryObject)
    return cloned
