from django.urls import path

from evaluations.inspection import views

app_name = "inspection"

INSPECTIONS = "councils/<str:council_code>/inspections/"

urlpatterns = [
    path(INSPECTIONS, views.inspection_list, name="list"),
    path(INSPECTIONS + "add/", views.add_inspection, name="add"),
    path(INSPECTIONS + "<int:pk>/", views.inspection_detail, name="detail"),
    path(INSPECTIONS + "<int:pk>/change/", views.change_inspection, name="change"),
]
