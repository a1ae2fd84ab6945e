"""SSI's national overview and its CSV and spreadsheet exports. Each view asks
climbie_audit.access first; the figures come from reports.national.rules."""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from reports.national import access as national_access
from reports.national import rules as national
from reports.national.forms import NationalFilterForm
from standards.framework import index as framework_index
from standards.spreadsheet.cells import XLSX_CONTENT_TYPE


def _overview(request):
    national_access.national_overview(request.user)
    framework = framework_index.current_framework()
    form = NationalFilterForm(request.GET or None, regions=national.regions())
    filters = form.filters()
    overview = None
    if framework is not None:
        overview = national.build_overview(framework, timezone.localdate(), **filters)
    return form, filters, overview


def national_overview(request):
    form, filters, overview = _overview(request)
    query = request.GET.urlencode()
    return render(
        request,
        "national/overview.html",
        {
            "filter_form": form,
            "filters": filters,
            "overview": overview,
            "columns": national.COLUMNS,
            # (optgroup label or "", options) for the judgement select.
            "judgement_groups": [
                (label, options) if isinstance(options, list) else ("", [(label, options)])
                for label, options in national.judgement_choices()
            ],
            "filtered": any(filters[name] for name in ("region", "status", "judgement")),
            "query": f"?{query}" if query else "",
        },
    )


def _export_name(extension: str) -> str:
    return f"climbie-national-overview-{timezone.localdate():%Y-%m-%d}.{extension}"


def _safe(value: str) -> str:
    """Spreadsheet programs run cells that start like a formula: make such text plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def national_csv(request):
    _, _, overview = _overview(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(national.COLUMNS)
    for row in overview.rows if overview else []:
        writer.writerow([_safe(cell) for cell in row.cells()])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def national_xlsx(request):
    _, _, overview = _overview(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("National overview")
    bold = Font(bold=True)
    header = []
    for title in national.COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in overview.rows if overview else []:
        sheet.append([_safe(cell) for cell in row.cells()])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_export_name("xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
