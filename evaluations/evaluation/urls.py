from django.urls import path

from evaluations.evaluation import views

app_name = "evaluation"

EVALUATION = "councils/<str:council_code>/evaluations/<int:pk>/"

urlpatterns = [
    path("inspector/", views.workspace, name="workspace"),
    path("councils/<str:council_code>/evaluations/", views.council_evaluations, name="council"),
    path("councils/<str:council_code>/evaluations/start/", views.start, name="start"),
    path(EVALUATION, views.detail, name="detail"),
    path(EVALUATION + "edit/", views.edit, name="edit"),
    path(EVALUATION + "check/", views.check, name="check"),
    path(EVALUATION + "issue/", views.issue, name="issue"),
    path(EVALUATION + "pdf/", views.pdf, name="pdf"),
    path(EVALUATION + "word/", views.docx, name="docx"),
    path(EVALUATION + "response/", views.respond, name="respond"),
    path(EVALUATION + "findings/add/", views.add_finding, name="add_finding"),
    path(EVALUATION + "findings/<int:finding_pk>/", views.change_finding, name="change_finding"),
    path(
        EVALUATION + "findings/<int:finding_pk>/remove/",
        views.remove_finding,
        name="remove_finding",
    ),
]
