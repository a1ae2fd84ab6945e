"""Progress reports to cabinet as at their date (issue 14, points 1 and 6): each report freezes
the plan as at its date, the next one says what changed since the last, items with no progress
in the period are outstanding, and nothing in a report is dated the day it was typed or says
anything of an evaluation issued after its date. The clock is frozen in 2026, long after."""

import datetime
import io
import re

import pytest
import time_machine
from pypdf import PdfReader

from reports.cabinet.drafting import DraftingRefused, draft_report, redraft_body
from reports.cabinet.rendering import render_report_pdf
from reports.models import ReportKind
from standards.action_plan import rules as action_plan
from standards.models import ActionStatus, ImprovementAction
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1}
TYPED_ON = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)
OCT_31, NOV_5 = datetime.date(2003, 10, 31), datetime.date(2003, 11, 5)
NOV_30, DEC_3 = datetime.date(2003, 11, 30), datetime.date(2003, 12, 3)


def report_text(report) -> str:
    parts = [report.title, *(s.body for s in report.sections.all())]
    parts += [str(row) for row in report.timetable.all()]
    return "\n".join(parts)


def pdf_text(report) -> str:
    reader = PdfReader(io.BytesIO(render_report_pdf(report)))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def story(council_a, framework, officer, director, inspector):
    """Leicester submits in April 2003; the progress is typed in November 2026."""
    with time_machine.travel(datetime.datetime(2003, 4, 28, 12, tzinfo=datetime.UTC), tick=False):
        first = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    actions = {a.criterion.code: a for a in ImprovementAction.objects.select_related("criterion")}
    with time_machine.travel(TYPED_ON, tick=False):
        action_plan.record_progress(
            actions["1.1"],
            officer,
            0,
            "Duty teams trained.",
            ActionStatus.IN_PROGRESS,
            as_at=OCT_31,
            next_action="Audit 40 referrals.",
        )
        action_plan.record_progress(actions["2.4"], officer, 0, "Protocol drafted.", as_at=OCT_31)
        # 3.4: its lead officer changes, which is history, not progress.
        three = actions["3.4"]
        action_plan.change_details(
            three, officer, three.revision, three.values() | {"lead_officer": "Ann Other"}
        )
    return first, actions


def test_two_progress_reports_each_as_at_its_own_date(story, council_a, director, inspector):
    first, actions = story
    with time_machine.travel(TYPED_ON, tick=False):
        november = draft_report(council_a, ReportKind.PROGRESS, director, today=NOV_5)
    with time_machine.travel(datetime.datetime(2003, 11, 20, 12, tzinfo=datetime.UTC)):
        issued_like_seed(first, inspector)
    with time_machine.travel(TYPED_ON, tick=False):
        action_plan.record_progress(
            actions["1.1"], director, 1, "Audit done: 38 of 40 met the standard.", as_at=NOV_30
        )
        december = draft_report(council_a, ReportKind.PROGRESS, director, today=DEC_3)
        # Drafting a section again later gives the same text: the report is frozen at its date.
        findings = november.sections.get(key="findings")
        assert redraft_body(findings) == findings.body

    assert november.report_date == NOV_5 and december.report_date == DEC_3
    text = report_text(november)
    assert "Progress up to 5 November 2003" in text
    assert (
        "Progress as at 31 October 2003: Duty teams trained. Next action agreed: Audit 40" in text
    )
    assert "Outstanding, with no progress reported up to 5 November 2003:\n- 3.4" in text
    assert "Ann Other" not in text  # a change of details is not progress
    # Before SSI's evaluation: the self-ratings, and SSI's judgements awaited.
    assert "external evaluation" not in text
    assert "**SSI's evaluation:** awaited." in text
    assert "Audit done" not in text  # recorded as at 30 November: after this report

    text = report_text(december)
    assert "Changes since the report of 5 November 2003" in text
    assert "Progress was reported on 1 of the 3 improvement actions since the report of 5 " in text
    assert "Audit done: 38 of 40 met the standard." in text
    outstanding = text[text.index("Outstanding, with no progress reported since") :].split("\n\n")[
        0
    ]
    assert "- 2.4" in outstanding and "- 3.4" in outstanding and "- 1.1" not in outstanding
    assert "Carried forward from 31 October 2003: Protocol drafted." in text
    assert "external evaluation of the Social Services Inspectorate since the report to " in text
    assert "awaited" not in text

    for report in (november, december):
        assert "2026" not in report_text(report)
        with time_machine.travel(TYPED_ON, tick=False):
            rendered = pdf_text(report)
        assert "2026" not in rendered
        assert re.search(rf"{report.report_date.day}\s+{report.report_date:%B}\s+2003", rendered)


def test_a_report_dated_before_the_return_was_submitted_is_refused(story, council_a, director):
    with pytest.raises(DraftingRefused, match="by 1 April 2003"):
        draft_report(council_a, ReportKind.PROGRESS, director, today=datetime.date(2003, 4, 1))


def test_an_evaluation_report_needs_an_evaluation_issued_by_its_date(
    story, council_a, director, inspector
):
    first, _ = story
    with time_machine.travel(datetime.datetime(2003, 11, 20, 12, tzinfo=datetime.UTC)):
        issued_like_seed(first, inspector)
    with pytest.raises(DraftingRefused, match="no issued SSI evaluation to report on by 5 Nov"):
        draft_report(council_a, ReportKind.EVALUATION, director, today=NOV_5)
    report = draft_report(council_a, ReportKind.EVALUATION, director, today=DEC_3)
    assert report.evaluation is not None
