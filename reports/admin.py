"""Reports to cabinet, statements of roles and inspections in the admin are for looking up, not
editing: directors write them in the service, where the access rules, the conflict checks and
the draft/final workflow apply."""

from django.contrib import admin

from evaluations.models import Inspection
from reports.models import (
    CabinetReport,
    ReportSection,
    ResponsibleRole,
    RoleStatement,
    TimetableRow,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TimetableInline(ReadOnlyMixin, admin.TabularInline):
    model = TimetableRow
    fields = ["position", "committee", "meeting_date"]
    # One list of names; the stubs type `fields` (field groups) wider than readonly_fields.
    readonly_fields = fields  # type: ignore[assignment]
    extra = 0


class SectionInline(ReadOnlyMixin, admin.StackedInline):
    model = ReportSection
    fields = ["position", "key", "heading", "body", "numbered", "updated_by", "updated_at"]
    # One list of names; the stubs type `fields` (field groups) wider than readonly_fields.
    readonly_fields = fields  # type: ignore[assignment]
    extra = 0


@admin.register(CabinetReport)
class CabinetReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "council", "kind", "status", "updated_at", "finalised_at", "final_for"]
    list_filter = ["kind", "status", "council__region"]
    search_fields = ["title", "council__name", "council__code"]
    list_select_related = ["council"]
    exclude = ["pdf"]
    readonly_fields = [field.name for field in CabinetReport._meta.fields if field.name != "pdf"]
    inlines = [TimetableInline, SectionInline]


class RoleInline(ReadOnlyMixin, admin.StackedInline):
    model = ResponsibleRole
    fields = ["group", "position", "title", "responsibilities", "note"]
    # One list of names; the stubs type `fields` (field groups) wider than readonly_fields.
    readonly_fields = fields  # type: ignore[assignment]
    extra = 0


@admin.register(RoleStatement)
class RoleStatementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["council", "title", "updated_at"]
    search_fields = ["council__name", "council__code"]
    list_select_related = ["council"]
    readonly_fields = ["council", "title", "preamble", "created_at", "updated_at", "updated_by"]
    inlines = [RoleInline]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["council", "inspectorate", "inspection_type", "started_on", "ended_on"]
    list_filter = ["inspectorate", "council__region"]
    search_fields = ["council__name", "council__code", "inspection_type"]
    list_select_related = ["council"]
    readonly_fields = [field.name for field in Inspection._meta.fields]
