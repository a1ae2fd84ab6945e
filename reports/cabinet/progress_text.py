"""What a progress report says about the action plan as at its date (seed 001, Derby's
progress report): what changed since the last report, each item carried forward with its
status and latest progress, and the items with no progress in the period as outstanding.

Everything here reads the plan as at the report's date (standards.action_plan.progress), so a
report says the same whenever it is drafted again, and nothing recorded after its date.
"""

from reports.cabinet.data import ReportData
from reports.cabinet.words import long_date
from standards.action_plan.progress import ActionAsAt
from standards.models import ActionStatus


def period_phrase(data: ReportData) -> str:
    """ "since the report of 5 November 2003", or "up to 5 November 2003" for a first report."""
    if data.since is not None:
        return f"since the report of {long_date(data.since)}"
    return f"up to {long_date(data.today)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str) -> str:
    text = _one_line(text)
    return text if text.endswith((".", "!", "?")) else text + "."


def item_line(shown: ActionAsAt, data: ReportData) -> str:
    """One action as the report lists it: status as at the date, then its progress."""
    action = shown.action
    line = f"{action.criterion.code} {_one_line(action.title)}: {shown.status_label.lower()}"
    if shown.is_complete and action.completed_on:
        line += f", completed {long_date(action.completed_on)}"
    elif action.target_date:
        line += f", target {long_date(action.target_date)}"
    line += "."
    latest = shown.latest
    if shown.in_period and latest is not None:
        if latest.text.strip():
            line += f" Progress as at {long_date(latest.as_at)}: {_sentence(latest.text)}"
        if latest.next_action.strip():
            line += f" Next action agreed: {_sentence(latest.next_action)}"
    elif not shown.is_complete:
        line += f" Outstanding: no progress reported {period_phrase(data)}."
        if latest is not None and latest.text.strip():
            line += f" Carried forward from {long_date(latest.as_at)}: {_sentence(latest.text)}"
    else:
        line += " Carried forward."
    return "- " + line


def changes_since(data: ReportData) -> list[str]:
    """The "what has changed" paragraphs of a progress report."""
    shown = data.plan_as_at()
    if not shown:
        return []
    heading = (
        f"## Changes since the report of {long_date(data.since)}"
        if data.since is not None
        else f"## Progress up to {long_date(data.today)}"
    )
    completed = [
        s
        for s in shown
        if s.is_complete
        and any(n.status_after == ActionStatus.COMPLETE and n.changed_status for n in s.in_period)
    ]
    reported = [s for s in shown if s.in_period]
    outstanding = [s for s in shown if s.outstanding]
    lines = [heading]
    lines.append(
        f"Progress was reported on {len(reported)} of the {len(shown)} improvement action"
        f"{'s' if len(shown) != 1 else ''} {period_phrase(data)}"
        + (
            f", and {len(completed)} {'was' if len(completed) == 1 else 'were'} completed."
            if completed
            else "."
        )
    )
    if completed:
        lines.append(
            "\n".join(
                ["Completed in the period:"]
                + [f"- {s.action.criterion.code} {_one_line(s.action.title)}" for s in completed]
            )
        )
    if outstanding:
        lines.append(
            "\n".join(
                [f"Outstanding, with no progress reported {period_phrase(data)}:"]
                + [f"- {s.action.criterion.code} {_one_line(s.action.title)}" for s in outstanding]
            )
        )
    return lines
