from django.urls import path

from standards.framework import views

app_name = "framework"

urlpatterns = [
    path("", views.framework_index, name="index"),
    path("standards/<int:number>/", views.standard_detail, name="standard"),
    path("criteria/<str:code>/", views.criterion_detail, name="criterion"),
    path("recommendations/<int:number>/", views.recommendation_detail, name="recommendation"),
]
