"""The house style settings page: a GOV.UK form with the style as radios (each with what it
looks like), the meeting's name and a logo upload checked by content (reports.paper_style.logo)."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from climbie_audit.form_fields import ErrorLinksMixin
from climbie_audit.form_fields import form_helper as _helper
from reports.cabinet.styles import STYLES
from reports.paper_style.logo import MAX_BYTES, CheckedLogo, LogoRefused, check_logo


class PaperStyleForm(ErrorLinksMixin, forms.Form):
    house_style = forms.ChoiceField(
        label="How should the council's cabinet papers be laid out?",
        widget=forms.RadioSelect,
        choices=[Choice(s.key, s.label, hint=s.hint) for s in STYLES.values()],
        error_messages={
            "required": "Select a house style",
            "invalid_choice": "Select a house style",
        },
    )
    meeting_name = forms.CharField(
        label="Name of the meeting the papers go to",
        required=False,
        max_length=120,
        help_text="For example Cabinet or Council Cabinet. Leave it empty for the style's own.",
        error_messages={"max_length": "The name of the meeting must be 120 characters or fewer"},
    )
    logo = forms.FileField(
        label="Upload the council's logo (optional)",
        required=False,
        help_text="A PNG or JPG, smaller than 500KB and at most 2,000 pixels wide and high. It "
        "prints at the top of the first page.",
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file must be a PNG or JPG",
            "missing": "The selected file is empty",
        },
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.radios("house_style", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.text("meeting_name"),
            Field("logo"),
        ]
        if has_logo:
            fields.append(Field.checkbox("remove_logo"))
        else:
            del self.fields["remove_logo"]
        self.helper = _helper(*fields, "revision")

    def clean_meeting_name(self) -> str:
        return " ".join(self.cleaned_data.get("meeting_name", "").split())

    def clean_logo(self) -> CheckedLogo | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            if self.files.get("logo") is not None:
                raise forms.ValidationError("The selected file is empty")
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 500KB")
        try:
            return check_logo(upload.read(MAX_BYTES + 1))
        except LogoRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None

    def values(self, had: tuple[bytes, str]) -> dict[str, object]:
        """The fields to save: the logo as checked, kept, or removed."""
        logo: bytes | None = had[0] or None
        logo_type = had[1]
        checked = self.cleaned_data.get("logo")
        if checked is not None:
            logo, logo_type = checked.data, checked.content_type
        elif self.cleaned_data.get("remove_logo"):
            logo, logo_type = None, ""
        return {
            "house_style": self.cleaned_data["house_style"],
            "meeting_name": self.cleaned_data["meeting_name"],
            "logo": logo,
            "logo_type": logo_type,
        }
