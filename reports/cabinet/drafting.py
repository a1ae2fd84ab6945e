"""Reports to cabinet: drafted from the audit data, edited by the director, numbered, rendered
as a cabinet paper PDF, marked final for a meeting.

The shapes follow the seeds: Leicester's evaluation-outcome report of July 2003 (seed 002),
Derby's progress report of March 2004 (seed 001) and Leicester's inspection-outcome report of
December 2009 (seed 003). Access is the views' business (climbie_audit.access); the rules here
hold whoever calls them.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from climbie_audit import charts
from climbie_audit.concurrency import Difference, StaleEdit, claim
from climbie_audit.pdf import render_pdf
from evaluations.evaluation.judgements import FindingKind, Serving
from evaluations.models import CouncilResponse, Evaluation, Inspection
from reports.models import (
    APPENDIX_ORDER,
    OTHER_IMPLICATIONS,
    Appendix,
    CabinetReport,
    DecisionMaker,
    ForwardPlan,
    ReportKind,
    ReportSection,
    TimetableRow,
)
from reports.roles import rules as roles
from standards.action_plan import rules as action_plan
from standards.models import RATING_LEVELS, ActionStatus, AuditReturn, ImmutableRecordError
from standards.self_audit import scoring

# =============================================================================================
# Section bodies: plain text, parsed into paragraphs, sub-headings and lists, then numbered.
# =============================================================================================

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST = "list"

# "(a) ", "(1). ", "i) ", "iv) ": list items that carry their own marker print without a bullet.
MARKER = re.compile(r"^\(?([a-z]{1,4}|[0-9]{1,3})\)\.?\s", re.IGNORECASE)
BOLD = re.compile(r"\*\*(.+?)\*\*")
APPENDIX_TOKEN = re.compile(r"\{appendix:([a-z_]+)\}")


def inline(text: str) -> SafeString:
    """Escape the text, then turn **words** into bold: the only markup a body may carry."""
    return mark_safe(BOLD.sub(r"<strong>\1</strong>", escape(text)))


@dataclass
class ListItem:
    text: str

    @property
    def has_marker(self) -> bool:
        return bool(MARKER.match(self.text))

    @property
    def html(self) -> SafeString:
        return inline(self.text)


@dataclass
class Block:
    kind: str
    number: str = ""
    text: str = ""
    items: list[ListItem] = field(default_factory=list)
    level: int = 2  # 2 for "1.1", 3 for "4.5.1"

    @property
    def html(self) -> SafeString:
        return inline(self.text)

    @property
    def all_marked(self) -> bool:
        return bool(self.items) and all(item.has_marker for item in self.items)


def parse_body(body: str) -> list[Block]:
    """Blank lines separate paragraphs; "## " starts a sub-heading; "- " a list item. Lines of a
    paragraph keep their line breaks (addresses, lists of papers)."""
    blocks: list[Block] = []
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    for chunk in re.split(r"\n\s*\n", text):
        for kind, lines in _runs(chunk):
            if kind == HEADING:
                blocks.append(Block(HEADING, text=lines[0]))
            elif kind == LIST:
                blocks.append(Block(LIST, items=[ListItem(line) for line in lines]))
            else:
                blocks.append(Block(PARAGRAPH, text="\n".join(lines)))
    return blocks


def _runs(chunk: str) -> list[tuple[str, list[str]]]:
    """A chunk's lines grouped into runs of one kind: each heading alone, list items together,
    paragraph lines together."""
    runs: list[tuple[str, list[str]]] = []
    for raw in chunk.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            runs.append((HEADING, [line[3:].strip()]))
            continue
        kind, line = (LIST, line[2:].strip()) if line.startswith("- ") else (PARAGRAPH, line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line]))
    return runs


def number_blocks(section_number: int, blocks: list[Block], numbered: bool = True) -> list[Block]:
    """Number paragraphs 1.1, 1.2 …; a sub-heading takes the next number (4.5) and the
    paragraphs under it are numbered beneath it (4.5.1, 4.5.2). Lists are never numbered: they
    belong to what precedes them, as in the seeds."""
    if not numbered:
        return blocks
    paragraph = 0
    heading_number = ""
    sub = 0
    for block in blocks:
        if block.kind == HEADING:
            paragraph += 1
            heading_number = f"{section_number}.{paragraph}"
            block.number, block.level = heading_number, 2
            sub = 0
        elif block.kind == PARAGRAPH:
            if heading_number:
                sub += 1
                block.number, block.level = f"{heading_number}.{sub}", 3
            else:
                paragraph += 1
                block.number, block.level = f"{section_number}.{paragraph}", 2
    return blocks


def resolve_appendices(text: str, numbers: dict[str, int]) -> str:
    """ "{appendix:roles}" becomes "Appendix 1", or "not attached" when it is not attached."""

    def replace(match):
        number = numbers.get(match.group(1))
        return f"Appendix {number}" if number else "not attached"

    return APPENDIX_TOKEN.sub(replace, text)


@dataclass
class NumberedSection:
    number: int
    section: ReportSection
    blocks: list[Block]

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def is_implications_table(self) -> bool:
        return self.section.key == "other_implications"


def appendix_numbers(report: CabinetReport) -> dict[str, int]:
    return {value: number for number, value in enumerate(report.appendix_list(), start=1)}


def numbered_sections(report: CabinetReport, sections=None) -> list[NumberedSection]:
    """The report's sections as printed: empty ones left out, the rest numbered 1, 2, 3 …"""
    sections = list(report.sections.all()) if sections is None else sections
    numbers = appendix_numbers(report)
    result = []
    for section in sorted(sections, key=lambda s: s.position):
        body = resolve_appendices(section.body, numbers)
        blocks = parse_body(body)
        if not blocks and section.key != "other_implications":
            continue
        number = len(result) + 1
        result.append(
            NumberedSection(number, section, number_blocks(number, blocks, section.numbered))
        )
    return result


