"""Your notifications: the list (read and unread), opening one, and how to be e-mailed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from climbie_audit.concurrency import StaleEdit, save_if_unchanged
from climbie_audit.form_fields import posted
from climbie_audit.models import NotificationPreference
from climbie_audit.notifications import access
from climbie_audit.notifications import rules as notifications
from climbie_audit.notifications.forms import PreferenceForm

PAGE_SIZE = 50


def notification_list(request):
    own = notifications.notifications_of(request.user)
    page = Paginator(own, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread": notifications.unread_count(request.user),
            "delivery": notifications.delivery_of(request.user),
        },
    )


def open_notification(request, pk):
    """Opening a notification marks it read and takes the person to what it is about."""
    notification = access.own_notification(request.user, pk)
    notifications.mark_read(request.user, [notification.pk])
    return redirect(notification.path or "notifications:list")


@require_POST
def mark_all_read(request):
    count = notifications.mark_read(request.user)
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("notifications:list")


def preferences(request):
    preference = access.own_preference(request.user)
    form = PreferenceForm(
        posted(request), initial={"delivery": preference.delivery, "revision": preference.revision}
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_if_unchanged(
                NotificationPreference,
                preference.pk,
                form.cleaned_data["revision"],
                {"delivery": form.cleaned_data["delivery"]},
                {"delivery": "How you are e-mailed"},
            )
        except StaleEdit:
            form.add_error(None, "Your choice was changed in another window. Choose again")
        else:
            messages.success(request, "Your choice has been saved.")
            return redirect("notifications:list")
    error_links = form.error_links()
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "error_links": error_links},
        status=400 if error_links else 200,
    )
