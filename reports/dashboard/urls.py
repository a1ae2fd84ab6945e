from django.urls import path

from reports.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("councils/<str:council_code>/dashboard/", views.dashboard, name="council"),
]
