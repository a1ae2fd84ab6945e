"""GOV.UK forms for the parts of a cabinet paper: the buttons of the "Sections and appendices" page,
a section of the council's own, an attached PDF and its title. Every form carries the structure
revision the page showed (reports.paper_parts.rules)."""

from crispy_forms_gds.layout import Field
from django import forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin
from climbie_audit.form_fields import form_helper as _helper
from climbie_audit.limits import bounded_text
from reports.cabinet.forms import BODY_HINT
from reports.paper_parts import attached_pdf

# What a button on the parts page asks for, as "<what>:<key>" in its value.
SECTION_ACTIONS = ("up", "down", "leave_out", "put_back", "delete")
APPENDIX_ACTIONS = ("appendix_up", "appendix_down", "appendix_remove")


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class PartsActionForm(forms.Form):
    """One press of a button on the parts page: what to do, to which part."""

    action = forms.CharField(max_length=80)
    revision = _revision_field()

    def clean_action(self) -> tuple[str, str]:
        what, _, key = self.cleaned_data["action"].partition(":")
        if what not in SECTION_ACTIONS + APPENDIX_ACTIONS or not key:
            raise forms.ValidationError("Choose a change to make")
        return what, key


class OwnSectionForm(ErrorLinksMixin, forms.Form):
    heading = bounded_text(
        "Heading", limits.SHORT, required=True, required_message="Enter a heading for the section"
    )
    body = bounded_text(
        "Section text",
        limits.SECTION,
        label="Text",
        help_text=BODY_HINT,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
    )
    after = forms.ChoiceField(
        label="Where should it go?",
        error_messages={
            "required": "Select where the section should go",
            "invalid_choice": "Select where the section should go",
        },
    )
    revision = _revision_field()

    def __init__(self, *args, places: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"].choices = places  # type: ignore[attr-defined]  # a ChoiceField
        self.helper = _helper(
            Field.text("heading"), Field.textarea("body"), Field.select("after"), "revision"
        )


class AttachForm(ErrorLinksMixin, forms.Form):
    title = bounded_text(
        "Title",
        limits.SHORT,
        required=True,
        required_message="Enter a title for the appendix",
        label="Title of the appendix",
        help_text="For example, SSI's covering letter of 6 May 2003.",
    )
    document = forms.FileField(
        label="Upload a PDF",
        help_text=f"A PDF smaller than 10 MB with at most {attached_pdf.MAX_PAGES} pages. Its "
        "pages are printed in the report's PDF, each on a page of the report.",
        error_messages={
            "required": "Select a PDF to attach",
            "empty": attached_pdf.EMPTY,
            "invalid": attached_pdf.NOT_PDF,
            "missing": attached_pdf.EMPTY,
        },
    )
    revision = _revision_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("title"), Field("document"), "revision")

    def clean_document(self) -> attached_pdf.CheckedPdf:
        upload = self.cleaned_data["document"]
        try:
            return attached_pdf.check_attached_pdf(upload.name, upload, upload.size)
        except attached_pdf.AttachmentRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None


class AttachmentTitleForm(ErrorLinksMixin, forms.Form):
    title = bounded_text(
        "Title",
        limits.SHORT,
        required=True,
        required_message="Enter a title for the appendix",
        label="Title of the appendix",
    )
    revision = _revision_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("title"), "revision")
