"""One realistic dataset for the access matrix: Leicester (509) with everything, Derby (510)."""

import io
from dataclasses import dataclass

from climbie_audit.models import InspectorAssignment, Notification, User
from demo.seed import seed_demo, seed_demo_audits, seed_demo_cabinet


@dataclass
class Dataset:
    people: dict
    objects: dict


ROLES = [
    "anonymous",
    "officer_a",
    "officer_b",
    "director_a",
    "inspector_a",
    "inspector_not_a",
    "administrator",
]


def build(framework) -> Dataset:
    from evaluations.challenge import rules as challenge
    from evaluations.evaluation import workflow
    from evaluations.models import Evaluation, Inspection
    from reports.cabinet.drafting import draft_report
    from reports.models import CabinetReport
    from reports.paper_parts.attached_pdf import check_attached_pdf
    from reports.paper_parts.rules import attach_pdf
    from standards.action_plan import rules as action_plan
    from standards.evidence.file_checks import check_evidence
    from standards.evidence.rules import add_evidence
    from standards.self_audit.rules import self_audit_for, start_revision
    from tests.reports.paper_parts.pdfs import text_pdf

    seed_demo()
    seed_demo_audits()
    seed_demo_cabinet()
    people = {
        "officer_a": User.objects.get(username="officer.leicester"),
        "officer_b": User.objects.get(username="officer.derby"),
        "director_a": User.objects.get(username="director.leicester"),
        "inspector_a": User.objects.get(username="inspector.fryer"),
        "inspector_not_a": User.objects.get(username="inspector.shaw"),
        "administrator": User.objects.get(username="admin"),
    }
    assert not InspectorAssignment.objects.filter(
        inspector=people["inspector_not_a"], council__code="509"
    ).exists()
    leicester = people["officer_a"].council
    audit = self_audit_for(leicester, framework)
    submitted = audit.returns.latest_submitted()
    draft = start_revision(audit, people["director_a"])  # a draft version 2 being worked on
    evidence = add_evidence(
        draft,
        framework.standards.get(number=1).criteria.get(number=1),
        check_evidence("policy.pdf", io.BytesIO(b"%PDF-1.4 sample"), None),
        people["officer_a"],
    )
    issued = Evaluation.objects.get(audit_return=submitted, status="issued")
    draft_evaluation = workflow.start_evaluation(submitted, people["inspector_a"], "b")
    finding = draft_evaluation.findings.order_by("pk").first() or workflow.add_finding(
        draft_evaluation,
        {
            "description": "Case tracking",
            "paf_domain": "effectiveness",
            "kind": "strength",
            "highlight": False,
        },
    )
    query = challenge.raise_query(
        draft_evaluation, evidence.criterion, people["inspector_a"], "Where is the audit?"
    )
    challenge.answer_query(
        query,
        people["officer_a"],
        "Attached.",
        query.revision,
        [check_evidence("audit.pdf", io.BytesIO(b"%PDF-1.4 audit"), None)],
    )
    plan = action_plan.plan_for(audit)
    action = plan.actions.order_by("pk").first()
    report = draft_report(leicester, "evaluation", people["director_a"])
    attachment = attach_pdf(
        report,
        people["director_a"],
        report.structure_revision,
        title="SSI's covering letter",
        checked=check_attached_pdf("letter.pdf", io.BytesIO(text_pdf(["Letter"])), None),
    )
    role = leicester.role_statement.roles.order_by("pk").first()
    inspection = Inspection.objects.filter(council=leicester).first()
    notification = Notification.objects.create(
        recipient=people["officer_a"], kind="return_due", subject="Due", body="Due soon"
    )
    return Dataset(
        people=people,
        objects={
            "submitted": submitted,
            "issued_evaluation": issued,
            "draft_evaluation": draft_evaluation,
            "finding": finding,
            "action": action,
            "report": report,
            "attachment": attachment,
            "role": role,
            "inspection": inspection,
            "evidence": evidence,
            "query": query,
            "query_document": query.messages.last().documents.get(),
            "notification": notification,
            "CabinetReport": CabinetReport,
        },
    )
