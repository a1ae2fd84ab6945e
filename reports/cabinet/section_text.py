"""What each section of a new cabinet report says, written from the report's data for the
director to edit: purpose, summary, recommendations, findings, comments, background, authors.

The wording follows the seeds: Leicester's evaluation-outcome report of July 2003 (seed 002),
Derby's progress report of March 2004 (seed 001) and Leicester's inspection-outcome report of
December 2009 (seed 003).
"""

import datetime
from collections.abc import Callable

from climbie_audit.models import User
from evaluations.evaluation.judgements import Serving
from evaluations.models import Evaluation, StandardJudgement
from reports.cabinet import progress_text
from reports.cabinet.data import ReportData, StandardProgress
from reports.cabinet.evaluation_summary import evaluation_summary
from reports.cabinet.words import a_or_an, count_words, dates_between, long_date, roman
from reports.models import ReportKind
from standards.action_plan import rules as action_plan
from standards.models import RATING_LEVELS, ActionStatus, ImprovementAction, Standard
from standards.self_audit import scoring

SERVING_PHRASES: dict[str, str] = {
    Serving.ALL: "all children",
    Serving.MOST: "most children",
    Serving.SOME: "some children",
    Serving.NONE: "no children",
}


def _ratings_sentence(counts: dict[int, int]) -> str:
    parts = [f"{counts[level]} rated {level}" for level in sorted(RATING_LEVELS, reverse=True)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _plan_sentence(actions: list[ImprovementAction], today: datetime.date) -> str:
    counts = action_plan.status_counts(actions, today)
    total = len(actions)
    sentence = (
        f"{total} improvement action{'s' if total != 1 else ''}: "
        f"{counts[ActionStatus.COMPLETE]} complete, {counts[ActionStatus.IN_PROGRESS]} in "
        f"progress and {counts[ActionStatus.NOT_STARTED]} not started"
    )
    overdue = sum(1 for a in actions if action_plan.is_past_target_date(a, today))
    if overdue:
        sentence += f"; {overdue} {'is' if overdue == 1 else 'are'} past {'its' if overdue == 1 else 'their'} target date"
    return sentence + "."


def _statement_clause(standard: Standard) -> str:
    statement = standard.statement.strip()
    return statement[:1].lower() + statement[1:] if statement else ""


def _judgement_label(judgement: StandardJudgement) -> str:
    return judgement.get_judgement_display() or "not judged"


def _letters(items: list[str]) -> list[str]:
    """ "- (a) …;" lines, the last ending "." and the one before it "; and"."""
    lines = []
    for index, item in enumerate(items):
        ending = "." if index == len(items) - 1 else ("; and" if index == len(items) - 2 else ";")
        lines.append(f"- ({chr(ord('a') + index)}) {item}{ending}")
    return lines


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _evaluation_overall(evaluation: Evaluation) -> str:
    serving = SERVING_PHRASES.get(evaluation.overall_serving, "children")
    capacity = evaluation.get_overall_capacity_display().lower() or "unjudged"
    return f"serving {serving} well, with {capacity} capacity for improvement"


def draft_purpose(kind: str, data: ReportData) -> str:
    if kind == ReportKind.EVALUATION:
        parts = []
        if data.register is not None:
            parts.append(
                "To seek endorsement by the Cabinet of the attached statement of roles and "
                "responsibilities for safeguarding children within the Council "
                "({appendix:roles})."
            )
        evaluation = data.evaluation
        assert evaluation is not None  # drafting refuses an evaluation report without one
        parts.append(
            "To receive the findings of the Social Services Inspectorate's (SSI) evaluation of "
            "the Council's self-audit against the recommendations of the Victoria Climbié "
            "Inquiry ({appendix:evaluation}). The Council was found to be "
            f"{_evaluation_overall(evaluation)}."
        )
        return _paragraphs(*parts)
    if kind == ReportKind.PROGRESS:
        since = data.since or (data.plan.reported_since if data.plan else None)
        if since is not None and since > data.today:
            since = None
        when = f" since the report to Cabinet of {long_date(since)}" if since else ""
        evaluated = (
            " and the external evaluation of the Social Services Inspectorate"
            if data.evaluation is not None
            else ""
        )
        return (
            "To report the progress made following the Victoria Climbié Inquiry self-audit"
            f"{evaluated}{when}, as at {long_date(data.today)}."
        )
    inspection = data.inspection
    assert inspection is not None  # an inspection report has its inspection (drafting says so)
    services = f" of {inspection.services_inspected}" if inspection.services_inspected else ""
    return _paragraphs(
        f"To advise on the outcome of the {inspection.inspectorate} "
        f"{inspection.inspection_type}{services} on "
        f"{dates_between(inspection.started_on, inspection.ended_on)}.",
        "To summarise the findings of the inspection, the recommendations and the response of "
        "the Council.",
    )


def draft_summary(kind: str, data: ReportData) -> str:
    council = data.council.name
    if kind == ReportKind.INSPECTION:
        inspection = data.inspection
        assert inspection is not None  # an inspection report has its inspection (drafting says so)
        priority = inspection.items("priority_actions")
        development = inspection.items("development_areas")
        outcome = (
            "The inspection concluded that there were "
            + (
                "no areas for priority action"
                if not priority
                else f"{count_words(len(priority))} area{'s' if len(priority) != 1 else ''} for priority action"
            )
            + f" and {count_words(len(development))} area{'s' if len(development) != 1 else ''} "
            "for further development."
        )
        return _paragraphs(
            f"{council}'s services were subject to {a_or_an(inspection.inspection_type)} by "
            f"{inspection.inspectorate} on "
            f"{dates_between(inspection.started_on, inspection.ended_on)}.",
            outcome,
        )
    parts = []
    audit_return = data.audit_return
    evaluation = data.evaluation
    summary = data.summary
    if kind == ReportKind.EVALUATION:
        # An evaluation report is drafted from an issued evaluation and the return it judged.
        assert evaluation is not None and audit_return is not None
        parts.append(
            f"On {long_date(evaluation.issued_at)} the Council received SSI's evaluation of "
            f"version {audit_return.number} of its self-audit, which had been submitted on "
            f"{long_date(audit_return.submitted_at)}. The evaluation was completed by "
            f"{evaluation.inspector.display_name} on {long_date(evaluation.completed_on)}."
        )
    else:
        assert audit_return is not None  # a progress report is drafted from a submitted return
        parts.append(
            "The Social Services Department undertook an audit of services to children in need "
            "in response to the practice recommendations of the Victoria Climbié Inquiry. "
            f"Version {audit_return.number} of the self-audit was submitted to the Social "
            f"Services Inspectorate on {long_date(audit_return.submitted_at)}."
        )
        if evaluation is not None:
            parts.append(
                "The external evaluation by the Social Services Inspectorate concluded that the "
                f"Council was {_evaluation_overall(evaluation)}."
            )
        else:
            parts.append(_awaited_sentence(data))
    if summary is not None:
        late = len(summary.not_on_target)
        parts.append(
            f"The Council rated itself against the {summary.total} criteria of the "
            f"{len(summary.standards)} standards on a 4 point scale, 4 being the highest: "
            f"{_ratings_sentence(summary.counts)} ({round(summary.share_four * 100)}% rated 4). "
            + (
                f"{late} criteri{'on has' if late == 1 else 'a have'} a target date for "
                "improvement later than the Laming deadline."
                if late
                else "Every improvement is planned within the Laming timescales."
            )
        )
    if kind == ReportKind.EVALUATION and evaluation is not None and evaluation.caps_star_rating:
        parts.append(evaluation.star_rating_consequence)
    if data.actions:
        parts.append(
            "An action plan was drawn up to respond to the outcome of the self-audit. It has "
            + _plan_sentence(data.actions, data.today)
        )
    return _paragraphs(*parts)


def draft_recommendations(kind: str, data: ReportData) -> str:
    if kind == ReportKind.INSPECTION:
        return _paragraphs(
            "That Cabinet notes the findings of the inspection and in particular the strengths "
            "of the service identified by the inspectors and the hard work and dedication of "
            "the staff.",
            "That Cabinet notes the identified areas for development, the steps already taken "
            "in relation to them and the intention to develop an action plan to ensure that "
            "all of them are addressed.",
            "That Scrutiny note the report and make any comments to Cabinet.",
        )
    if kind == ReportKind.PROGRESS:
        return "To note the progress made following the Victoria Climbié Inquiry self-audit" + (
            " and external evaluation." if data.evaluation is not None else "."
        )
    items = []
    if data.register is not None:
        items.append(
            "endorse the attached statement of roles and responsibilities for safeguarding "
            "children ({appendix:roles}) and propose that it be adopted by Council"
        )
    items.append(
        "note the findings of the Social Services Inspectorate's evaluation of the Council's "
        "self-audit against the Inquiry's recommendations"
    )
    if data.response is not None:
        items.append("note the Council's comments on the evaluation")
    if data.actions:
        items.append(
            "endorse the action plan ({appendix:action_plan}) and receive a report on its "
            "progress in six months"
        )
    return "\n".join(["It is recommended that the Cabinet:", *_letters(items)])


def _awaited_sentence(data: ReportData) -> str:
    return (
        f"The Social Services Inspectorate had not issued its evaluation of the self-audit by "
        f"{long_date(data.today)}: its judgements are awaited, and the ratings below are the "
        "Council's own."
    )


def _standard_paragraphs(kind: str, progress: StandardProgress, data: ReportData) -> list[str]:
    today = data.today
    standard = progress.standard
    lines = [f"## Standard {standard.number}: {standard.title}"]
    lines.append(f"This standard requires that {_statement_clause(standard)}")
    if progress.judgement is not None:
        text = progress.judgement.text.strip()
        label = _judgement_label(progress.judgement)
        lines.append(f"**SSI's evaluation: {label}.** {text}".strip())
    elif data.evaluation_awaited:
        lines.append("**SSI's evaluation:** awaited.")
    figures = progress.figures
    if figures is not None:
        late = sum(1 for a in figures.answers if scoring.is_not_on_target(a))
        sentence = (
            f"**The Council's self-assessment:** of the {figures.total} criteria, "
            f"{_ratings_sentence(figures.counts)}."
        )
        if late:
            sentence += (
                f" {late} {'has a target date' if late == 1 else 'have target dates'} later than "
                "the Laming deadline."
            )
        lines.append(sentence)
    if progress.actions:
        lines.append(
            "**Progress of the action plan:** "
            + _plan_sentence(progress.actions, today)[0].upper()
            + _plan_sentence(progress.actions, today)[1:]
        )
        if kind == ReportKind.PROGRESS:
            lines.append("\n".join(progress_text.item_line(s, data) for s in progress.as_at))
    elif kind == ReportKind.PROGRESS:
        lines.append("There are no improvement actions against this standard.")
    return lines


def draft_findings(kind: str, data: ReportData) -> str:
    if kind == ReportKind.INSPECTION:
        return _draft_inspection_report(data)
    parts = []
    if kind == ReportKind.EVALUATION:
        parts.append(
            "SSI's evaluation of the self-audit is a key performance measure for councils and "
            "is taken into account in the star rating of their social services. A council "
            "judged in the evaluation to be serving only some children well, or none, cannot "
            "be judged as serving most or all children well in the overall assessment of its "
            "children's services."
        )
        parts.append(
            "The self-audit translated the recommendations of the Laming report into criteria "
            "in seven standards. The Council rated itself against each criterion on a 4 point "
            "scale, 4 being the highest: a top rating requires that the arrangement is in "
            "place, consistently practised and evidenced by systematic monitoring."
        )
        # A summary, not a copy: SSI's own text is in the evaluation appendix (issue 15).
        return "\n\n".join(parts + evaluation_summary(data))
    parts.append(
        "The audit tool established seven standards for services to children in need. "
        f"Performance in each of them as at {long_date(data.today)} is presented below."
    )
    if data.evaluation_awaited:
        parts.append(_awaited_sentence(data))
    parts.extend(progress_text.changes_since(data))
    for progress in data.standards():
        parts.extend(_standard_paragraphs(kind, progress, data))
    return "\n\n".join(parts)


def _roman_list(items: list[str]) -> str:
    return "\n".join(f"- {roman(i)}) {item}" for i, item in enumerate(items, start=1))


def _draft_inspection_report(data: ReportData) -> str:
    inspection = data.inspection
    assert inspection is not None  # an inspection report has its inspection (drafting says so)
    services = f" of {inspection.services_inspected}" if inspection.services_inspected else ""
    parts = [
        f"On {dates_between(inspection.started_on, inspection.ended_on)} "
        f"{inspection.inspectorate} conducted {a_or_an(inspection.inspection_type)}{services}."
    ]
    about = (inspection.about or "").replace("\r\n", "\n").strip()
    if about:
        parts.append(about)
    priority = inspection.items("priority_actions")
    development = inspection.items("development_areas")
    satisfactory = inspection.items("satisfactory_areas")
    strengths = inspection.items("strengths")
    parts.append("## Outcome of the inspection")
    if priority:
        parts.append(
            f"The inspection identified {count_words(len(priority))} "
            f"area{'s' if len(priority) != 1 else ''} for priority action:\n"
            + _roman_list(priority)
        )
    else:
        parts.append(
            "The inspection identified no areas for priority action but did identify "
            f"{count_words(len(development))} area{'s' if len(development) != 1 else ''} for "
            "further development."
        )
    if satisfactory:
        parts.append(
            "From the evidence gathered, the inspection identified a number of areas where "
            "arrangements were delivered satisfactorily in accordance with national guidance, "
            "in particular:\n" + _roman_list(satisfactory)
        )
    if strengths:
        parts.append("## Strengths identified\n" + _roman_list(strengths))
    if development:
        parts.append("## Areas for development identified\n" + _roman_list(development))
    return "\n\n".join(parts)


def draft_comments(kind: str, data: ReportData) -> str:
    if kind == ReportKind.INSPECTION:
        inspection = data.inspection
        assert inspection is not None  # an inspection report has its inspection (drafting says so)
        parts = [(inspection.council_response or "").replace("\r\n", "\n").strip()]
        areas = inspection.action_areas
        if areas:
            parts.append("## Action already taken in relation to the areas for development")
            for area, actions in areas:
                parts.append(f"**{area}**\n" + _roman_list(actions))
        return _paragraphs(*parts)
    if kind == ReportKind.EVALUATION:
        if data.response is None:
            return "The Council has not recorded a response to the evaluation."
        return _paragraphs(
            f"The Council recorded its response to the evaluation on "
            f"{long_date(data.response.recorded_at)}:",
            data.response.text.replace("\r\n", "\n").strip(),
        )
    return (
        "Services to children in need are an area of high priority for the Council and the "
        "department. Staff and managers are not complacent: work continues to improve services "
        "and outcomes for children in need, supported by the development and review of the "
        "Climbié audit action plan."
    )


def draft_background(kind: str, data: ReportData) -> str:
    lines = []
    if kind != ReportKind.INSPECTION or data.audit_return is not None:
        lines.append(
            "The Victoria Climbié Inquiry: report of an inquiry by Lord Laming (January 2003)."
        )
    if data.audit_return is not None:
        audit_return = data.audit_return
        lines.append(
            f"The Council's self-audit, version {audit_return.number}"
            + (f" (reference {audit_return.reference})" if audit_return.reference else "")
            + f", submitted on {long_date(audit_return.submitted_at)}."
        )
    if data.evaluation is not None:
        lines.append(
            f"The Social Services Inspectorate's evaluation of the self-audit, issued on "
            f"{long_date(data.evaluation.issued_at)}."
        )
    if data.inspection is not None:
        lines.append(
            f"{data.inspection.inspectorate}'s letter on the {data.inspection.inspection_type} "
            f"of {dates_between(data.inspection.started_on, data.inspection.ended_on)}."
        )
    return "\n".join(lines) or "None."


def draft_authors(user: User | None) -> str:
    if user is None:
        return ""
    line = user.display_name + (f", {user.job_title}" if user.job_title else "")
    return "\n".join(part for part in (line, user.email) if part)


DRAFTED_DEFAULTS: dict[str, str] = {
    "options": "No other options were considered.",
    "financial": "There are no direct financial implications arising from this report.",
    "legal": (
        "Services to children in need are provided under the Children Act 1989. The report is "
        "based on existing legal responsibilities and guidance."
    ),
    "personnel": "There are no direct personnel implications arising from this report.",
    "other_implications": "",
    "consultations": (
        "Cabinet lead member, Scrutiny, Corporate Directors, managers and staff in the "
        "Directorate, and partner agencies."
    ),
}


def draft_body(key: str, kind: str, data: ReportData, user: User | None = None) -> str:
    drafters: dict[str, Callable[[str, ReportData], str]] = {
        "purpose": draft_purpose,
        "summary": draft_summary,
        "recommendations": draft_recommendations,
        "findings": draft_findings,
        "comments": draft_comments,
        "background": draft_background,
    }
    if key in drafters:
        return drafters[key](kind, data)
    if key == "authors":
        return draft_authors(user)
    return DRAFTED_DEFAULTS[key]