# =============================================================================================
# The data a report is drafted from.
# =============================================================================================

SERVING_PHRASES = {
    Serving.ALL: "all children",
    Serving.MOST: "most children",
    Serving.SOME: "some children",
    Serving.NONE: "no children",
}
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def count_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def long_date(value) -> str:
    if value is None:
        return "a date not recorded"
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return f"{value.day} {value:%B %Y}"


def dates_between(start: datetime.date, end: datetime.date) -> str:
    """ "11 and 12 August 2009", "30 June to 2 July 2009", "3 March 2004"."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month) and end.day - start.day == 1:
        return f"{start.day} and {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def a_or_an(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


@dataclass
class StandardProgress:
    standard: object
    figures: scoring.StandardFigures | None
    judgement: object | None
    actions: list

    @property
    def status_counts(self) -> dict[str, int]:
        return action_plan.status_counts(self.actions)


@dataclass
class ReportData:
    council: object
    today: datetime.date
    evaluation: Evaluation | None = None
    judgements: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    response: object | None = None
    audit_return: AuditReturn | None = None
    summary: scoring.ReturnSummary | None = None
    plan: object | None = None
    actions: list = field(default_factory=list)
    inspection: Inspection | None = None
    register: roles.Register | None = None

    def standards(self) -> list[StandardProgress]:
        figures = {f.standard.number: f for f in self.summary.standards} if self.summary else {}
        judgements = {j.standard.number: j for j in self.judgements}
        actions: dict[int, list] = {}
        for action in self.actions:
            actions.setdefault(action.criterion.standard.number, []).append(action)
        standards = {}
        for source in (figures.values(), self.judgements):
            for item in source:
                standards[item.standard.number] = item.standard
        return [
            StandardProgress(standard, figures.get(n), judgements.get(n), actions.get(n, []))
            for n, standard in sorted(standards.items())
        ]

    @property
    def overdue(self) -> list:
        return [a for a in self.actions if action_plan.is_past_target_date(a, self.today)]

    @property
    def past_laming(self) -> list:
        return [a for a in self.actions if action_plan.is_past_laming_deadline(a, self.today)]


def latest_issued_evaluation(council) -> Evaluation | None:
    return (
        Evaluation.objects.issued()
        .filter(audit_return__self_audit__council=council)
        .order_by("-issued_at", "-pk")
        .first()
    )


def latest_submitted_return(council) -> AuditReturn | None:
    return (
        AuditReturn.objects.submitted()
        .filter(self_audit__council=council)
        .select_related("self_audit__framework", "submitted_by")
        .order_by("-self_audit__framework__published_on", "-number")
        .first()
    )


def gather(
    council,
    *,
    evaluation: Evaluation | None = None,
    audit_return: AuditReturn | None = None,
    inspection: Inspection | None = None,
    today: datetime.date | None = None,
    with_roles: bool = True,
) -> ReportData:
    """Everything a report or its appendices show, in a fixed number of queries."""
    data = ReportData(council=council, today=today or timezone.localdate())
    if evaluation is not None:
        evaluation = (
            Evaluation.objects.select_related(
                "audit_return__self_audit__council", "inspector", "issued_by"
            )
            .filter(pk=evaluation.pk)
            .first()
        )
        data.evaluation = evaluation
        data.judgements = list(
            evaluation.judgements.select_related("standard").order_by("standard__number")
        )
        data.findings = list(evaluation.findings.all())
        data.response = (
            CouncilResponse.objects.filter(evaluation=evaluation)
            .select_related("recorded_by")
            .first()
        )
    audit_return = audit_return or (evaluation.audit_return if evaluation else None)
    if audit_return is not None:
        data.audit_return = audit_return
        data.summary = scoring.summarise(audit_return.answers.with_criteria().in_framework_order())
        plan = action_plan.plan_of(audit_return.self_audit)
        if plan is not None:
            data.plan = plan
            data.actions = list(action_plan.actions_with_detail(plan))
    data.inspection = inspection
    if with_roles:
        statement = roles.statement_of(council)
        if statement is not None:
            data.register = roles.register_of(statement)
    return data


# =============================================================================================
# Drafting: every section of a new report written from the data, for the director to edit.
# =============================================================================================

SECTION_HEADINGS = {
    "purpose": "Purpose of report",
    "summary": "Summary",
    "recommendations": "Recommendations",
    "findings": {
        ReportKind.EVALUATION: "The findings of the SSI evaluation",
        ReportKind.PROGRESS: "Supporting information: progress standard by standard",
        ReportKind.INSPECTION: "Report",
    },
    "comments": {
        ReportKind.EVALUATION: "Comments on the evaluation",
        ReportKind.PROGRESS: "Comments",
        ReportKind.INSPECTION: "Response to the inspection",
    },
    "options": "Other options considered",
    "financial": "Financial implications",
    "legal": "Legal implications",
    "personnel": "Personnel implications",
    "other_implications": "Other implications",
    "background": "Background papers",
    "consultations": "Consultations",
    "authors": "Report authors and officers to contact",
}
SECTION_KEYS = list(SECTION_HEADINGS)
UNNUMBERED = {"background", "consultations", "authors", "other_implications"}


def section_heading(key: str, kind: str) -> str:
    heading = SECTION_HEADINGS[key]
    return heading[kind] if isinstance(heading, dict) else heading


def council_heading_for(council) -> str:
    """How the council's name heads its papers; the director can change it."""
    if council.kind == "county":
        return f"{council.name} County Council"
    if council.kind == "london":
        return f"London Borough of {council.name}"
    if " and " in council.name:
        return f"{council.name} Council"
    return f"{council.name} City Council"


