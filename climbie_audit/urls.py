from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    path("framework/", include("standards.urls")),
    path("councils/<str:council_code>/self-audit/", include("standards.audit_urls")),
    path("", include("evaluations.urls")),  # SSI evaluations and the inspector's workspace
    # One sign-in page for everyone, administrators included.
    path("admin/login/", views.admin_sign_in, name="admin-login"),
    path("admin/", admin.site.urls),
]

handler403 = "climbie_audit.views.permission_denied"
handler404 = "climbie_audit.views.page_not_found"
handler500 = "climbie_audit.views.server_error"

# --- Spreadsheets: the national workbook of submitted returns, for SSI ---------------------
from standards.spreadsheet_views import national_workbook  # noqa: E402

urlpatterns += [path("national/returns.xlsx", national_workbook, name="national-workbook")]

# --- Action plans, the council dashboard and SSI's national overview ------------------------
urlpatterns += [
    path("councils/<str:council_code>/action-plan/", include("standards.action_plan_urls")),
    path("", include("reports.urls")),
]

# --- Reports to cabinet, the statement of roles and responsibilities, inspections (issue 6) ---
urlpatterns += [
    path("", include("reports.cabinet_urls")),
    path("", include("evaluations.inspection_urls")),
]

# --- Service status: the smallest signed-in page (performance baseline, issue 9) --------------
urlpatterns += [path("ping/", views.ping, name="ping")]
