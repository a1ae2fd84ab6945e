"""Request types for the type checker."""

from django.http import HttpRequest

from climbie_audit.models import User


class SignedInRequest(HttpRequest):
    """A request LoginRequiredMiddleware let through, so its user is a person, not anonymous.

    Only an annotation: Django passes its own request class. Views still check with
    access.require_signed_in, for views reached otherwise."""

    user: User
