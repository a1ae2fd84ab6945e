"""A submitted version of the self-audit return as documents to file or attach: a PDF and a Word
copy, laid out like SSI's return (the spreadsheet export): per standard, each criterion with its
Laming deadline, the council's rating (1-4), evidence, intended improvement, lead officer and
target date. Both copies are written from one `ReturnDocument`, so they say the same."""

import datetime
from dataclasses import dataclass

from django.utils import dateformat, timezone

from climbie_audit.pdf import render_pdf
from climbie_audit.word import WordDocument
from standards.models import Answer, AuditReturn, Standard
from standards.self_audit.rules import FIELD_LABELS

HEADER = (
    "Code",
    "Criterion",
    FIELD_LABELS["rating"],
    FIELD_LABELS["evidence"],
    FIELD_LABELS["improvement"],
    FIELD_LABELS["lead_officer"],
    FIELD_LABELS["target_date"],
)
# Shares of the (landscape) text width, as the spreadsheet's column widths.
WIDTHS = (0.05, 0.27, 0.06, 0.26, 0.20, 0.09, 0.07)
NOT_SET = "Not set"


@dataclass
class ReturnRow:
    code: str
    criterion: str
    deadline: str
    rating: str
    evidence: str
    improvement: str
    lead_officer: str
    target_date: str

    @property
    def criterion_with_deadline(self) -> str:
        return (
            f"{self.criterion}\nLaming deadline: {self.deadline}"
            if self.deadline
            else self.criterion
        )

    def cells(self) -> list[str]:
        return [
            self.code,
            self.criterion_with_deadline,
            self.rating,
            self.evidence,
            self.improvement,
            self.lead_officer,
            self.target_date,
        ]


@dataclass
class StandardPart:
    number: int
    title: str
    statement: str
    rows: list[ReturnRow]

    @property
    def heading(self) -> str:
        return f"Standard {self.number}: {self.title}"


@dataclass
class ReturnDocument:
    title: str
    council_name: str
    council_code: str
    framework: str
    version: int
    reference: str
    submitted: str
    descriptors: dict[str, str]
    standards: list[StandardPart]
    header: tuple[str, ...] = HEADER

    @property
    def cover(self) -> list[list[str]]:
        return [
            ["Council", f"{self.council_name} ({self.council_code})"],
            ["Framework", self.framework],
            ["Return version", str(self.version)],
            ["Reference", self.reference or "None given"],
            ["Submitted", self.submitted],
        ]


def _date(value: datetime.date | None, fmt: str = "j F Y") -> str:
    return dateformat.format(value, fmt) if value else ""


def return_document(audit_return: AuditReturn) -> ReturnDocument:
    """The submitted version as it prints: answers in framework order, read in fixed queries."""
    audit = audit_return.self_audit
    council, framework = audit.council, audit.framework
    answers: list[Answer] = list(audit_return.answers.with_criteria())
    parts: dict[int, StandardPart] = {}
    for answer in sorted(answers, key=lambda a: (a.criterion.standard.number, a.criterion.number)):
        criterion = answer.criterion
        standard: Standard = criterion.standard
        part = parts.setdefault(
            standard.number, StandardPart(standard.number, standard.title, standard.statement, [])
        )
        part.rows.append(
            ReturnRow(
                code=criterion.code,
                criterion=criterion.text,
                deadline=_date(criterion.laming_deadline),
                rating=str(answer.rating) if answer.rating else NOT_SET,
                evidence=answer.evidence,
                improvement=answer.improvement,
                lead_officer=answer.lead_officer,
                target_date=_date(answer.target_date, "j M Y"),
            )
        )
    submitted_at = (
        timezone.localtime(audit_return.submitted_at) if audit_return.submitted_at else None
    )
    by = audit_return.submitted_by.display_name if audit_return.submitted_by else ""
    return ReturnDocument(
        title=(
            f"{council.name}: Victoria Climbié self-audit return, version {audit_return.number}"
        ),
        council_name=council.name,
        council_code=council.code,
        framework=f"{framework.title} (version {framework.version})",
        version=audit_return.number,
        reference=audit_return.reference,
        submitted=f"{_date(submitted_at, 'j F Y, H:i')} by {by}" if submitted_at else "",
        descriptors={str(k): v for k, v in framework.default_descriptors.items()},
        standards=[parts[n] for n in sorted(parts)],
    )


def return_filename(audit_return: AuditReturn, extension: str) -> str:
    council = audit_return.self_audit.council
    return f"self-audit-{council.code}-v{audit_return.number}.{extension}"


def return_pdf_bytes(audit_return: AuditReturn) -> bytes:
    layout = return_document(audit_return)
    return render_pdf("self_audit/pdf/return.html", {"document": layout}, title=layout.title)


def return_docx_bytes(audit_return: AuditReturn) -> bytes:
    layout = return_document(audit_return)
    document = WordDocument(
        title=layout.title,
        author=layout.council_name,
        subject=layout.framework,
        running_head=layout.title,
        landscape=True,
        dated=audit_return.submitted_at,
    )
    document.heading(layout.title, 1)
    document.table(layout.cover, row_headers=True, widths=(0.25, 0.75))
    document.table(
        [[level, meaning] for level, meaning in layout.descriptors.items()],
        header=["Rating", "Meaning"],
        row_headers=True,
        caption="The 4 point scale",
        widths=(0.1, 0.9),
        size=9,
    )
    for part in layout.standards:
        document.heading(part.heading, 2)
        document.paragraph(part.statement)
        document.table(
            [row.cells() for row in part.rows],
            header=layout.header,
            row_headers=True,
            widths=WIDTHS,
            size=8.5,
        )
    return document.bytes()
