from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from climbie_audit.form_fields import ErrorLinksMixin
from climbie_audit.models import Delivery


class PreferenceForm(ErrorLinksMixin, forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want to be e-mailed about your notifications?",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you want to be e-mailed",
            "invalid_choice": "Select how you want to be e-mailed",
        },
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stale = "The page was out of date. Choose again"
        for key in ("required", "invalid", "min_value"):
            self.fields["revision"].error_messages[key] = stale
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.radios("delivery", legend_size=Size.MEDIUM, legend_tag="h1"), Field("revision")
        )
