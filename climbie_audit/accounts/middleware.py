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
# Set at sign-in when the person has a second factor to pass: pages then need no query to know.
SECOND_FACTOR_DUE = "second_factor_due"


def _on_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())
        request.session[SECOND_FACTOR_DUE] = two_factor.has_second_factor(user)


def connect() -> None:
    user_logged_in.connect(_on_sign_in, dispatch_uid="accounts-signed-in")


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
        if request.session.get(SECOND_FACTOR_DUE):
            target, allowed = "accounts:verify", WHILE_VERIFYING
        elif two_factor.required():
            if two_factor.has_second_factor(user):  # set up in another session since
                target, allowed = "accounts:verify", WHILE_VERIFYING
            else:
                target, allowed = "accounts:two_factor_setup", WHILE_SETTING_UP
        else:
            # Optional (development) and none to pass at this sign-in: no query, no detour.
            return self.get_response(request)
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if name not in allowed:
            return redirect(_with_next(reverse(target), request))
        return self.get_response(request)


def _with_next(url: str, request) -> str:
    if request.method == "GET" and request.path != "/":
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url
