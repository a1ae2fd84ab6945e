from django.urls import path

from evaluations.challenge import views

app_name = "challenge"

QUERIES = "councils/<str:council_code>/queries/"

urlpatterns = [
    path(QUERIES, views.council_queries, name="list"),
    path(QUERIES + "<int:pk>/", views.query_thread, name="query"),
    path(QUERIES + "<int:pk>/close/", views.close, name="close"),
    path(QUERIES + "<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path(
        "councils/<str:council_code>/evaluations/<int:pk>/queries/raise/",
        views.raise_query,
        name="raise",
    ),
]
