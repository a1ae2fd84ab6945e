"""A report states the star-rating consequence wherever it gives the overall judgement (progress
reports included), and a late first return's lateness wherever it gives the submission date."""

import datetime

import time_machine

from reports.cabinet.drafting import draft_report
from reports.models import ReportKind
from tests.reports.dashboard.test_dashboard import BELOW_FOUR, issue_evaluation
from tests.standards.helpers import submitted_return

CEILING = "cannot be judged higher than “serving some children well” in the star rating"


def test_a_progress_report_gives_the_star_rating_consequence_and_the_lateness(
    council_a, framework, officer, director, inspector
):
    with time_machine.travel(datetime.datetime(2003, 5, 2, 10), tick=False):
        submitted = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
        issue_evaluation(submitted, inspector, serving="some")
    progress = draft_report(
        council_a, ReportKind.PROGRESS, director, today=datetime.date(2003, 11, 5)
    )
    text = "\n".join(section.body for section in progress.sections.all())
    assert "2 May 2003 (late by 2 days)" in text
    assert CEILING in text
    evaluation = draft_report(
        council_a, ReportKind.EVALUATION, director, today=datetime.date(2003, 7, 21)
    )
    text = "\n".join(section.body for section in evaluation.sections.all())
    assert "**Overall assessment.** Serving children well? Some." in text
    assert text.count(CEILING) >= 2  # in the summary's overall assessment and in the findings


def test_an_on_time_return_says_nothing_of_lateness(council_a, framework, officer, director):
    # 22:30 UTC is 23:30 in the UK (summer time): still the due day.
    with time_machine.travel(
        datetime.datetime(2003, 4, 30, 22, 30, tzinfo=datetime.UTC), tick=False
    ):
        submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    report = draft_report(council_a, ReportKind.PROGRESS, director, today=datetime.date(2003, 6, 1))
    text = "\n".join(section.body for section in report.sections.all())
    assert "30 April 2003" in text
    assert "late by" not in text
