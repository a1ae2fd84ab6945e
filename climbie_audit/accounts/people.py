"""Inviting and removing people.

An administrator invites SSI inspectors, directors and other administrators; a director invites
the officers of their own council and removes (deactivates) them. An invitee has no usable
password until they follow the link in their e-mail and choose one.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from climbie_audit.accounts import events
from climbie_audit.accounts.tokens import invitation_links
from climbie_audit.models import Council, User

# What an administrator manages in the Django admin (DESIGN.md): councils, people, assignments
# and frameworks, and the audit log they read. Nothing of councils' or SSI's work.
ADMINISTRATOR_MODELS = [
    ("climbie_audit", "council"),
    ("climbie_audit", "user"),
    ("climbie_audit", "inspectorassignment"),
    ("standards", "framework"),
    ("standards", "standard"),
    ("standards", "criterion"),
    ("standards", "recommendation"),
]


def administrator_permissions():
    manage = Q()
    for app_label, model in ADMINISTRATOR_MODELS:
        manage |= Q(content_type__app_label=app_label, content_type__model=model)
    read_log = Q(content_type__app_label="climbie_audit", codename="view_auditevent")
    return Permission.objects.filter(manage | read_log)


def invite(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    council: Council | None = None,
    job_title: str = "",
    request=None,
) -> User:
    """Create the invitee's account (no usable password) and e-mail them their one-time link.
    Their username is their e-mail address."""
    email = email.strip().lower()
    person = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        council=council if role in User.COUNCIL_ROLES else None,
        job_title=job_title.strip(),
    )
    person.set_unusable_password()
    if role == User.Role.ADMINISTRATOR:
        person.is_staff = True  # the Django admin, with only the permissions it needs
    person.full_clean()
    with transaction.atomic():
        person.save()
        if role == User.Role.ADMINISTRATOR:
            person.user_permissions.set(administrator_permissions())
        events.record(events.Action.INVITED, person, request=request, by=by, detail=role)
    send_invitation(person, by)  # once the account is saved
    return person


def invitation_path(person: User) -> str:
    return reverse(
        "accounts:accept_invitation",
        args=[urlsafe_base64_encode(force_bytes(person.pk)), invitation_links.make_token(person)],
    )


def send_invitation(person: User, by: User) -> None:
    context = {
        "person": person,
        "by": by,
        "link": settings.SERVICE_URL.rstrip("/") + invitation_path(person),
        "days": settings.INVITATION_TIMEOUT // (24 * 60 * 60),
        "service_name": settings.SERVICE_NAME,
    }
    send_mail(
        f"You have been invited to {settings.SERVICE_NAME}",
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [person.email],
    )


def people_of(council: Council):
    return council.people.order_by("-is_active", "role", "last_name", "first_name")


def may_be_removed_by(person: User, director: User) -> bool:
    """A director removes the officers of their own council, and no one else."""
    return (
        person.role == User.Role.OFFICER
        and person.council_id == director.council_id
        and person.pk != director.pk
    )


def deactivate(person: User, *, by: User, request=None) -> None:
    """Deactivating ends the person's sessions at once (climbie_audit.sessions) and is logged
    there too, whoever does it (here or in the Django admin)."""
    if not person.is_active:
        return
    person.is_active = False
    person.save(update_fields=["is_active"])
