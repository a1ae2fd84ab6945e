"""Account pages: invitations, people, passwords and second factors. Each view asks
climbie_audit.accounts.access (or needs only a signed-in person) first; the rules live in
people.py, two_factor.py and tokens.py."""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters

from climbie_audit import access
from climbie_audit.accounts import access as accounts_access
from climbie_audit.accounts import events, people, two_factor
from climbie_audit.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    ForgotPasswordForm,
    InviteForm,
    InviteOfficerForm,
    SetPasswordForm,
)
from climbie_audit.accounts.tokens import invitation_links, password_reset_links
from climbie_audit.form_fields import posted
from climbie_audit.models import User

# --- Your account ------------------------------------------------------------------------------


def account(request):
    user = access.require_signed_in(request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "has_second_factor": two_factor.has_second_factor(user),
            "recovery_codes_left": two_factor.remaining_recovery_codes(user),
            "two_factor_required": two_factor.required(),
        },
    )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/change_password.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session signed in, ends no others
        events.record(
            events.Action.PASSWORD_CHANGED, cast(User, self.request.user), request=self.request
        )
        messages.success(self.request, "Your password has been changed")
        return response


# --- Second factor -----------------------------------------------------------------------------


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # Only a path on this site: redirect() would read anything else ("a\x00b") as a view's name
    # and fail to find it.
    is_path = target.startswith("/") and not target.startswith("//") and target.isprintable()
    return target if target and allowed and is_path else default


def two_factor_setup(request):
    """Set up an authenticator app: the secret as text and as a QR code drawn on the server."""
    user = access.require_signed_in(request.user)
    if two_factor.has_second_factor(user) and not user.is_verified():  # type: ignore[attr-defined]  # OTPMiddleware adds it
        return redirect("accounts:verify")
    form = CodeForm(posted(request), label="Code from your authenticator app")
    if request.method == "POST" and form.is_valid():
        if two_factor.enrol(request, form.cleaned_data["code"]):
            return redirect("accounts:recovery_codes")
        form.add_error("code", "The code is not correct. Check the code in your app and try again")
    hex_key = two_factor.pending_secret(request.session)
    uri = two_factor.provisioning_uri(user, hex_key)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": two_factor.base32_secret(hex_key),
            "qr_code": two_factor.qr_code_svg(uri),
            "replacing": two_factor.has_second_factor(user),
        },
    )


def recovery_codes(request):
    """Shows newly made recovery codes once; a POST makes a new set (the old ones stop working)."""
    user = access.require_signed_in(request.user)
    if not two_factor.has_second_factor(user):
        return redirect("accounts:two_factor_setup")
    if request.method == "POST":
        two_factor.renew_recovery_codes(request)
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": two_factor.take_new_codes(request.session),
            "left": two_factor.remaining_recovery_codes(user),
        },
    )


def verify(request):
    """The second step of signing in."""
    user = access.require_signed_in(request.user)
    home = reverse("home")
    if user.is_verified() or not two_factor.has_second_factor(user):  # type: ignore[attr-defined]
        return redirect(_safe_next(request, home))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_safe_next(request, home))
        form.add_error("code", "The code is not correct. Check the code in your app and try again")
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request, "")})


# --- Invitations and people ----------------------------------------------------------------------


def everyone(request):
    """Administrators: every person, invitations and second-factor resets. A director's people
    are their council's."""
    if request.user.is_director:
        return redirect("accounts:council_people", request.user.council.code)
    accounts_access.require_administrator(request.user)
    return render(
        request,
        "accounts/everyone.html",
        {"people": User.objects.select_related("council").order_by("role", "username")},
    )


def invite(request):
    user = accounts_access.require_administrator(request.user)
    form = InviteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = people.invite(
            by=user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            council=data["council"],
            job_title=data["job_title"],
            request=request,
        )
        messages.success(request, f"We have sent an invitation to {person.email}")
        return redirect("accounts:everyone")
    return render(request, "accounts/invite.html", {"form": form, "council": None})


def council_people(request, council_code):
    council = accounts_access.council_people_for(request.user, council_code)
    return render(
        request,
        "accounts/council_people.html",
        {
            "council": council,
            "people": people.people_of(council),
            "may_invite": access.is_director_of(request.user, council),
        },
    )


def invite_officer(request, council_code):
    council = accounts_access.council_to_invite_for(request.user, council_code)
    form = InviteOfficerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = people.invite(
            by=request.user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=User.Role.OFFICER,
            council=council,
            job_title=data["job_title"],
            request=request,
        )
        messages.success(request, f"We have sent an invitation to {person.email}")
        return redirect("accounts:council_people", council.code)
    return render(request, "accounts/invite.html", {"form": form, "council": council})


def remove_officer(request, council_code, pk):
    council, person = accounts_access.officer_to_remove(request.user, council_code, pk)
    if request.method == "POST":
        people.deactivate(person, by=request.user, request=request)
        messages.success(request, f"{person.display_name} can no longer sign in")
        return redirect("accounts:council_people", council.code)
    return render(request, "accounts/remove.html", {"council": council, "person": person})


def reset_second_factor(request, pk):
    person = accounts_access.person_for_administrator(request.user, pk)
    if request.method == "POST":
        two_factor.reset(person, by=request.user, request=request)
        messages.success(
            request,
            f"{person.display_name}'s second factor has been reset. "
            "They will set up a new one when they next sign in",
        )
        return redirect("accounts:everyone")
    return render(
        request,
        "accounts/reset_second_factor.html",
        {"person": person, "has_second_factor": two_factor.has_second_factor(person)},
    )


# --- One-time links: invitations and forgotten passwords ----------------------------------------


@method_decorator(login_not_required, name="dispatch")
class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """The invitee chooses a password; the link then stops working."""

    token_generator = invitation_links
    form_class = SetPasswordForm
    template_name = "accounts/accept_invitation.html"
    success_url = reverse_lazy("login")
    reset_url_token = "choose-password"

    def form_valid(self, form):
        response = super().form_valid(form)
        events.record(events.Action.PASSWORD_SET, form.user, request=self.request, by=form.user)
        messages.success(
            self.request,
            f"Your password has been set. Sign in with your username, {form.user.username}",
        )
        return response


@method_decorator(login_not_required, name="dispatch")
class ForgotPasswordView(auth_views.PasswordResetView):
    """Says the same whether or not the address has an account."""

    form_class = ForgotPasswordForm
    template_name = "accounts/forgot_password.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    token_generator = password_reset_links
    success_url = reverse_lazy("accounts:password_reset_sent")

    def get_extra_email_context(self):
        return {
            "service_url": settings.SERVICE_URL.rstrip("/"),
            "service_name": settings.SERVICE_NAME,
            "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        }

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


@login_not_required
def password_reset_sent(request):
    return render(
        request,
        "accounts/password_reset_sent.html",
        {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60},
    )


@method_decorator(login_not_required, name="dispatch")
class ResetPasswordView(auth_views.PasswordResetConfirmView):
    token_generator = password_reset_links
    form_class = SetPasswordForm
    template_name = "accounts/reset_password.html"
    success_url = reverse_lazy("login")
    reset_url_token = "choose-password"

    def form_valid(self, form):
        response = super().form_valid(form)
        events.record(events.Action.PASSWORD_RESET, form.user, request=self.request, by=form.user)
        messages.success(
            self.request, "Your password has been reset. Sign in with your new password"
        )
        return response
