"""Account forms, in GOV.UK wording (error summary links, "Enter …" messages)."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth import forms as auth_forms

from climbie_audit import limits
from climbie_audit.form_fields import ErrorLinksMixin, form_helper
from climbie_audit.limits import bounded_text
from climbie_audit.models import Council, User

EMAIL_ERRORS = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
    "max_length": "Email address must be 150 characters or fewer",
}


def _name(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=150,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be 150 characters or fewer",
            "null_characters_not_allowed": f"{label} must only include letters and spaces",
        },
    )


class InviteOfficerForm(ErrorLinksMixin, forms.Form):
    """A director invites an officer of their own council."""

    first_name = _name("First name")
    last_name = _name("Last name")
    email = forms.EmailField(label="Email address", max_length=150, error_messages=EMAIL_ERRORS)
    job_title = bounded_text("Job title", limits.NAME, label="Job title (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(*self._layout())

    def _layout(self):
        return [
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.text("email", field_width=30),
            Field.text("job_title", field_width=30),
        ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email).exists()
        if taken or User.objects.filter(username__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an account")
        return email


class InviteForm(InviteOfficerForm):
    """An administrator invites an SSI inspector, a director or another administrator."""

    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )
    council = forms.ModelChoiceField(
        label="Council (for a director)",
        queryset=Council.objects.all(),
        required=False,
        empty_label="Select a council",
        error_messages={"invalid_choice": "Select a council from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            Choice(User.Role.INSPECTOR, "SSI inspector"),
            Choice(User.Role.DIRECTOR, "Director of a council"),
            Choice(User.Role.ADMINISTRATOR, "Administrator"),
        ]
        self.order_fields(["role", "council", "first_name", "last_name", "email", "job_title"])
        self.helper = form_helper(
            Field.radios("role", legend_size=Size.SMALL),
            Field.select("council"),
            *self._layout(),
        )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("role") == User.Role.DIRECTOR and not cleaned.get("council"):
            self.add_error("council", "Select the council the director works for")
        return cleaned


class SetPasswordForm(ErrorLinksMixin, auth_forms.SetPasswordForm):
    """Choosing a password from an invitation or a forgotten-password link."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _password_field(self.fields["new_password1"], "New password", "Enter a new password")
        _password_field(
            self.fields["new_password2"], "Confirm new password", "Confirm your new password"
        )
        self.fields["new_password1"].help_text = (
            "At least 8 characters, not only numbers, not a common password and not like your "
            "name or email address."
        )
        self.helper = form_helper(
            Field.text("new_password1", field_width=20), Field.text("new_password2", field_width=20)
        )


class ChangePasswordForm(ErrorLinksMixin, auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": "The passwords do not match",
        "password_incorrect": "Your current password is not correct",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _password_field(
            self.fields["old_password"], "Current password", "Enter your current password"
        )
        _password_field(self.fields["new_password1"], "New password", "Enter a new password")
        _password_field(
            self.fields["new_password2"], "Confirm new password", "Confirm your new password"
        )
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.helper = form_helper(
            Field.text("old_password", field_width=20),
            Field.text("new_password1", field_width=20),
            Field.text("new_password2", field_width=20),
        )


class ForgotPasswordForm(ErrorLinksMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = "Email address"
        field.max_length = 254  # type: ignore[attr-defined]  # an EmailField
        field.error_messages.update(EMAIL_ERRORS)
        field.error_messages["max_length"] = "Email address must be 254 characters or fewer"
        self.helper = form_helper(Field.text("email", field_width=30))


class CodeForm(ErrorLinksMixin, forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        error_messages={
            "required": "Enter the code from your authenticator app",
            "max_length": "Enter the 6-digit code from your authenticator app",
            "null_characters_not_allowed": "Enter the 6-digit code from your authenticator app",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, label="Code", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = label
        self.helper = form_helper(Field.text("code", field_width=10))


def _password_field(field, label: str, required: str) -> None:
    field.label = label
    field.error_messages["required"] = required
    field.error_messages["null_characters_not_allowed"] = (
        f"{label} must not include a NUL character"
    )
    field.strip = False
