"""SSI's evaluation as a Word file, written from the same context as its PDF: the header
tables, each standard's judgement and text, the overall assessments and the findings."""

import io

from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from demo import seed_000
from evaluations.evaluation.judgements import STANDARD_JUDGEMENT_LABELS
from tests.evaluations.helpers import issued_like_seed, submitted


def test_the_council_downloads_the_issued_evaluation_as_word(
    client_for, council_a, framework, officer, director, inspector
):
    evaluation = issued_like_seed(submitted(council_a, framework, officer, director), inspector)
    client = client_for(director)
    page = client.get(reverse("evaluation:detail", args=["509", evaluation.pk])).content
    url = reverse("evaluation:docx", args=["509", evaluation.pk])
    assert url.encode() in page
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="ssi-evaluation-509-v1-a.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.title.startswith("Victoria Climbié Audit Tool: 2002-03")
    assert document.core_properties.language == "en-GB"
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    for number, judgement in seed_000.JUDGEMENTS.items():
        label = STANDARD_JUDGEMENT_LABELS[judgement]
        standard = next(row for row in cells if row[0].startswith(f"STANDARD {number} - "))
        assert standard[1] == "Evaluation"
        assert cells[cells.index(standard) + 1][1] == label  # the row under the standard
        assert [seed_000.TEXTS[number]] in cells
    findings = next(t for t in document.tables if t.rows[0].cells[0].text == "Description of Issue")
    assert findings.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(findings.rows) == len(evaluation.findings.all()) + 1
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Overall Assessment: Serving children well?" in headings


def test_another_council_cannot_download_it(
    client_for, council_a, framework, officer, director, inspector, director_b
):
    evaluation = issued_like_seed(submitted(council_a, framework, officer, director), inspector)
    response = client_for(director_b).get(reverse("evaluation:docx", args=["509", evaluation.pk]))
    assert response.status_code == 404
