"""Who may manage whose account. Written in the base access vocabulary (climbie_audit.access):
another council's people are 404; a person who may see a council but not manage its people
gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from climbie_audit import access
from climbie_audit.accounts import people
from climbie_audit.models import Council, User


def require_administrator(user: User) -> User:
    access.require_signed_in(user)
    if not user.is_administrator:
        raise PermissionDenied
    return user


def council_people_for(user: User, council_code: str) -> Council:
    """A council's people page: its director, and administrators. Officers of the council and
    SSI inspectors may see the council but not this; other councils' people get 404."""
    council = access.council_for(user, council_code)
    if not (access.is_director_of(user, council) or user.is_administrator):
        raise PermissionDenied
    return council


def council_to_invite_for(user: User, council_code: str) -> Council:
    """Only the council's own director invites its officers."""
    council = access.council_for(user, council_code)
    access.require_director_of(user, council)
    return council


def officer_to_remove(user: User, council_code: str, pk: int) -> tuple[Council, User]:
    council = council_to_invite_for(user, council_code)
    person = council.people.filter(pk=pk).first()
    if person is None:
        raise Http404("No such person")
    if not people.may_be_removed_by(person, user):
        raise PermissionDenied("A director removes the officers of their own council.")
    return council, person


def person_for_administrator(user: User, pk: int) -> User:
    require_administrator(user)
    person = User.objects.filter(pk=pk).first()
    if person is None:
        raise Http404("No such person")
    return person
