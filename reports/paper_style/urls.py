from django.urls import path

from reports.paper_style import views

app_name = "paper_style"

urlpatterns = [
    path("councils/<str:council_code>/cabinet-papers/style/", views.settings, name="settings"),
]
