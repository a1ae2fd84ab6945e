"""Sessions end 12 hours after sign-in; a second factor is asked before anything else."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from climbie_audit.accounts import events, two_factor

SIGNED_IN_AT = "signed_in_at"


def _remember_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def connect() -> None:
    user_logged_in.connect(_remember_sign_in_time, dispatch_uid="accounts-signed-in-at")


class AbsoluteSessionLifetimeMiddleware:
    """However busy a person is, their session ends SESSION_ABSOLUTE_SECONDS after they signed
    in (ASVS 7.3.2); the idle timeout (SESSION_COOKIE_AGE) is separate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None:
                # A session from before this rule: its clock starts now.
                request.session[SIGNED_IN_AT] = now
            elif now - int(signed_in_at) > settings.SESSION_ABSOLUTE_SECONDS:
                events.record(events.Action.SESSION_EXPIRED, user, request=request, by=user)
                logout(request)
                return redirect(f"{reverse('login')}?{urlencode({'timed_out': 'absolute'})}")
        return self.get_response(request)


# Pages a person may open between their password and their second factor.
WHILE_VERIFYING = {"accounts:verify", "logout", "accessibility"}
WHILE_SETTING_UP = {
    "accounts:two_factor_setup",
    "accounts:recovery_codes",
    "logout",
    "accessibility",
}


class SecondFactorMiddleware:
    """A person who has a second factor must pass it before any page; when a second factor is
    required (production) a person without one must set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if two_factor.has_second_factor(user):
            if name not in WHILE_VERIFYING:
                return redirect(_with_next(reverse("accounts:verify"), request))
        elif two_factor.required() and name not in WHILE_SETTING_UP:
            return redirect(_with_next(reverse("accounts:two_factor_setup"), request))
        return self.get_response(request)


def _with_next(url: str, request) -> str:
    if request.method == "GET" and request.path != "/":
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url
