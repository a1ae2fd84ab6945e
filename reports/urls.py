from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("councils/<str:council_code>/dashboard/", views.dashboard, name="dashboard"),
    path("national/overview/", views.national_overview, name="national"),
    path("national/overview.csv", views.national_csv, name="national-csv"),
    path("national/overview.xlsx", views.national_xlsx, name="national-xlsx"),
]
