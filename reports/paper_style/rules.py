"""Saving a council's house style, with optimistic concurrency: a save from an out-of-date page
is refused and shown; a save that changes nothing records nothing."""

from django.db import transaction

from climbie_audit.concurrency import StaleEdit, save_if_unchanged
from climbie_audit.models import Council, User
from reports.cabinet.styles import STYLES, style_named
from reports.models import PaperStyle

LABELS = {
    "house_style": "House style",
    "meeting_name": "Name of the meeting",
    "logo": "Logo",
    "logo_type": "Logo",
}


class StyleConflict(StaleEdit):
    pass


def style_of(council: Council) -> PaperStyle:
    """The council's settings as stored, or unsaved defaults (Leicester's layout, no logo)."""
    return PaperStyle.objects.filter(council=council).first() or PaperStyle(council=council)


def meeting_name_for(style: PaperStyle) -> str:
    return style.meeting_name or style_named(style.house_style).default_meeting_name


def _shown(name: str, value: object) -> object:
    if name == "house_style":
        return STYLES[str(value)].label if str(value) in STYLES else value
    if name in ("logo", "logo_type"):
        return "a logo" if value else "no logo"
    return value


@transaction.atomic
def save_style(
    council: Council, user: User, started_from: int, values: dict[str, object]
) -> PaperStyle:
    """Save the council's house style (made on its first save), or StyleConflict."""
    stored, _ = PaperStyle.objects.get_or_create(council=council)
    current, _ = save_if_unchanged(
        PaperStyle,
        stored.pk,
        started_from,
        values,
        LABELS,
        conflict=StyleConflict,
        user=user,
        shown=_shown,
    )
    return current
