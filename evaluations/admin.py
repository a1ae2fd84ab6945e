"""Evaluations in the admin are for looking up, not editing: inspectors write them in the
service, where the access rules and the draft/issued workflow apply."""

from django.contrib import admin

from evaluations.models import CouncilResponse, Evaluation, Finding, StandardJudgement


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JudgementInline(ReadOnlyMixin, admin.TabularInline):
    model = StandardJudgement
    fields = ["standard", "judgement", "text"]
    # One list of names; the stubs type `fields` (field groups) wider than readonly_fields.
    readonly_fields = fields  # type: ignore[assignment]
    extra = 0


class FindingInline(ReadOnlyMixin, admin.TabularInline):
    model = Finding
    fields = ["position", "description", "paf_domain", "kind", "highlight"]
    # One list of names; the stubs type `fields` (field groups) wider than readonly_fields.
    readonly_fields = fields  # type: ignore[assignment]
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "audit_return",
        "phase",
        "status",
        "inspector",
        "overall_serving",
        "overall_capacity",
        "issued_at",
    ]
    list_filter = [
        "status",
        "phase",
        "overall_serving",
        "audit_return__self_audit__council__region",
    ]
    list_select_related = ["audit_return__self_audit__council", "inspector"]
    search_fields = [
        "audit_return__self_audit__council__name",
        "audit_return__self_audit__council__code",
    ]
    inlines = [JudgementInline, FindingInline]


@admin.register(CouncilResponse)
class CouncilResponseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["evaluation", "recorded_by", "recorded_at"]
    list_select_related = ["evaluation__audit_return__self_audit__council", "recorded_by"]
