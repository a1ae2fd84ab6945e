"""The Word document builder (climbie_audit.word): text of any byte makes a file Word can open,
bold and line breaks as runs, header rows that repeat, page-number fields, title and language."""

import io

from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from climbie_audit.word import WordDocument


def reopened(document: WordDocument):
    return Document(io.BytesIO(document.bytes()))


def test_text_pasted_with_control_characters_still_makes_a_file():
    hostile = "Tab\there, vertical\x0btab, form\x0cfeed, nul\x00, bell\x07, \ufffe end"
    document = WordDocument(title=f"Title {hostile}", running_head=hostile)
    document.numbered("1.1", hostile)
    document.table([[hostile]], header=[hostile])
    back = reopened(document)
    assert back.paragraphs[0].text == ("1.1\tTab\there, verticaltab, formfeed, nul, bell,  end")
    assert back.core_properties.title.startswith("Title Tab")


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=200))
def test_any_text_makes_a_file(text):
    document = WordDocument(title=text)
    document.paragraph(text)
    document.table([[text, text]], header=["A", text])
    assert reopened(document).tables


def test_header_rows_repeat_and_the_footer_counts_pages():
    document = WordDocument(title="A paper", author="Leicester City Council")
    document.table([["1", "2"]], header=["One", "Two"])
    back = reopened(document)
    first, second = back.tables[0].rows
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    assert second._tr.trPr.find(qn("w:tblHeader")) is None
    instructions = [
        node.text.strip() for node in back.sections[0].footer._element.iter(qn("w:instrText"))
    ]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert (back.core_properties.title, back.core_properties.language) == ("A paper", "en-GB")
