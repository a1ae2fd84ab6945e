from django.urls import path

from standards.evidence import views

app_name = "evidence"

VERSION = "councils/<str:council_code>/self-audit/versions/<int:number>/evidence/"

urlpatterns = [
    path(VERSION, views.version_evidence, name="version"),
    path(VERSION + "criteria/<str:code>/", views.criterion_evidence, name="criterion"),
    path(VERSION + "<int:pk>/", views.download, name="download"),
    path(VERSION + "<int:pk>/remove/", views.remove, name="remove"),
]
