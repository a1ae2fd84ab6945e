"""System checks for a production deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def accounts_hardened(app_configs: object, **kwargs: object) -> list[checks.CheckMessage]:
    """Issue 16 (OWASP ASVS 6.3.2, 3.3.1): a second factor for everyone, __Host- cookies."""
    warnings: list[checks.CheckMessage] = []
    if not settings.REQUIRE_TWO_FACTOR:
        warnings.append(
            checks.Warning(
                "People can sign in without a second factor.",
                hint="CLIMBIE_ENV=production requires one; do not set REQUIRE_TWO_FACTOR=false.",
                id="climbie_audit.W002",
            )
        )
    for name in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME"):
        if not getattr(settings, name).startswith("__Host-"):
            warnings.append(
                checks.Warning(
                    f"{name} has no __Host- prefix.",
                    hint="CLIMBIE_ENV=production names the cookies __Host-sessionid and "
                    "__Host-csrftoken (Secure, path /, no Domain).",
                    id="climbie_audit.W003",
                )
            )
    return warnings
