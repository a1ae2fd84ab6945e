"""Working together on a return (issue 18), as new users would: the director shares out two
standards, an officer answers one and marks it ready, the director returns it with a comment and
then approves it, the return is submitted, and the reminder command reminds once per due item.
axe-core checks each new page and state at normal width and at 320 px.

Evidence, the SSI query and its answer: the officer adds a document to 1.1 before marking it
ready; after submission the inspector raises a query on 1.1, the officer is told and answers it
with a document, the inspector is told, reads it, and the evaluation PDF's annex lists it."""

import datetime
import io
import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluations.evaluation import workflow
from standards.models import AuditReturn, Standard
from standards.review import rules as review
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    CouncilFactory,
    DirectorFactory,
    InspectorFactory,
    OfficerFactory,
    assign,
)
from tests.standards.evidence import samples
from tests.standards.helpers import fill

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def accessible_at_both_widths(page, name):
    assert_accessible(page, name)
    page.set_viewport_size(NARROW)
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size(WIDE)


def review_row(page, number):
    return page.get_by_test_id(f"review-row-{number}")


def test_director_shares_out_reviews_and_submits_and_reminders_go_once(page, tmp_path):
    council = CouncilFactory(name="Leicester", code="509")
    olivia = OfficerFactory(
        username="olivia", council=council, first_name="Olivia", last_name="Officer"
    )
    OfficerFactory(username="oscar", council=council, first_name="Oscar", last_name="Other")
    dominic = DirectorFactory(
        username="dominic", council=council, first_name="Dominic", last_name="Director"
    )
    inspector = InspectorFactory(username="roy", first_name="Roy", last_name="Fryer")
    assign(inspector, council)
    page.set_viewport_size(WIDE)

    # The director starts the return and gives standard 1 to Olivia and standard 2 to Oscar.
    sign_in(page, "dominic")
    page.get_by_role("button", name="Start your self-audit").click()
    expect(page.get_by_test_id("who-does-what")).to_be_visible()
    accessible_at_both_widths(page, "together-task-list")
    for number, person in (
        (1, "Olivia Officer (council officer)"),
        (2, "Oscar Other (council officer)"),
    ):
        page.get_by_role("link", name=f"Review standard {number}").click()
        if number == 1:
            page.get_by_role("button", name="Assign").click()  # nobody chosen yet
            expect(
                page.get_by_role("link", name="Select who will complete standard 1")
            ).to_be_visible()
            accessible_at_both_widths(page, "together-assign-error")
        page.get_by_label("Who will complete this standard?").select_option(label=person)
        page.get_by_role("button", name="Assign").click()
    expect(review_row(page, 1)).to_contain_text("Olivia Officer")
    expect(review_row(page, 2)).to_contain_text("Oscar Other")
    sign_out(page)

    # Olivia answers standard 1: the improvement plan appears only for a rating below 4.
    draft = AuditReturn.objects.get()
    fill(
        draft,
        olivia,
        only={
            c
            for c in draft.answers.values_list("criterion__code", flat=True)
            if not c.startswith("1.")
        },
    )
    sign_in(page, "olivia")
    page.goto("/councils/509/self-audit/standards/1/")
    first = page.get_by_role("region", name="Criterion 1.1", exact=True)
    plan = first.get_by_role("group", name="Improvement plan")
    expect(plan).to_be_hidden()
    first.get_by_role("group", name="Rating for 1.1").get_by_label("2", exact=True).check()
    expect(plan).to_be_visible()
    accessible_at_both_widths(page, "together-standard-plan-shown")
    first.get_by_role("group", name="Rating for 1.1").get_by_label("4", exact=True).check()
    expect(plan).to_be_hidden()
    first.get_by_label("Evidence and comment").fill("Referral audits, quarterly\n" * 6)
    height = first.get_by_label("Evidence and comment").bounding_box()["height"]
    assert height > 120  # sized to its six lines of text
    # The save beside the criterion keeps her on the page, where she was.
    first.get_by_role("button", name="Save your answers so far, at criterion 1.1").click()
    expect(page.get_by_text("Your answers for standard 1 have been saved.")).to_be_visible()
    for code in ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7"):
        section = page.get_by_role("region", name=f"Criterion {code}", exact=True)
        section.get_by_role("group", name=f"Rating for {code}").get_by_label(
            "4", exact=True
        ).check()
        section.get_by_label("Evidence and comment").fill(f"Evidence for {code}")
    page.get_by_role("button", name="Save and come back later").click()
    # Evidence for 1.1, from its standard's page.
    page.goto("/councils/509/self-audit/standards/1/")
    page.get_by_role("link", name="Evidence documents for 1.1 (0)").click()
    policy = tmp_path / "Referral policy.pdf"
    policy.write_bytes(samples.PDF_BYTES)
    page.get_by_label("Add a document").set_input_files(policy)
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_test_id("evidence-table")).to_contain_text("Referral policy.pdf")
    page.goto("/councils/509/self-audit/standards/1/")
    for code in ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7"):
        section = page.get_by_role("region", name=f"Criterion {code}", exact=True)
        expect(
            section.get_by_role("group", name=f"Rating for {code}").get_by_label("4", exact=True)
        ).to_be_checked()
    page.get_by_role("link", name="Back to your self-audit").click()
    page.get_by_role("link", name="Review standard 1").click()
    page.get_by_role("button", name="Mark as ready for review").click()
    expect(review_row(page, 1)).to_contain_text("Ready for review")
    sign_out(page)

    # The director returns it with a comment; Olivia is told, in the service and by e-mail.
    sign_in(page, "dominic")
    page.get_by_role("link", name="Review standard 1").click()
    accessible_at_both_widths(page, "together-review-ready")
    page.get_by_role("button", name="Return with comment").click()
    expect(
        page.get_by_role("link", name="Enter what needs to change before you return the standard")
    ).to_be_visible()
    accessible_at_both_widths(page, "together-return-error")
    page.get_by_label("What needs to change").fill("Name the audits for 1.1")
    page.get_by_role("button", name="Return with comment").click()
    expect(review_row(page, 1)).to_contain_text("Returned")
    assert [m.to for m in mail.outbox] == [[olivia.email]]
    sign_out(page)

    sign_in(page, "olivia")
    page.get_by_role("link", name="Notifications").click()
    expect(page.get_by_test_id("unread-count")).to_have_text("1 unread.")
    expect(page.get_by_text("Name the audits for 1.1")).to_be_visible()
    accessible_at_both_widths(page, "together-notifications")
    page.get_by_role("link", name="Change how you are e-mailed").click()
    accessible_at_both_widths(page, "together-preferences")
    page.get_by_role("link", name="Back to your notifications").click()
    page.get_by_role("link", name="Standard 1 has been returned").click()
    expect(page.get_by_test_id("review-comment")).to_have_text("Name the audits for 1.1")
    page.get_by_role("button", name="Mark as ready for review").click()
    sign_out(page)

    # Approved; submitting is refused until every standard is, with the list of what is not.
    sign_in(page, "dominic")
    page.get_by_role("link", name="Review standard 1").click()
    page.get_by_role("button", name="Approve standard 1").click()
    expect(review_row(page, 1)).to_contain_text("Approved")
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    # Oscar's standard 2 was answered (in this test, directly), so its work is in progress.
    expect(
        page.get_by_role(
            "link", name="Standard 2: Assessment has not been approved (in progress)"
        ).first
    ).to_be_visible()
    accessible_at_both_widths(page, "together-submission-refused")
    for standard in Standard.objects.exclude(number=1).order_by("number"):
        done = review.mark_ready(draft, standard, dominic, _revision(draft, standard))
        review.approve(draft, standard, dominic, done.revision)
    page.get_by_role("button", name="Submit return").click()
    expect(page.get_by_role("heading", name="Return submitted")).to_be_visible()
    assert mail.outbox[-1].to == [inspector.email]
    sign_out(page)

    # SSI challenges 1.1 while evaluating; Olivia is told and answers with a document.
    submitted = AuditReturn.objects.get()
    evaluation = workflow.start_evaluation(submitted, inspector, "a")
    sign_in(page, "roy")
    page.goto(f"/councils/509/evaluations/{evaluation.pk}/")
    page.get_by_role("button", name="Raise a query").click()
    page.get_by_label("Which criterion is the query about?").select_option("1.1")
    page.get_by_label("Your query").fill("Which referral audits show this?")
    page.get_by_role("button", name="Send the query").click()
    expect(page.get_by_text("Your query on 1.1 has been sent to Leicester")).to_be_visible()
    sign_out(page)
    assert olivia.email in [m.to[0] for m in mail.outbox[-3:]]

    sign_in(page, "olivia")
    page.get_by_role("link", name="Notifications").click()
    page.get_by_role("link", name="SSI has raised a query on criterion 1.1").click()
    page.get_by_label("Your answer").fill("The March audit, attached.")
    audit_report = tmp_path / "March referral audit.pdf"
    audit_report.write_bytes(samples.PDF_BYTES)
    page.get_by_label("Add documents (optional)").set_input_files(audit_report)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_test_id("query-status")).to_have_text("Answered")
    sign_out(page)

    sign_in(page, "roy")
    page.get_by_role("link", name="Notifications").click()
    accessible_at_both_widths(page, "together-inspector-notifications")
    page.get_by_role("link", name="Leicester has answered your query on criterion 1.1").click()
    thread = page.get_by_test_id("thread")
    expect(thread).to_contain_text("The March audit, attached.")
    expect(thread.get_by_role("link", name="March referral audit.pdf")).to_be_visible()
    page.goto(f"/councils/509/evaluations/{evaluation.pk}/")
    annex = page.get_by_role("link", name=re.compile("with its queries and answers"))
    pdf = page.request.get(annex.get_attribute("href"))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Which referral audits show this?" in text and "March referral audit.pdf" in text
    sign_out(page)

    # The reminder command, run twice on the same day from cron: one e-mail per due item.
    other = CouncilFactory(name="Derby", code="510")
    OfficerFactory(username="derby.officer", council=other)
    DirectorFactory(username="derby.director", council=other)
    before = len(mail.outbox)
    week_before = (datetime.date(2003, 4, 30) - datetime.timedelta(days=7)).isoformat()
    for _ in range(2):
        call_command("send_reminders", "--date", week_before, stdout=StringIO())
    reminders = mail.outbox[before:]
    assert sorted(m.to[0] for m in reminders) == [
        "derby.director@example.gov.uk",
        "derby.officer@example.gov.uk",
    ]


def _revision(draft, standard):
    from standards.models import StandardReview

    found = StandardReview.objects.filter(audit_return=draft, standard=standard).first()
    return found.revision if found else 0
