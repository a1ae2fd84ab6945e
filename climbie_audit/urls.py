"""The service's URLs. Each concept keeps its own urls.py; they are included here by name
(a string, not an import), so this base module depends on none of the apps built on it."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from climbie_audit import views

COUNCIL = "councils/<str:council_code>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    # The smallest signed-in page: the performance floor that bench/run.py measures against.
    path("ping/", views.ping, name="ping"),
    # One sign-in page for everyone, administrators included.
    path("admin/login/", views.admin_sign_in, name="admin-login"),
    path("admin/", admin.site.urls),
    # accounts: invitations, people, passwords, second factors
    path("", include("climbie_audit.accounts.urls")),
    path("notifications/", include("climbie_audit.notifications.urls")),
    # standards
    path("framework/", include("standards.framework.urls")),
    path(COUNCIL + "self-audit/", include("standards.self_audit.urls")),
    path(COUNCIL + "self-audit/", include("standards.review.urls")),
    path("", include("standards.spreadsheet.urls")),
    path("", include("standards.evidence.urls")),
    path(COUNCIL + "action-plan/", include("standards.action_plan.urls")),
    # evaluations
    path("", include("evaluations.evaluation.urls")),
    path("", include("evaluations.inspection.urls")),
    path("", include("evaluations.challenge.urls")),
    # reports
    path("", include("reports.cabinet.urls")),
    path("", include("reports.paper_style.urls")),
    path("", include("reports.paper_parts.urls")),
    path("", include("reports.roles.urls")),
    path("", include("reports.dashboard.urls")),
    path("", include("reports.national.urls")),
]

handler400 = "climbie_audit.views.bad_request"
handler403 = "climbie_audit.views.permission_denied"
handler404 = "climbie_audit.views.page_not_found"
handler500 = "climbie_audit.views.server_error"
