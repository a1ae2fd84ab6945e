import sys
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator

from climbie_audit import access, audit_log
from climbie_audit.forms import SignInForm
from climbie_audit.http import SignedInRequest


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def home(request: SignedInRequest) -> HttpResponse:
    user = access.require_signed_in(request.user)
    if user.is_council_user:
        # A council's home is its self-audit task list. A council user always has a council (a
        # database constraint), which the optional foreign key's type cannot say.
        return redirect("self_audit:overview", user.council.code)  # type: ignore[union-attr]
    councils = access.visible_councils(user)
    if user.is_inspector:
        # An inspector's home is the workspace: every council, assigned councils first.
        return redirect("evaluation:workspace")
    return render(request, "pages/home.html", {"person": user, "councils": councils})


def keep_alive(request: SignedInRequest) -> HttpResponse:
    """Touching the session (SESSION_SAVE_EVERY_REQUEST) restarts its idle clock."""
    access.require_signed_in(request.user)
    return HttpResponse(status=204)


@login_not_required
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next", "/admin/")
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    audit_log.record_refusal(request, 403)
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    audit_log.record_refusal(request, 404)
    return render(request, "errors/404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request that could not be read: a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many
    fields, a malformed multipart body. Nothing was saved; the page says why, in GOV.UK words.
    A session that could not be saved because the database went away mid-request (Django calls
    it SessionInterrupted, a 400) is the database's outage: the 503 problem page."""
    if _database_away(exception):
        return _problem_page(request, database_away=True)
    audit_log.record_refusal(request, 400)
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    body_limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    context = {"too_large": too_large, "body_limit": body_limit}
    return render(request, "errors/400.html", context, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """GOV.UK's "Sorry, there is a problem with the service", never a stack trace. When the
    database is away (restarting, failing over) it is 503 with Retry-After, and the page is drawn
    without the request: the navigation would ask the database who is signed in."""
    return _problem_page(request, database_away=_database_away(sys.exc_info()[1]))


def _database_away(error: BaseException | None) -> bool:
    """Whether the error is, or was raised while handling, a lost database connection."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _problem_page(request: HttpRequest, *, database_away: bool) -> HttpResponse:
    status = 503 if database_away else 500
    response: HttpResponse | None = None
    if not database_away:
        try:
            response = render(request, "errors/500.html", status=status)
        except Exception:  # noqa: BLE001 — the error page must not fail in its turn
            response = None
    if response is None:
        page = render_to_string("errors/500.html", {"service_name": settings.SERVICE_NAME})
        response = HttpResponse(page, status=status)
    if database_away:
        response["Retry-After"] = "5"
    return response


# --- Service status (issue 9) -------------------------------------------------------------------


def ping(request: SignedInRequest) -> HttpResponse:
    """The smallest signed-in page: the page shell through every middleware, and nothing else.
    A person can check the service answers; bench/run.py times every key page against it."""
    access.require_signed_in(request.user)
    return render(request, "pages/ping.html")
