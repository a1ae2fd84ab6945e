from django.urls import path

from reports.national import views

app_name = "national"

urlpatterns = [
    path("national/overview/", views.national_overview, name="overview"),
    path("national/overview.csv", views.national_csv, name="csv"),
    path("national/overview.xlsx", views.national_xlsx, name="xlsx"),
    path("national/disagreements.csv", views.disagreements_csv, name="disagreements_csv"),
    path("national/disagreements.xlsx", views.disagreements_xlsx, name="disagreements_xlsx"),
]
