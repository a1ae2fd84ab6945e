"""A draft cabinet report's PDF is prepared by the task queue (climbie_audit.documents); a final
report's was rendered once when it was marked final and is kept on the report with its SHA-256."""

from climbie_audit.documents.prepared import register
from reports.cabinet.rendering import render_report_pdf
from reports.models import CabinetReport

DRAFT_PDF = "cabinet-report-draft-pdf"


@register(DRAFT_PDF, "application/pdf")
def render_draft_pdf(key: str) -> bytes:
    return render_report_pdf(CabinetReport.objects.select_related("council").get(pk=int(key)))
