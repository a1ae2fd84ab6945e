"""The director's settings page for the council's cabinet papers: house style, meeting name,
logo. Access first (reports.paper_style.access), then the form, then the rule that saves."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from climbie_audit.form_fields import posted, with_revision
from reports.paper_style.access import style_settings_of
from reports.paper_style.forms import PaperStyleForm
from reports.paper_style.rules import StyleConflict, meeting_name_for, save_style, style_of


def settings(request, council_code):
    council = style_settings_of(request.user, council_code)
    stored = style_of(council)
    had = (stored.logo_bytes, stored.logo_type)
    initial = {
        "house_style": stored.house_style,
        "meeting_name": stored.meeting_name,
        "revision": stored.revision,
    }
    files = request.FILES if request.method == "POST" else None
    form = PaperStyleForm(posted(request), files, initial=initial, has_logo=bool(had[0]))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_style(council, request.user, form.cleaned_data["revision"], form.values(had))
        except StyleConflict as clash:
            conflict = clash
            current = clash.current
            revision = current.revision if current is not None else 0
            form = PaperStyleForm(with_revision(request, revision), has_logo=bool(had[0]))
            form.is_valid()
        else:
            messages.success(
                request,
                "The house style has been saved. Reports you draft from now on follow it.",
            )
            return redirect(reverse("cabinet:list", args=[council.code]))
    return render(
        request,
        "paper_style/settings.html",
        {
            "council": council,
            "form": form,
            "stored": stored,
            "meeting_name": meeting_name_for(stored),
            "conflict": conflict,
            "conflict_what": "house style",
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )
