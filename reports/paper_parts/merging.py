"""An attached document's pages printed inside the cabinet paper's PDF.

The paper's template gives each attached page a page of its own: the appendix's number and title,
a line saying which page of which document follows, and an empty box (.cp-attached-box in
templates/cabinet/pdf/base.html) whose id names the attachment and the page. Once WeasyPrint has
laid the paper out,
the page of the document is drawn into its box, scaled to fit (climbie_audit.pdf_pages). So the
attached pages are numbered with the paper's ("Page 9 of 14"), sit inside its text area, and keep
its running head.
"""

import re

from climbie_audit.pdf import Finish, RenderedPage
from climbie_audit.pdf_pages import Placement, box_from_anchor, place_pages
from reports.models import ReportAttachment

ANCHOR = re.compile(r"^attached-(\d+)-page-(\d+)$")


def anchor_name(attachment: ReportAttachment, page_number: int) -> str:
    return f"attached-{attachment.pk}-page-{page_number}"


def finish_with(attachments: list[ReportAttachment]) -> Finish | None:
    """The step that draws the attachments' pages into a rendered paper, or None if it has none."""
    if not attachments:
        return None
    content = {attachment.pk: attachment.content_bytes for attachment in attachments}

    def draw_attachments(pdf: bytes, pages: list[RenderedPage]) -> bytes:
        placements = []
        for index, page in enumerate(pages):
            for name, anchor in page.anchors.items():
                match = ANCHOR.match(name)
                if match is None or int(match.group(1)) not in content:
                    continue
                box = box_from_anchor(page.height_pt, anchor)
                source = content[int(match.group(1))]
                placements.append(Placement(index, box, source, int(match.group(2)) - 1))
        return place_pages(pdf, placements)

    return draw_attachments
