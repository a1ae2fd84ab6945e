from django.urls import path

from reports.roles import views

app_name = "roles"

ROLES = "councils/<str:council_code>/roles-and-responsibilities/"

urlpatterns = [
    path(ROLES, views.role_statement, name="statement"),
    path(ROLES + "add/", views.role_add, name="add"),
    path(ROLES + "pdf/", views.roles_pdf, name="pdf"),
    path(ROLES + "word/", views.roles_docx, name="docx"),
    path(ROLES + "<int:pk>/", views.role_change, name="change"),
    path(ROLES + "<int:pk>/remove/", views.role_remove, name="remove"),
]