def default_title(kind: str, data: ReportData) -> str:
    if kind == ReportKind.EVALUATION:
        title = (
            "Safeguarding Children: the Social Services Inspectorate's Evaluation of the "
            "Council's Self-Audit against the Laming Inquiry Recommendations"
        )
        if data.register is not None:
            title = (
                "Safeguarding Children: Summary of Roles and Responsibilities and the Social "
                "Services Inspectorate's Evaluation of the Council's Self-Audit against the "
                "Laming Inquiry Recommendations"
            )
        return title
    if kind == ReportKind.PROGRESS:
        return "The Victoria Climbié Inquiry – Performance Report"
    return f"Outcome of the {data.inspection.inspection_type}"


# What a new report attaches to begin with: seed 002 attached the statement and the evaluation;
# a progress report shows the figures and the plan; seed 003 attached nothing.
DEFAULT_APPENDICES = {
    ReportKind.EVALUATION: set(APPENDIX_ORDER),
    ReportKind.PROGRESS: {Appendix.SELF_AUDIT, Appendix.ACTION_PLAN},
    ReportKind.INSPECTION: set(),
}


def available_appendices(data: ReportData) -> list[str]:
    available = []
    if data.register is not None and data.register.roles:
        available.append(Appendix.ROLES)
    if data.evaluation is not None:
        available.append(Appendix.EVALUATION)
    if data.summary is not None:
        available.append(Appendix.SELF_AUDIT)
    if data.actions:
        available.append(Appendix.ACTION_PLAN)
    return [value for value in APPENDIX_ORDER if value in available]


