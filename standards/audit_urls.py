from django.urls import path

from . import audit_views as views
from . import spreadsheet_views

app_name = "self_audit"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("standards/<int:number>/", views.edit_standard, name="standard"),
    path("check/", views.check_answers, name="check"),
    path("submit/", views.submit_return, name="submit"),
    path("revise/", views.start_revision, name="revise"),
    path("versions/", views.versions, name="versions"),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/<int:number>/submitted/", views.submitted, name="submitted"),
    path("compare/", views.compare_versions, name="compare"),
    path("criteria/<str:code>/history/", views.criterion_history, name="history"),
]

# Spreadsheet exchange: the return as XLSX, the blank template, upload into the draft.
urlpatterns += [
    path("template.xlsx", spreadsheet_views.download_template, name="template"),
    path("versions/<int:number>/return.xlsx", spreadsheet_views.download_version, name="download"),
    path("upload/", spreadsheet_views.upload, name="upload"),
    path("upload/check/", spreadsheet_views.upload_preview, name="upload-check"),
]
