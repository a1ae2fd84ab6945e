from django.contrib import admin

from standards.models import Criterion, Framework, Recommendation, Standard


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0
    fields = ["number", "title"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "title", "published_on", "return_due"]
    inlines = [StandardInline]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "framework", "reconstructed"]
    list_filter = ["framework"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["number", "paragraph", "timescale_months", "framework", "reconstructed"]
    list_filter = ["framework", "timescale_months"]
    search_fields = ["text"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["code", "standard", "reconstructed"]
    list_filter = ["standard__framework", "standard"]
    list_select_related = ["standard"]
    filter_horizontal = ["recommendations"]
    search_fields = ["code", "text"]
