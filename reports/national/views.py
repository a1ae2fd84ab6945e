"""SSI's national overview and its CSV and spreadsheet exports. Each view asks
reports.national.access first; the figures come from reports.national.rules, as at the date the
user chose (today by default)."""

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from climbie_audit.as_at import AsAtForm, as_at_from
from reports.national import access as national_access
from reports.national import disagreements as rule
from reports.national import rules as national
from reports.national.forms import NationalFilterForm
from standards.framework import index as framework_index
from standards.spreadsheet.cells import XLSX_CONTENT_TYPE

COUNCILS_PER_PAGE = 50


@dataclass
class Chosen:
    """What the person asked for: filters, the as-at date and the figures that follow."""

    form: NationalFilterForm
    filters: dict[str, Any]
    as_at: datetime.date
    as_at_form: AsAtForm
    today: datetime.date
    overview: national.Overview | None

    @property
    def disagreements(self) -> list[rule.Disagreement]:
        if self.overview is None:
            return []
        return rule.filtered(
            self.overview.disagreements, self.filters["direction"], self.filters["standard"]
        )


def _chosen(request) -> Chosen:
    user = national_access.national_overview(request.user)
    framework = framework_index.current_framework()
    form = NationalFilterForm(request.GET or None, regions=national.regions())
    filters = form.filters()
    today = timezone.localdate()
    as_at, as_at_form = as_at_from(request.GET, today)
    overview = None
    if framework is not None:
        only = national_access.assigned_council_ids(user) if filters["mine"] else None
        overview = national.build_overview(
            framework,
            as_at,
            region=filters["region"],
            status=filters["status"],
            judgement=filters["judgement"],
            sort=filters["sort"],
            search=filters["q"],
            only=only,
        )
    return Chosen(form, filters, as_at, as_at_form, today, overview)


def _page(request, rows: Sequence[national.CouncilRow]) -> Page:
    return Paginator(rows, COUNCILS_PER_PAGE).get_page(request.GET.get("page"))


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def national_overview(request):
    chosen = _chosen(request)
    overview = chosen.overview
    page = _page(request, overview.rows if overview else [])
    query = _query_without(request, "page")
    filters = chosen.filters
    numbers = [s.number for s in overview.standards] if overview else []
    return render(
        request,
        "national/overview.html",
        {
            "filter_form": chosen.form,
            "filters": filters,
            "overview": overview,
            "page": page,
            "rows": page.object_list,
            "columns": national.COLUMNS,
            "standard_numbers": numbers,
            "grid": [(row, row.standard_cells(numbers)) for row in page.object_list],
            "disagreements": chosen.disagreements,
            "disagreement_columns": rule.COLUMNS,
            "is_inspector": request.user.is_inspector,
            "as_at": chosen.as_at,
            "as_at_form": chosen.as_at_form,
            "as_at_is_today": chosen.as_at == chosen.today,
            # (optgroup label or "", options) for the judgement select.
            "judgement_groups": [
                (label, options) if isinstance(options, list) else ("", [(label, options)])
                for label, options in national.judgement_choices()
            ],
            "filtered": any(
                filters[name] for name in ("q", "mine", "region", "status", "judgement")
            ),
            "query": f"?{query}" if query else "",
            "page_query": f"{query}&" if query else "",
            # The other filters, kept when the disagreement filters are applied.
            "carried": [
                (name, value)
                for name, values in request.GET.lists()
                if name not in ("direction", "standard", "page")
                for value in values
            ],
            "error_links": chosen.as_at_form.error_links()
            + [
                (f"id_{name}", str(e))
                for name, errors in chosen.form.errors.items()
                for e in errors
            ],
        },
    )


def _export_name(stem: str, chosen: Chosen, extension: str) -> str:
    return f"climbie-{stem}-as-at-{chosen.as_at:%Y-%m-%d}.{extension}"


def _safe(value: str) -> str:
    """Spreadsheet programs run cells that start like a formula: make such text plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv(columns: list[str], rows: list[list[str]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _xlsx(title: str, columns: list[str], rows: list[list[str]], filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(cell) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _council_cells(chosen: Chosen) -> list[list[str]]:
    return [row.cells() for row in chosen.overview.rows] if chosen.overview else []


def national_csv(request):
    chosen = _chosen(request)
    name = _export_name("national-overview", chosen, "csv")
    return _csv(national.COLUMNS, _council_cells(chosen), name)


def national_xlsx(request):
    chosen = _chosen(request)
    name = _export_name("national-overview", chosen, "xlsx")
    return _xlsx("National overview", national.COLUMNS, _council_cells(chosen), name)


def disagreements_csv(request):
    chosen = _chosen(request)
    name = _export_name("disagreements", chosen, "csv")
    return _csv(rule.COLUMNS, [d.cells() for d in chosen.disagreements], name)


def disagreements_xlsx(request):
    chosen = _chosen(request)
    name = _export_name("disagreements", chosen, "xlsx")
    return _xlsx("Disagreements", rule.COLUMNS, [d.cells() for d in chosen.disagreements], name)
