from django.urls import path

from standards.self_audit import views

app_name = "self_audit"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("start/", views.start, name="start"),
    path("standards/<int:number>/", views.edit_standard, name="standard"),
    path("check/", views.check_answers, name="check"),
    path("submit/", views.submit_return, name="submit"),
    path("revise/", views.start_revision, name="revise"),
    path("versions/", views.versions, name="versions"),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/<int:number>/submitted/", views.submitted, name="submitted"),
    path("versions/<int:number>/return.pdf", views.version_pdf, name="version_pdf"),
    path("versions/<int:number>/return.docx", views.version_docx, name="version_docx"),
    path("compare/", views.compare_versions, name="compare"),
    path("criteria/<str:code>/history/", views.criterion_history, name="history"),
]
