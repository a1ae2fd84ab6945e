from django.urls import path

from . import cabinet_views as views

app_name = "cabinet"

REPORTS = "councils/<str:council_code>/cabinet-reports/"
REPORT = REPORTS + "<int:pk>/"
ROLES = "councils/<str:council_code>/roles-and-responsibilities/"

urlpatterns = [
    path(REPORTS, views.report_list, name="list"),
    path(REPORTS + "new/", views.new_report, name="new"),
    path(REPORT, views.report_detail, name="report"),
    path(REPORT + "front/", views.front_matter, name="front"),
    path(REPORT + "sections/<slug:key>/", views.section, name="section"),
    path(REPORT + "implications/", views.implications, name="implications"),
    path(REPORT + "decision/", views.decision, name="decision"),
    path(REPORT + "appendices/", views.appendices, name="appendices"),
    path(REPORT + "pdf/", views.report_pdf, name="pdf"),
    path(REPORT + "final/", views.finalise, name="final"),
    path(ROLES, views.role_statement, name="roles"),
    path(ROLES + "add/", views.role_add, name="role-add"),
    path(ROLES + "pdf/", views.roles_pdf, name="roles-pdf"),
    path(ROLES + "<int:pk>/", views.role_change, name="role-change"),
    path(ROLES + "<int:pk>/remove/", views.role_remove, name="role-remove"),
]
