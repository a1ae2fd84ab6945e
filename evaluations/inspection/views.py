"""Inspections of a council's services (seed 003), recorded by its director so the outcome can be
reported to cabinet. Each view asks climbie_audit.access first; the council's people, SSI
inspectors and administrators read inspections, other councils get 404, and only the council's
director records or changes them."""

from django.contrib import messages
from django.shortcuts import redirect, render

from climbie_audit import access
from climbie_audit.form_fields import posted
from evaluations.inspection import access as inspection_access
from evaluations.inspection import rules
from evaluations.inspection.forms import InspectionForm
from evaluations.models import Inspection


def inspection_list(request, council_code):
    council = access.council_records_of(request.user, council_code)
    inspections = list(Inspection.objects.filter(council=council).order_by("-started_on", "-pk"))
    for inspection in inspections:
        inspection.priority_count = len(inspection.items("priority_actions"))
        inspection.development_count = len(inspection.items("development_areas"))
    return render(
        request,
        "inspection/list.html",
        {
            "council": council,
            "inspections": inspections,
            "can_record": inspection_access.may_record_inspections(request.user, council),
        },
    )


def inspection_detail(request, council_code, pk):
    council, inspection = inspection_access.readable_inspection(request.user, council_code, pk)
    return render(
        request,
        "inspection/detail.html",
        {
            "council": council,
            "inspection": inspection,
            "lists": [
                (Inspection._meta.get_field(name).verbose_name, inspection.items(name))
                for name in Inspection.LISTS
            ],
            "can_record": inspection_access.may_record_inspections(request.user, council),
        },
    )


def _form_page(request, council, form, inspection=None, conflict=None):
    return render(
        request,
        "inspection/form.html",
        {
            "council": council,
            "form": form,
            "inspection": inspection,
            "conflict": conflict,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def add_inspection(request, council_code):
    council = access.council_records_of(request.user, council_code)
    access.require_director_of(request.user, council)
    form = InspectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        inspection = rules.record_inspection(council, request.user, form.values())
        messages.success(request, "The inspection has been recorded.")
        return redirect("inspection:detail", council.code, inspection.pk)
    return _form_page(request, council, form)


def change_inspection(request, council_code, pk):
    council, inspection = inspection_access.editable_inspection(request.user, council_code, pk)
    initial = inspection.values() | {"revision": inspection.revision}
    form = InspectionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_inspection(
                inspection, request.user, form.cleaned_data["revision"] or 0, form.values()
            )
        except rules.InspectionConflict as clash:
            data = request.POST.copy()
            data["revision"] = str(clash.current.revision)
            form = InspectionForm(data)
            form.is_valid()
            return _form_page(request, council, form, inspection, conflict=clash)
        messages.success(request, "The inspection has been saved.")
        return redirect("inspection:detail", council.code, inspection.pk)
    return _form_page(request, council, form, inspection)
