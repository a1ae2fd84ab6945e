"""The body of an evaluation-outcome paper summarises SSI's evaluation, as seed 002 does: a table
of SSI's judgement and the council's self-assessment per standard, the overall assessment, and
the main strengths and areas for development in two paragraphs. SSI's full text stays in the
appendix (the evaluation PDF's own body), so the paper never prints it twice."""

import re

from evaluations.evaluation.judgements import FindingKind
from evaluations.models import Finding
from reports.cabinet.data import ReportData
from reports.cabinet.words import count_words

# How many findings a summary paragraph names; the appendix has them all.
MAIN_FINDINGS = 3
SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    sentence = SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".;: ")
    # Joined with semicolons into one sentence: "There are …" reads "there are …", but an
    # acronym ("ACPC procedures …") keeps its capitals.
    if sentence[1:2].islower():
        sentence = sentence[:1].lower() + sentence[1:]
    return sentence


def _cell(text: str) -> str:
    """A table cell as the body's plain text carries it: one line, no column bar."""
    return " ".join(text.replace("|", "/").split())


def judgements_table(data: ReportData) -> str:
    rows = ["| Standard | SSI's evaluation | The Council's self-assessment |"]
    for progress in data.standards():
        standard, figures = progress.standard, progress.figures
        judged = progress.judgement.get_judgement_display() if progress.judgement else ""
        own = (
            f"{figures.counts[4]} of {figures.total} criteria rated 4"
            if figures is not None
            else "Not rated"
        )
        rows.append(
            f"| {_cell(f'Standard {standard.number}: {standard.title}')} | {_cell(judged or 'Not judged')}"
            f" | {_cell(own)} |"
        )
    return "\n".join(rows)


def _main(findings: list[Finding]) -> list[Finding]:
    """The findings SSI highlighted for the annual review first, then the others, in order."""
    ranked = sorted(findings, key=lambda f: (not f.highlight, f.position, f.pk))
    return ranked[:MAIN_FINDINGS]


def findings_paragraph(findings: list[Finding], one: str, many: str) -> str:
    if not findings:
        return f"SSI recorded no {many}."
    main = "; ".join(_first_sentence(f.description) for f in _main(findings))
    lead = f"SSI recorded {count_words(len(findings))} {one if len(findings) == 1 else many}"
    if len(findings) > MAIN_FINDINGS:
        return f"{lead}. The main ones: {main}."
    return f"{lead}: {main}."


def evaluation_summary(data: ReportData) -> list[str]:
    """The paragraphs (blank-line separated parts) of the summary, after the section's
    introduction."""
    evaluation = data.evaluation
    parts = [
        "SSI's judgement of each standard and the Council's own ratings are these; SSI's full "
        "text for each standard is in {appendix:evaluation}.",
        judgements_table(data),
    ]
    if evaluation is not None:
        serving = evaluation.get_overall_serving_display() or "not judged"
        capacity = evaluation.get_overall_capacity_display() or "not judged"
        follow_up = ""
        if evaluation.follow_up_visit is not None:
            follow_up = (
                " SSI will make a follow-up visit."
                if evaluation.follow_up_visit
                else " SSI does not plan a follow-up visit."
            )
        consequence = (
            f" {evaluation.star_rating_consequence}" if evaluation.caps_star_rating else ""
        )
        parts.append(
            f"**Overall assessment.** Serving children well? {serving}. Capacity for "
            f"improvement? {capacity}.{follow_up}{consequence}"
        )
    strengths = [f for f in data.findings if f.kind == FindingKind.STRENGTH]
    development = [f for f in data.findings if f.kind == FindingKind.DEVELOPMENT]
    parts.append("**Strengths.** " + findings_paragraph(strengths, "strength", "strengths"))
    parts.append(
        "**Areas for development.** "
        + findings_paragraph(development, "area for development", "areas for development")
    )
    return parts
