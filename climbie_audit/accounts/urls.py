from django.urls import path

from climbie_audit.accounts import views

app_name = "accounts"

urlpatterns = [
    # Your account
    path("account/", views.account, name="account"),
    path("account/password/", views.ChangePasswordView.as_view(), name="change_password"),
    path("account/two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-in/code/", views.verify, name="verify"),
    # People
    path("people/", views.everyone, name="everyone"),
    path("people/invite/", views.invite, name="invite"),
    path(
        "people/<int:pk>/second-factor/reset/",
        views.reset_second_factor,
        name="reset_second_factor",
    ),
    path("councils/<str:council_code>/people/", views.council_people, name="council_people"),
    path("councils/<str:council_code>/people/invite/", views.invite_officer, name="invite_officer"),
    path(
        "councils/<str:council_code>/people/<int:pk>/remove/",
        views.remove_officer,
        name="remove_officer",
    ),
    # One-time links (anonymous)
    path(
        "invitation/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
    path("password/forgot/", views.ForgotPasswordView.as_view(), name="forgot_password"),
    path("password/forgot/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.ResetPasswordView.as_view(),
        name="reset_password",
    ),
]
