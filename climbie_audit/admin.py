from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from climbie_audit.models import AuditEvent, Council, InspectorAssignment, User

admin.site.site_header = "Climbié Audit administration"
admin.site.site_title = "Climbié Audit administration"


class AssignmentInline(admin.TabularInline):
    model = InspectorAssignment
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "kind"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "council", "is_active"]
    list_filter = ["role", "council__region", "is_active"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]
    # UserAdmin's fieldsets are a tuple; the stubs also allow None or a list.
    fieldsets = UserAdmin.fieldsets + (  # type: ignore[operator]
        ("Role in the service", {"fields": ("role", "council", "job_title")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Role in the service", {"fields": ("role", "council", "job_title")}),
    )
    inlines = [AssignmentInline]


@admin.register(InspectorAssignment)
class InspectorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["inspector", "council", "assigned_on"]
    list_select_related = ["inspector", "council"]
    autocomplete_fields = ["council"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log cannot be edited from the admin."""

    list_display = ["at", "username", "action", "object_type", "summary", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "summary", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


# Second factors are reset in the service (accounts:reset_second_factor), which logs it; the
# admin pages django-otp brings would show every person's TOTP secret and recovery codes.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
