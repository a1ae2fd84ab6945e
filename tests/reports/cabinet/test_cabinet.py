"""Reports to cabinet: numbering, drafting from the data, editing without silent overwrites, and
final reports that never change (reports.cabinet, reports.models)."""

import datetime
import re

import pytest
from django.utils import timezone

from demo import seed_000
from demo.seed import SEED_003
from evaluations.evaluation.judgements import STANDARD_JUDGEMENT_LABELS
from evaluations.models import Inspection
from reports.cabinet.blocks import (
    inline,
    number_blocks,
    numbered_sections,
    parse_body,
    resolve_appendices,
)
from reports.cabinet.drafting import SECTION_KEYS, DraftingRefused, draft_report
from reports.cabinet.final import mark_final
from reports.cabinet.rendering import render_report_pdf, report_pdf
from reports.cabinet.saving import ReportConflict, save_report, save_section, timetable_of
from reports.models import (
    Appendix,
    CabinetReport,
    ReportKind,
    ReportSection,
    TimetableRow,
)
from reports.roles import rules as roles
from standards.action_plan import rules as action_plan
from standards.models import ImmutableRecordError
from tests.evaluations.helpers import issued_like_seed
from tests.standards.helpers import submitted_return

BELOW_FOUR = {"1.1": 2, "2.4": 3, "3.4": 1, "7.2": 3}


# --- Numbering ---------------------------------------------------------------------------------


def numbers(blocks):
    return [(b.kind, b.number) for b in blocks]


def test_paragraphs_are_numbered_within_their_section():
    blocks = number_blocks(3, parse_body("First.\n\nSecond.\n\nThird."))
    assert numbers(blocks) == [("paragraph", "3.1"), ("paragraph", "3.2"), ("paragraph", "3.3")]


def test_sub_headings_take_a_number_and_number_the_paragraphs_beneath_them():
    body = (
        "Intro.\n\n## Outcome\nFound this.\n\nAnd that.\n\n## Strengths\n- i) Good.\n- ii) Better."
    )
    blocks = number_blocks(4, parse_body(body))
    assert numbers(blocks) == [
        ("paragraph", "4.1"),
        ("heading", "4.2"),
        ("paragraph", "4.2.1"),
        ("paragraph", "4.2.2"),
        ("heading", "4.3"),
        ("list", ""),
    ]
    assert [item.text for item in blocks[-1].items] == ["i) Good.", "ii) Better."]
    assert blocks[-1].all_marked


def test_a_list_belongs_to_the_paragraph_before_it_and_is_not_numbered():
    blocks = number_blocks(5, parse_body("It is recommended:\n- (a) one;\n- (b) two."))
    assert numbers(blocks) == [("paragraph", "5.1"), ("list", "")]


def test_unnumbered_sections_keep_their_line_breaks_and_no_numbers():
    blocks = number_blocks(8, parse_body("Paper one.\nPaper two."), numbered=False)
    assert numbers(blocks) == [("paragraph", "")]
    assert blocks[0].text == "Paper one.\nPaper two."


def test_text_is_escaped_and_only_double_asterisks_make_bold():
    html = inline("**Lead:** <script>alert(1)</script> & more")
    assert html == "<strong>Lead:</strong> &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"


def test_appendix_references_follow_the_attached_appendices():
    numbers_ = {"roles": 1, "evaluation": 2}
    text = "See {appendix:evaluation}; plan {appendix:action_plan}."
    assert resolve_appendices(text, numbers_) == "See Appendix 2; plan not attached."


# --- Drafting from the data -------------------------------------------------------------------


@pytest.fixture
def leicester(council_a, framework, officer, director, inspector):
    """Leicester with version 1 submitted and SSI's evaluation of it issued (seed 000)."""
    audit_return = submitted_return(council_a, framework, officer, director, BELOW_FOUR)
    evaluation = issued_like_seed(audit_return, inspector)
    return council_a, audit_return, evaluation


