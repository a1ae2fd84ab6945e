"""The SSI evaluation as a PDF: an issued evaluation's is rendered once and kept; a draft's is
prepared by the task queue (climbie_audit.documents)."""

from climbie_audit.documents.prepared import register
from climbie_audit.documents.stored import stored_document
from climbie_audit.models import Council
from climbie_audit.models_documents import StoredDocument
from climbie_audit.pdf import render_pdf
from evaluations.models import Evaluation

PDF = "application/pdf"
ISSUED_PDF = "evaluation-pdf"
DRAFT_PDF = "evaluation-draft-pdf"


def evaluation_title(council: Council) -> str:
    return (
        f"Victoria Climbié Audit Tool: 2002-03: Performance Evaluation for "
        f"{council.name} ({council.code})"
    )


def pdf_filename(evaluation: Evaluation) -> str:
    version = evaluation.audit_return.number
    return f"ssi-evaluation-{evaluation.council.code}-v{version}-{evaluation.phase}.pdf"


def render_evaluation_pdf(evaluation: Evaluation) -> bytes:
    judgements = evaluation.judgements.select_related("standard").order_by("standard__number")
    return render_pdf(
        "evaluation/pdf.html",
        {
            "council": evaluation.council,
            "evaluation": evaluation,
            "judgements": list(judgements),
            "findings": list(evaluation.findings.all()),
            "phases": Evaluation.Phase.choices,
        },
        title=evaluation_title(evaluation.council),
    )


def issued_pdf(evaluation: Evaluation) -> StoredDocument:
    """An issued evaluation never changes, so its PDF is made on the first download and kept."""
    assert evaluation.is_issued, "Only an issued evaluation's PDF is kept."
    return stored_document(
        ISSUED_PDF, evaluation.pk, PDF, lambda: render_evaluation_pdf(evaluation)
    )


@register(DRAFT_PDF, PDF)
def render_draft_pdf(key: str) -> bytes:
    evaluation = Evaluation.objects.select_related("audit_return__self_audit__council").get(
        pk=int(key)
    )
    return render_evaluation_pdf(evaluation)
