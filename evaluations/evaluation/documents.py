"""SSI's evaluation as documents: the PDF (evaluation/pdf.html) and a Word copy written from the
same context, so the two carry the same tables and text. The cabinet report's evaluation
appendix writes the same Word content through `write_evaluation`."""

from collections.abc import Sequence

from django.utils import dateformat

from climbie_audit.documents.prepared import register
from climbie_audit.documents.stored import stored_document
from climbie_audit.models_documents import StoredDocument
from climbie_audit.pdf import render_pdf
from climbie_audit.word import WordDocument
from evaluations.models import Evaluation

PDF = "application/pdf"
ISSUED_PDF = "evaluation-pdf"
DRAFT_PDF = "evaluation-draft-pdf"

NOT_JUDGED = "Not judged"
TEXT_BOX_LABEL = (
    "Text box explaining evaluation particularly if evaluation does not agree with the "
    "council's self audit."
)


def evaluation_title(council: object) -> str:
    return (
        f"Victoria Climbié Audit Tool: 2002-03: Performance Evaluation for "
        f"{council.name} ({council.code})"  # type: ignore[attr-defined]
    )


def evaluation_context(evaluation: Evaluation) -> dict[str, object]:
    """What both copies are written from (the template's context)."""
    return {
        "council": evaluation.council,
        "evaluation": evaluation,
        "judgements": list(
            evaluation.judgements.select_related("standard").order_by("standard__number")
        ),
        "findings": list(evaluation.findings.all()),
        "phases": Evaluation.Phase.choices,
    }


def evaluation_pdf_bytes(evaluation: Evaluation, annex: Sequence[object] = ()) -> bytes:
    """The PDF; `annex` (SSI's queries with their threads) adds the queries annex."""
    return render_pdf(
        "evaluation/pdf.html",
        evaluation_context(evaluation) | {"annex": list(annex)},
        title=evaluation_title(evaluation.council),
    )


def pdf_filename(evaluation: Evaluation) -> str:
    return evaluation_filename(evaluation, "pdf")


def issued_pdf(evaluation: Evaluation) -> StoredDocument:
    """An issued evaluation never changes, so its PDF is made on the first download and kept."""
    assert evaluation.is_issued, "Only an issued evaluation's PDF is kept."
    return stored_document(ISSUED_PDF, evaluation.pk, PDF, lambda: evaluation_pdf_bytes(evaluation))


@register(DRAFT_PDF, PDF)
def render_draft_pdf(key: str) -> bytes:
    evaluation = Evaluation.objects.select_related("audit_return__self_audit__council").get(
        pk=int(key)
    )
    return evaluation_pdf_bytes(evaluation)


def evaluation_docx_bytes(evaluation: Evaluation) -> bytes:
    council = evaluation.council
    draft = "" if evaluation.is_issued else ", DRAFT"
    document = WordDocument(
        title=evaluation_title(council),
        author=f"{evaluation.inspector.display_name}, Social Services Inspectorate",
        subject=(
            f"SSI evaluation of {council.name}'s Victoria Climbié self-audit, "
            f"version {evaluation.audit_return.number}"
        ),
        running_head=f"{council.name} ({council.code}): SSI performance evaluation{draft}",
    )
    write_evaluation(document, evaluation_context(evaluation), top_level=1)
    return document.bytes()


def evaluation_filename(evaluation: Evaluation, extension: str) -> str:
    version = evaluation.audit_return.number
    return f"ssi-evaluation-{evaluation.council.code}-v{version}-{evaluation.phase}.{extension}"


def _judged(value: str) -> str:
    return value or NOT_JUDGED


def _yes_no(value: bool | None, unknown: str = "Not stated") -> str:
    return unknown if value is None else "Yes" if value else "No"


def write_evaluation(document: WordDocument, context: dict[str, object], top_level: int) -> None:
    """The evaluation as evaluation/pdf.html lays it out: header tables, a table and text box
    per standard, the two overall assessments and the findings."""
    evaluation: Evaluation = context["evaluation"]  # type: ignore[assignment]
    council = context["council"]
    judgements: list = context["judgements"]  # type: ignore[assignment]
    findings: list = context["findings"]  # type: ignore[assignment]
    document.heading(evaluation_title(council), top_level)
    document.paragraph(
        "Audit of services to Children in Need in response to the practice recommendations of "
        "the Victoria Climbié Inquiry Spring 2003"
    )
    if not evaluation.is_issued:
        document.paragraph("DRAFT: this evaluation has not been issued to the council.", bold=True)
    completed = (
        dateformat.format(evaluation.completed_on, "d-M-Y")
        if evaluation.completed_on
        else "Not yet completed"
    )
    document.table(
        [[evaluation.inspector.display_name, completed]],
        header=["Name of Inspector completing evaluation", "Date of completion"],
        widths=[0.6, 0.4],
    )
    document.label("Please complete the relevant tick box to identify this evaluation phase.")
    document.table(
        [
            [label, "X" if value == evaluation.phase else ""]
            for value, label in Evaluation.Phase.choices
        ],
        row_headers=True,
        widths=[0.9, 0.1],
    )
    for judgement in judgements:
        standard = judgement.standard
        document.table(
            [[standard.statement, _judged(judgement.get_judgement_display())]],
            header=[f"STANDARD {standard.number} - {standard.title.upper()}", "Evaluation"],
            widths=[0.76, 0.24],
        )
        document.label(TEXT_BOX_LABEL)
        document.table([[judgement.text]])
    document.heading("Overall Assessment: Serving children well?", top_level + 1)
    document.table(
        [["Evaluation - Serving children well", _judged(evaluation.get_overall_serving_display())]],
        row_headers=True,
        widths=[0.6, 0.4],
    )
    if evaluation.caps_star_rating:
        document.paragraph(f"Star rating: {evaluation.star_rating_consequence}", bold=True)
    document.label(TEXT_BOX_LABEL)
    document.table([[evaluation.overall_serving_text]])
    document.heading("Overall Assessment: Capacity for Improvement?", top_level + 1)
    document.table(
        [
            ["Follow up visit to take place?", _yes_no(evaluation.follow_up_visit)],
            [
                "Evaluation - Capacity for improvement",
                _judged(evaluation.get_overall_capacity_display()),
            ],
        ],
        row_headers=True,
        widths=[0.6, 0.4],
    )
    document.label(TEXT_BOX_LABEL)
    document.table([[evaluation.overall_capacity_text]])
    rows = [
        [f.description, f.paf_short_name, f.get_kind_display(), _yes_no(f.highlight)]
        for f in findings
    ] or [["No findings recorded.", "", "", ""]]
    document.table(
        rows,
        header=[
            "Description of Issue",
            "PAF Domain",
            "Strength/ Area for development?",
            "Highlight for Annual Review?",
        ],
        caption="Findings",
        widths=[0.52, 0.16, 0.16, 0.16],
        size=9,
    )
