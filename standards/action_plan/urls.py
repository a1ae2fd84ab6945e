from django.urls import path

from standards.action_plan import views

app_name = "action_plan"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("add/", views.add, name="add"),
    path("export.csv", views.export_plan, {"file_format": "csv"}, name="export_csv"),
    path("export.xlsx", views.export_plan, {"file_format": "xlsx"}, name="export_xlsx"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/details/", views.change_details, name="details"),
]
