from django.urls import path

from reports.cabinet import views

app_name = "cabinet"

REPORTS = "councils/<str:council_code>/cabinet-reports/"
REPORT = REPORTS + "<int:pk>/"

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
    path(REPORT + "word/", views.report_docx, name="docx"),
    path(REPORT + "final/", views.finalise, name="final"),
]