def test_an_evaluation_outcome_report_is_drafted_from_the_evaluation(leicester, director):
    council, audit_return, evaluation = leicester
    report = draft_report(council, ReportKind.EVALUATION, director)
    assert report.evaluation == evaluation and report.audit_return == audit_return
    assert report.council_heading == "Leicester City Council"
    assert [s.key for s in report.sections.all()] == SECTION_KEYS
    findings = report.sections.get(key="findings").body
    # A summary, not a copy: a row per standard with SSI's judgement; SSI's text stays in the
    # evaluation appendix.
    for number, judgement in seed_000.JUDGEMENTS.items():
        label = STANDARD_JUDGEMENT_LABELS[judgement]
        assert re.search(
            rf"^\| Standard {number}: [^|]+ \| {label} \| \d+ of \d+ criteria rated 4 \|$",
            findings,
            re.M,
        )
        assert seed_000.TEXTS[number] not in findings
    assert "**Overall assessment.** Serving children well? Most." in findings
    assert "**Strengths.** SSI recorded " in findings
    assert "**Areas for development.** SSI recorded " in findings
    purpose = report.sections.get(key="purpose").body
    assert "serving most children well, with promising capacity for improvement" in purpose
    # The action plan was brought up to date with the return's intended improvements.
    assert report.appendix_list() == [
        Appendix.EVALUATION,
        Appendix.SELF_AUDIT,
        Appendix.ACTION_PLAN,
    ]
    assert [(r["name"], r["applies"]) for r in report.other_implications][1] == ("Policy", True)
    assert report.timetable.count() == 1


def test_the_statement_of_roles_is_offered_when_the_council_has_one(leicester, director):
    council, _, _ = leicester
    roles.start_from_template(council, director)
    report = draft_report(council, ReportKind.EVALUATION, director)
    assert report.appendix_list()[0] == Appendix.ROLES
    assert "({appendix:roles})" in report.sections.get(key="purpose").body
    printed = numbered_sections(report)[0].blocks[0].text
    assert printed.endswith("within the Council (Appendix 1).")


def test_no_evaluation_report_without_an_issued_evaluation(council_a, framework, officer, director):
    submitted_return(council_a, framework, officer, director)
    with pytest.raises(DraftingRefused, match="no issued SSI evaluation"):
        draft_report(council_a, ReportKind.EVALUATION, director)
    assert not CabinetReport.objects.exists()


def test_a_progress_report_describes_the_plan_standard_by_standard(
    council_b, framework, officer_b, director_b
):
    audit_return = submitted_return(council_b, framework, officer_b, director_b, BELOW_FOUR)
    action_plan.draft_actions_from(audit_return, director_b)
    action = action_plan.plan_of(audit_return.self_audit).actions.get(criterion__code="2.4")
    action_plan.record_progress(
        action, officer_b, action.revision, text="Audit of 40 referrals done.", status="complete"
    )
    report = draft_report(council_b, ReportKind.PROGRESS, director_b)
    findings = report.sections.get(key="findings").body
    assert "## Standard 2: Assessment" in findings
    assert "2.4 Improve 2.4: complete" in findings
    assert "Audit of 40 referrals done." in findings
    assert "There are no improvement actions against this standard." in findings  # standard 4
    assert report.title == "The Victoria Climbié Inquiry – Performance Report"


def test_an_inspection_outcome_report_follows_seed_003(council_a, director):
    inspection = Inspection.objects.create(council=council_a, **SEED_003)
    report = draft_report(council_a, ReportKind.INSPECTION, director, inspection=inspection)
    sections = {s.key: s for s in numbered_sections(report)}
    assert report.title == "Outcome of the Unannounced Safeguarding Inspection"
    assert sections["purpose"].blocks[0].text == (
        "To advise on the outcome of the Ofsted Unannounced Safeguarding Inspection of 'Duty "
        "and Assessment' Services in Social Care and Safeguarding Division on 11 and 12 August "
        "2009."
    )
    assert "no areas for priority action and five areas for further development" in (
        sections["summary"].blocks[1].text
    )
    headings = [b.text for b in sections["findings"].blocks if b.kind == "heading"]
    assert headings == [
        "Outcome of the inspection",
        "Strengths identified",
        "Areas for development identified",
    ]
    assert [t.committee for t in report.timetable.all()] == ["Scrutiny", "Cabinet"]
    assert report.appendix_list() == []  # no return, no evaluation, no statement yet


# --- Editing without silent overwrites ---------------------------------------------------------


@pytest.fixture
def report(leicester, director):
    council, _, _ = leicester
    return draft_report(council, ReportKind.EVALUATION, director)


def test_saving_a_section_moves_its_revision_on(report, director):
    section = report.sections.get(key="summary")
    saved = save_section(
        section, director, section.revision, {"heading": "Summary", "body": "New."}
    )
    assert saved.revision == section.revision + 1
    assert ReportSection.objects.get(pk=section.pk).body == "New."


