from django.urls import path

from reports.paper_parts import views

app_name = "paper_parts"

PARTS = "councils/<str:council_code>/cabinet-reports/<int:pk>/parts/"
ATTACHMENT = PARTS + "attachments/<int:attachment_pk>/"

urlpatterns = [
    path(PARTS, views.parts, name="parts"),
    path(PARTS + "new-section/", views.add_section, name="add_section"),
    path(PARTS + "attach/", views.attach, name="attach"),
    path(ATTACHMENT, views.attachment, name="attachment"),
    path(ATTACHMENT + "pdf/", views.attachment_file, name="attachment_file"),
]
