from django.urls import path

from standards.review import views

app_name = "review"

urlpatterns = [
    path("standards/<int:number>/review/", views.standard, name="standard"),
]
