"""The council dashboard and SSI's national overview (with its CSV and spreadsheet exports).

Each view asks climbie_audit.access first; the figures come from reports.dashboard and
reports.national, so the page and its exports cannot disagree.
"""

import csv
import io

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from climbie_audit import access
from standards import framework_index

from . import national
from .dashboard import build_dashboard

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dashboard(request, council_code):
    council, audit = access.dashboard_of(request.user, council_code)
    board = build_dashboard(request.user, council, audit)
    return render(request, "dashboard/dashboard.html", {"council": council, "board": board})


class NationalFilterForm(forms.Form):
    """Filters and sort order of the national overview. Unknown values are ignored."""

    region = forms.ChoiceField(label="Region", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=national.STATUS_CHOICES)
    judgement = forms.ChoiceField(label="Judgement", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=national.SORT_CHOICES)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]
        self.fields["judgement"].choices = national.judgement_choices()

    def filters(self) -> dict:
        chosen = {"region": "", "status": "", "judgement": "", "sort": "name"}
        if self.is_bound:
            self.is_valid()
            for name in chosen:
                # A bad value in one filter drops that filter only.
                if name not in self.errors and self.cleaned_data.get(name):
                    chosen[name] = self.cleaned_data[name]
        return chosen


def _overview(request):
    access.national_overview(request.user)
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
