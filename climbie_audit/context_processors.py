from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": _navigation(request),
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_TIMEOUT_WARNING_SECONDS,
    }


def _navigation(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = [("Home", reverse("home")), ("Audit framework", reverse("framework:index"))]
    # Action plans and dashboards: SSI's view of every council at once.
    if user.is_inspector or user.is_administrator:
        items.append(("National overview", reverse("national:overview")))
    if user.is_administrator or user.is_director:
        items.append(("People", reverse("accounts:everyone")))
    if user.is_administrator:
        items.append(("Administration", reverse("admin:index")))
    items.append(("Notifications", reverse("notifications:list")))
    items.append(("Your account", reverse("accounts:account")))
    path = request.path
    return [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url in items
    ]