def _ratings_sentence(counts: dict[int, int]) -> str:
    parts = [f"{counts[level]} rated {level}" for level in sorted(RATING_LEVELS, reverse=True)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _plan_sentence(actions: list, today) -> str:
    counts = action_plan.status_counts(actions)
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


def _statement_clause(standard) -> str:
    statement = standard.statement.strip()
    return statement[:1].lower() + statement[1:] if statement else ""


def _judgement_label(judgement) -> str:
    return judgement.get_judgement_display() or "not judged"


def _letters(items: list[str]) -> list[str]:
    """ "- (a) …;" lines, the last ending "." and the one before it "; and"."""
    lines = []
    for index, item in enumerate(items):
        ending = "." if index == len(items) - 1 else ("; and" if index == len(items) - 2 else ";")
        lines.append(f"- ({chr(ord('a') + index)}) {item}{ending}")
    return lines


def _paragraphs(*parts) -> str:
    return "\n\n".join(part for part in parts if part)


def _evaluation_overall(evaluation: Evaluation) -> str:
    serving = SERVING_PHRASES.get(evaluation.overall_serving, "children")
    capacity = evaluation.get_overall_capacity_display().lower() or "unjudged"
    return f"serving {serving} well, with {capacity} capacity for improvement"


def draft_purpose(kind, data: ReportData) -> str:
    if kind == ReportKind.EVALUATION:
        parts = []
        if data.register is not None:
            parts.append(
                "To seek endorsement by the Cabinet of the attached statement of roles and "
                "responsibilities for safeguarding children within the Council "
                "({appendix:roles})."
            )
        evaluation = data.evaluation
        parts.append(
            "To receive the findings of the Social Services Inspectorate's (SSI) evaluation of "
            "the Council's self-audit against the recommendations of the Victoria Climbié "
            "Inquiry ({appendix:evaluation}). The Council was found to be "
            f"{_evaluation_overall(evaluation)}."
        )
        return _paragraphs(*parts)
    if kind == ReportKind.PROGRESS:
        since = data.plan.reported_since if data.plan else None
        when = f", reported to Cabinet on {long_date(since)}" if since else ""
        return (
            "To report the progress made following the Victoria Climbié Inquiry self-audit and "
            f"the external evaluation of the Social Services Inspectorate{when}."
        )
    inspection = data.inspection
    services = f" of {inspection.services_inspected}" if inspection.services_inspected else ""
    return _paragraphs(
        f"To advise on the outcome of the {inspection.inspectorate} "
        f"{inspection.inspection_type}{services} on "
        f"{dates_between(inspection.started_on, inspection.ended_on)}.",
        "To summarise the findings of the inspection, the recommendations and the response of "
        "the Council.",
    )


def draft_summary(kind, data: ReportData) -> str:
    council = data.council.name
    if kind == ReportKind.INSPECTION:
        inspection = data.inspection
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
        parts.append(
            f"On {long_date(evaluation.issued_at)} the Council received SSI's evaluation of "
            f"version {audit_return.number} of its self-audit, which had been submitted on "
            f"{long_date(audit_return.submitted_at)}. The evaluation was completed by "
            f"{evaluation.inspector.display_name} on {long_date(evaluation.completed_on)}."
        )
    else:
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
    if kind == ReportKind.EVALUATION and evaluation.caps_star_rating:
        parts.append(evaluation.star_rating_consequence)
    if data.actions:
        parts.append(
            "An action plan was drawn up to respond to the outcome of the self-audit. It has "
            + _plan_sentence(data.actions, data.today)
        )
    return _paragraphs(*parts)


def draft_recommendations(kind, data: ReportData) -> str:
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
        return (
            "To note the progress made following the Victoria Climbié Inquiry self-audit and "
            "external evaluation."
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


def _standard_paragraphs(kind, progress: StandardProgress, today) -> list[str]:
    standard = progress.standard
    lines = [f"## Standard {standard.number}: {standard.title}"]
    lines.append(f"This standard requires that {_statement_clause(standard)}")
    if progress.judgement is not None:
        text = progress.judgement.text.strip()
        label = _judgement_label(progress.judgement)
        lines.append(f"**SSI's evaluation: {label}.** {text}".strip())
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
            items = []
            for action in progress.actions:
                item = (
                    f"{action.criterion.code} {action.title}: {action.get_status_display().lower()}"
                )
                if action.is_complete and action.completed_on:
                    item += f", completed {long_date(action.completed_on)}"
                elif action.target_date:
                    item += f", target {long_date(action.target_date)}"
                notes = [n for n in action.progress_notes.all() if n.text]
                if notes:
                    item += f". {notes[0].text.strip()}"
                items.append("- " + " ".join(item.split()))
            lines.append("\n".join(items))
    elif kind == ReportKind.PROGRESS:
        lines.append("There are no improvement actions against this standard.")
    return lines


def draft_findings(kind, data: ReportData) -> str:
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
    else:
        parts.append(
            "The audit tool established seven standards for services to children in need. "
            "Current performance in each of them is presented below."
        )
    for progress in data.standards():
        parts.extend(_standard_paragraphs(kind, progress, data.today))
    evaluation = data.evaluation
    if kind == ReportKind.EVALUATION and evaluation is not None:
        parts.append("## Overall assessment")
        parts.append(
            f"**Serving children well? {evaluation.get_overall_serving_display()}.** "
            f"{evaluation.overall_serving_text.strip()}".strip()
        )
        parts.append(
            f"**Capacity for improvement? {evaluation.get_overall_capacity_display()}.** "
            f"{evaluation.overall_capacity_text.strip()}".strip()
        )
        if evaluation.follow_up_visit is not None:
            parts.append(
                "SSI will make a follow-up visit."
                if evaluation.follow_up_visit
                else "SSI does not plan a follow-up visit."
            )
        strengths = [f for f in data.findings if f.kind == FindingKind.STRENGTH]
        development = [f for f in data.findings if f.kind == FindingKind.DEVELOPMENT]
        if strengths or development:
            parts.append("## Strengths and areas for development")
            for label, findings in (
                ("SSI recorded these strengths:", strengths),
                ("SSI recorded these areas for development:", development),
            ):
                if findings:
                    parts.append(
                        "\n".join(
                            [label]
                            + [
                                f"- {roman(i)}) {' '.join(f.description.split())}"
                                for i, f in enumerate(findings, start=1)
                            ]
                        )
                    )
    return "\n\n".join(parts)


def _roman_list(items: list[str]) -> str:
    return "\n".join(f"- {roman(i)}) {item}" for i, item in enumerate(items, start=1))


def _draft_inspection_report(data: ReportData) -> str:
    inspection = data.inspection
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


def draft_comments(kind, data: ReportData) -> str:
    if kind == ReportKind.INSPECTION:
        inspection = data.inspection
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


def draft_background(kind, data: ReportData) -> str:
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


def draft_authors(user) -> str:
    if user is None:
        return ""
    line = user.display_name + (f", {user.job_title}" if user.job_title else "")
    return "\n".join(part for part in (line, user.email) if part)


DRAFTED_DEFAULTS = {
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


def draft_body(key: str, kind: str, data: ReportData, user=None) -> str:
    drafters = {
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


def default_implications() -> list[dict]:
    return [
        {
            "name": name,
            "applies": name == "Policy",
            "reference": "Throughout the report" if name == "Policy" else "",
        }
        for name in OTHER_IMPLICATIONS
    ]


class DraftingRefused(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def data_for_new_report(council, kind: str, *, inspection=None, user=None) -> ReportData:
    """The data a new report of this kind would be drafted from, or DraftingRefused."""
    if kind not in ReportKind.values:
        raise DraftingRefused("kind", "Select the kind of report")
    evaluation = latest_issued_evaluation(council)
    audit_return = latest_submitted_return(council)
    if kind == ReportKind.EVALUATION and evaluation is None:
        raise DraftingRefused(
            "kind", "There is no issued SSI evaluation to report on yet: choose another kind"
        )
    if kind == ReportKind.PROGRESS and audit_return is None:
        raise DraftingRefused(
            "kind",
            "There is no submitted self-audit to report progress on yet: choose another kind",
        )
    if kind == ReportKind.INSPECTION:
        if inspection is None:
            raise DraftingRefused("inspection", "Select the inspection to report on")
    else:
        inspection = None
    if kind == ReportKind.EVALUATION:
        audit_return = evaluation.audit_return
    if audit_return is not None and user is not None:
        # The council's own visit takes a newly submitted version into the plan (as the
        # dashboard does), so progress is reported against the latest return.
        action_plan.bring_up_to_date(audit_return.self_audit, user)
    return gather(council, evaluation=evaluation, audit_return=audit_return, inspection=inspection)


@transaction.atomic
def draft_report(council, kind: str, user, *, inspection=None, today=None) -> CabinetReport:
    """A new draft report, every section written from the data."""
    data = data_for_new_report(council, kind, inspection=inspection, user=user)
    today = today or timezone.localdate()
    report = CabinetReport.objects.create(
        council=council,
        kind=kind,
        council_heading=council_heading_for(council),
        wards_affected="All",
        officer_title=(
            user.job_title if user and user.job_title else "Director of Social Services"
        ),
        title=default_title(kind, data),
        evaluation=data.evaluation,
        inspection=data.inspection,
        audit_return=data.audit_return,
        appendices=[a for a in available_appendices(data) if a in DEFAULT_APPENDICES[kind]],
        other_implications=default_implications(),
        key_decision=False,
        decision_reason="N/A",
        forward_plan=ForwardPlan.NO,
        decision_maker=DecisionMaker.EXECUTIVE,
        created_by=user,
        updated_by=user,
    )
    meetings = [("Cabinet", today + datetime.timedelta(days=28))]
    if kind == ReportKind.INSPECTION:
        meetings.insert(0, ("Scrutiny", today + datetime.timedelta(days=24)))
    TimetableRow.objects.bulk_create(
        TimetableRow(report=report, position=i, committee=c, meeting_date=d)
        for i, (c, d) in enumerate(meetings, start=1)
    )
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            position=position,
            key=key,
            heading=section_heading(key, kind),
            body=draft_body(key, kind, data, user),
            numbered=key not in UNNUMBERED,
            updated_by=user,
        )
        for position, key in enumerate(SECTION_KEYS, start=1)
    )
    return report


def redraft_body(section: ReportSection) -> str:
    """What the data would draft for this section now (to start a section again)."""
    report = section.report
    data = gather(
        report.council,
        evaluation=report.evaluation,
        audit_return=report.audit_return,
        inspection=report.inspection,
    )
    return draft_body(section.key, report.kind, data, report.created_by)


# =============================================================================================
# Editing, with no silent overwrites.
# =============================================================================================


class ReportConflict(StaleEdit):
    """Someone saved the report (or section) after the person saving now had loaded it."""


FIELD_LABELS = {
    "council_heading": "Council name as printed",
    "wards_affected": "Wards affected",
    "officer_title": "Report of the",
    "title": "Title",
    "timetable": "Forward timetable of meetings",
    "key_decision": "Key decision",
    "decision_reason": "Reason",
    "forward_plan": "Appeared in forward plan",
    "decision_maker": "Executive or council decision",
    "other_implications": "Other implications",
    "appendices": "Appendices",
    "heading": "Heading",
    "body": "Text",
}


def _shown(name, value):
    if name == "timetable":
        return "; ".join(f"{c}, {long_date(d)}" for c, d in value) or "None"
    if name == "appendices":
        return "; ".join(Appendix(v).label for v in value) or "None"
    if name == "other_implications":
        return "; ".join(
            f"{row['name']}: {'Yes' if row['applies'] else 'No'}"
            + (f" ({row['reference']})" if row.get("reference") else "")
            for row in value
        )
    if name == "key_decision":
        return "Yes" if value else "No"
    if name == "forward_plan":
        return ForwardPlan(value).label if value in ForwardPlan.values else value
    if name == "decision_maker":
        return DecisionMaker(value).label if value in DecisionMaker.values else value
    return value


def timetable_of(report: CabinetReport) -> list[tuple[str, datetime.date]]:
    return [(row.committee, row.meeting_date) for row in report.timetable.all()]


def _refuse_if_final(report: CabinetReport) -> None:
    if report.is_final:
        raise ImmutableRecordError("This report is final and cannot change.")


def save_report(
    report: CabinetReport,
    user,
    started_from: int,
    values: dict,
    timetable: list[tuple[str, datetime.date]] | None = None,
) -> CabinetReport:
    """Save some of the report's own fields (and, from the front matter page, its timetable).

    If someone saved since revision `started_from` and what they saved differs from what this
    user is saving, nothing is saved and ReportConflict lists the differences.
    """
    with transaction.atomic():
        current = CabinetReport.objects.select_for_update().get(pk=report.pk)
        _refuse_if_final(current)
        differences = [
            Difference(
                FIELD_LABELS[name], _shown(name, getattr(current, name)), _shown(name, value)
            )
            for name, value in values.items()
            if getattr(current, name) != value
        ]
        stored_timetable = timetable_of(current)
        if timetable is not None and stored_timetable != timetable:
            differences.append(
                Difference(
                    FIELD_LABELS["timetable"],
                    _shown("timetable", stored_timetable),
                    _shown("timetable", timetable),
                )
            )
        if not differences:
            return current
        # Compare-and-swap on the revision: safe even where SELECT FOR UPDATE is a no-op.
        claimed = claim(CabinetReport, current, started_from)
        if current.revision != started_from or not claimed:
            current.refresh_from_db()
            raise ReportConflict(current, differences)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision = started_from + 1
        current.updated_by = user
        current.save()
        if timetable is not None and stored_timetable != timetable:
            current.timetable.all().delete()
            TimetableRow.objects.bulk_create(
                TimetableRow(report=current, position=i, committee=c, meeting_date=d)
                for i, (c, d) in enumerate(timetable, start=1)
            )
        return current


def save_section(section: ReportSection, user, started_from: int, values: dict) -> ReportSection:
    with transaction.atomic():
        current = ReportSection.objects.select_for_update().get(pk=section.pk)
        _refuse_if_final(CabinetReport.objects.get(pk=current.report_id))
        differences = [
            Difference(FIELD_LABELS[name], getattr(current, name), value)
            for name, value in values.items()
            if getattr(current, name) != value
        ]
        if not differences:
            return current
        claimed = claim(ReportSection, current, started_from)
        if current.revision != started_from or not claimed:
            current.refresh_from_db()
            raise ReportConflict(current, differences)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision = started_from + 1
        current.updated_by = user
        current.save()
        # The report's "last changed" follows its sections.
        CabinetReport.objects.filter(pk=current.report_id).update(
            updated_at=timezone.now(), updated_by=user
        )
        return current


# =============================================================================================
# The PDF.
# =============================================================================================


def pdf_title(report: CabinetReport) -> str:
    return f"{report.council_heading}: {report.title}"


def pdf_filename(report: CabinetReport) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", report.get_kind_display().lower()).strip("-")
    stamp = timezone.localdate(report.finalised_at) if report.is_final else timezone.localdate()
    suffix = "final" if report.is_final else "draft"
    return f"cabinet-report-{report.council.code}-{slug}-{stamp:%Y-%m-%d}-{suffix}.pdf"


def render_block(template_name: str, block_name: str, context: dict) -> SafeString:
    """One {% block %} of a template, rendered on its own: the evaluation appendix reuses the
    body of the evaluation PDF's own template, so the two can never drift apart."""
    template = get_template(template_name).template
    node = next(
        (n for n in template.nodelist.get_nodes_by_type(BlockNode) if n.name == block_name), None
    )
    if node is None:
        return mark_safe("")
    render_context = Context(context, autoescape=True)
    with render_context.render_context.push_state(template), render_context.bind_template(template):
        return mark_safe(node.render(render_context))


def evaluation_appendix(data: ReportData) -> dict:
    context = {
        "council": data.council,
        "evaluation": data.evaluation,
        "judgements": data.judgements,
        "findings": data.findings,
        "phases": Evaluation.Phase.choices,
    }
    return {
        "style": render_block("evaluation/pdf.html", "style", context),
        "body": render_block("evaluation/pdf.html", "body", context),
    }


@dataclass
class SelfAuditRow:
    number: int
    title: str
    counts: list[int]
    total: int
    late: int

    @property
    def share_four(self) -> int:
        rated = sum(self.counts)
        return round(100 * self.counts[-1] / rated) if rated else 0


def self_audit_appendix(data: ReportData) -> dict:
    summary = data.summary
    rows = []
    for figures in summary.standards:
        rows.append(
            SelfAuditRow(
                number=figures.standard.number,
                title=figures.standard.title,
                counts=[figures.counts[level] for level in RATING_LEVELS],
                total=figures.total,
                late=sum(1 for a in figures.answers if scoring.is_not_on_target(a)),
            )
        )
    chart = charts.stacked_bar_chart(
        "chart-cabinet-self-audit",
        f"{data.council.name}: self-ratings by standard, version {data.audit_return.number}",
        [(f"Standard {row.number}", row.counts) for row in rows],
        charts.rating_series(),
    )
    return {
        "rows": rows,
        "chart": chart,
        "levels": list(RATING_LEVELS),
        "totals": [summary.counts[level] for level in RATING_LEVELS],
        "total": summary.total,
        "share_four": round(summary.share_four * 100),
        "late": len(summary.not_on_target),
        "audit_return": data.audit_return,
        "descriptors": data.audit_return.self_audit.framework.default_descriptors,
    }


def action_plan_appendix(data: ReportData) -> dict:
    deadlines = {}
    rows = []
    for action in data.actions:
        criterion = action.criterion
        if criterion.pk not in deadlines:
            deadlines[criterion.pk] = criterion.laming_deadline
        notes = [n for n in action.progress_notes.all() if n.text]
        rows.append(
            {
                "action": action,
                "latest": notes[0] if notes else None,
                "overdue": [
                    action_plan.OVERDUE_LABELS[k]
                    for k in action_plan.overdue_kinds(action, data.today, deadlines[criterion.pk])
                ],
            }
        )
    return {
        "plan": data.plan,
        "rows": rows,
        "counts": action_plan.status_counts(data.actions),
        "today": data.today,
    }


def pdf_context(report: CabinetReport, today=None) -> dict:
    sections = list(report.sections.all())
    data = gather(
        report.council,
        evaluation=report.evaluation,
        audit_return=report.audit_return,
        inspection=report.inspection,
        today=today,
        with_roles=Appendix.ROLES in report.appendix_list(),
    )
    appendices = []
    for number, value in enumerate(report.appendix_list(), start=1):
        entry = {"number": number, "key": value, "title": Appendix(value).label}
        if value == Appendix.ROLES and data.register is not None:
            entry["register"] = data.register
        elif value == Appendix.EVALUATION and data.evaluation is not None:
            entry |= evaluation_appendix(data)
        elif value == Appendix.SELF_AUDIT and data.summary is not None:
            entry |= self_audit_appendix(data)
        elif value == Appendix.ACTION_PLAN and data.plan is not None:
            entry |= action_plan_appendix(data)
        else:
            entry["missing"] = True
        appendices.append(entry)
    return {
        "report": report,
        "council": report.council,
        "timetable": list(report.timetable.all()),
        "sections": numbered_sections(report, sections),
        "implications": report.other_implications,
        "appendices": appendices,
        "evaluation_style": next((a["style"] for a in appendices if "style" in a), ""),
    }


def render_report_pdf(report: CabinetReport, today=None) -> bytes:
    return render_pdf(
        "cabinet/pdf/report.html", pdf_context(report, today), title=pdf_title(report)
    )


def report_pdf(report: CabinetReport) -> bytes:
    """The PDF to download: a final report's stored bytes, unchanged; a draft's, rendered now."""
    if report.is_final:
        return report.pdf_bytes
    return render_report_pdf(report)


class FinalRefused(Exception):
    pass


def mark_final(report: CabinetReport, user, meeting: str, now=None) -> CabinetReport:
    """Keep the PDF as it is now, for the meeting; from now on nothing about the report changes."""
    now = now or timezone.now()
    with transaction.atomic():
        current = CabinetReport.objects.select_for_update().get(pk=report.pk)
        if current.is_final:
            raise ImmutableRecordError("This report is already final.")
        if not user.is_director or user.council_id != current.council_id:
            raise FinalRefused("Only the council's director can mark its report final.")
        current.status = CabinetReport.Status.FINAL
        current.finalised_at = now
        current.finalised_by = user
        current.final_for = meeting
        current.updated_by = user
        # Rendered as final (no DRAFT marks), then kept: downloads serve these bytes from now on.
        current.pdf = render_report_pdf(current, today=timezone.localdate(now))
        current.save()
    return current


def meeting_label(row: TimetableRow) -> str:
    return f"{row.committee}, {long_date(row.meeting_date)}"
