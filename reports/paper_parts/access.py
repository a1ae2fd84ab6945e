"""An attached document is part of its report: whoever may read or change the report (reports.
cabinet.access, asked first) may read or change it; any other number is 404."""

from django.http import Http404

from reports.models import CabinetReport, ReportAttachment


def attachment_of(report: CabinetReport, pk: int) -> ReportAttachment:
    attachment: ReportAttachment | None = ReportAttachment.objects.filter(
        report=report, pk=pk
    ).first()
    if attachment is None:
        raise Http404("No such attachment")
    return attachment
