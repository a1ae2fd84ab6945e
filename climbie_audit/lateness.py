"""Was a return late? The one rule every page that shows a submission uses."""

import datetime

from django.utils import timezone


def days_late(submitted_at: datetime.datetime | None, due: datetime.date | None) -> int:
    """Whole days after the due date the return was submitted (in UK time); 0 when on time, on
    the due date itself, not submitted or with no due date."""
    if submitted_at is None or due is None:
        return 0
    return max((timezone.localdate(submitted_at) - due).days, 0)


def late_label(submitted_at: datetime.datetime | None, due: datetime.date | None) -> str:
    """ "late by 3 days", "late by 1 day", or "" when on time."""
    days = days_late(submitted_at, due)
    if not days:
        return ""
    return f"late by {days} day{'' if days == 1 else 's'}"
