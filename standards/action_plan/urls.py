from django.urls import path

from standards.action_plan import views

app_name = "action_plan"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("add/", views.add, name="add"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/details/", views.change_details, name="details"),
]