def test_a_stale_save_of_a_section_is_refused_and_changes_nothing(report, director):
    section = report.sections.get(key="summary")
    save_section(section, director, 0, {"heading": "Summary", "body": "Theirs."})
    with pytest.raises(ReportConflict) as clash:
        save_section(section, director, 0, {"heading": "Summary", "body": "Mine."})
    assert [(d.label, d.theirs, d.mine) for d in clash.value.differences] == [
        ("Text", "Theirs.", "Mine.")
    ]
    assert ReportSection.objects.get(pk=section.pk).body == "Theirs."
    # Saving what is already there is no conflict.
    save_section(section, director, 0, {"heading": "Summary", "body": "Theirs."})


def test_the_timetable_is_saved_with_the_front_matter_and_checked_for_conflicts(report, director):
    meeting = [("Cabinet", datetime.date(2003, 7, 21))]
    save_report(report, director, 0, {"wards_affected": "All"}, timetable=meeting)
    assert timetable_of(CabinetReport.objects.get(pk=report.pk)) == meeting
    with pytest.raises(ReportConflict) as clash:
        save_report(report, director, 0, {}, timetable=[("Scrutiny", datetime.date(2003, 6, 25))])
    assert clash.value.differences[0].label == "Forward timetable of meetings"
    assert timetable_of(CabinetReport.objects.get(pk=report.pk)) == meeting


# --- Final reports never change -----------------------------------------------------------------


@pytest.fixture
def final(report, director):
    return mark_final(report, director, "Cabinet, 21 July 2003")


def test_marking_final_keeps_the_pdf_with_date_and_who(final, director):
    stored = CabinetReport.objects.get(pk=final.pk)
    assert stored.is_final and stored.finalised_by == director
    assert stored.finalised_at is not None and stored.final_for == "Cabinet, 21 July 2003"
    assert stored.pdf_bytes.startswith(b"%PDF-")
    assert len(stored.pdf_sha256) == 64
    assert report_pdf(stored) == stored.pdf_bytes


def test_a_final_report_refuses_every_change(final):
    stored = CabinetReport.objects.get(pk=final.pk)
    stored.title = "Changed"
    with pytest.raises(ImmutableRecordError):
        stored.save()
    with pytest.raises(ImmutableRecordError):
        stored.delete()
    with pytest.raises(ImmutableRecordError):
        CabinetReport.objects.filter(pk=final.pk).update(title="Changed")
    with pytest.raises(ImmutableRecordError):
        CabinetReport.objects.filter(pk=final.pk).delete()
    section = stored.sections.get(key="summary")
    section.body = "Changed"
    with pytest.raises(ImmutableRecordError):
        section.save()
    with pytest.raises(ImmutableRecordError):
        ReportSection.objects.filter(report=stored).update(body="Changed")
    with pytest.raises(ImmutableRecordError):
        TimetableRow.objects.bulk_create(
            [
                TimetableRow(
                    report=stored, committee="Council", meeting_date=datetime.date(2003, 9, 1)
                )
            ]
        )
    with pytest.raises(ImmutableRecordError):
        stored.timetable.all().delete()
    with pytest.raises(ImmutableRecordError):
        save_section(section, stored.finalised_by, section.revision, {"body": "Changed"})
    with pytest.raises(ImmutableRecordError):
        mark_final(stored, stored.finalised_by, "Council, 1 September 2003")
    assert CabinetReport.objects.get(pk=final.pk).title != "Changed"


def test_a_final_reports_pdf_is_the_same_bytes_after_the_data_changes(final, director, officer):
    before = CabinetReport.objects.get(pk=final.pk).pdf_bytes
    # The data the report was drawn from moves on: a statement of roles, progress on the plan.
    roles.start_from_template(final.council, director)
    action = action_plan.plan_of(final.audit_return.self_audit).actions.first()
    action_plan.record_progress(action, officer, action.revision, text="Done.", status="complete")
    stored = CabinetReport.objects.get(pk=final.pk)
    assert report_pdf(stored) == before
    assert stored.pdf_bytes == before
    # A draft drawn from the same data would now print differently.
    assert (
        render_report_pdf(
            draft_report(final.council, ReportKind.EVALUATION, director),
            today=timezone.localdate(),
        )
        != before
    )
