from django.urls import path

from standards.spreadsheet import views

app_name = "spreadsheet"

RETURN = "councils/<str:council_code>/self-audit/"

urlpatterns = [
    # A council's return as XLSX, the blank template, upload into the draft.
    path(RETURN + "template.xlsx", views.download_template, name="template"),
    path(RETURN + "versions/<int:number>/return.xlsx", views.download_version, name="download"),
    path(RETURN + "upload/", views.upload, name="upload"),
    path(RETURN + "upload/check/", views.upload_preview, name="upload-check"),
    # SSI's national workbook of every council's latest submitted return.
    path("national/returns.xlsx", views.national_workbook, name="national"),
]
