from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

# Long enough for any passphrase; short enough that hashing it costs nothing extra.
PASSWORD_MAX_LENGTH = 1024


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been deactivated",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        # AuthenticationForm's fields are CharFields; the stubs type form fields as Field.
        username = cast(forms.CharField, self.fields["username"])
        password = cast(forms.CharField, self.fields["password"])
        # AuthenticationForm sets only the input's maxlength attribute: enforce it too.
        username.validators.append(MaxLengthValidator(username.max_length or 150))
        # Every input bounded, every byte answered with a form error (never a 500).
        username.error_messages.update(
            {
                "required": "Enter your username",
                "max_length": f"Username must be {username.max_length} characters or fewer",
                "null_characters_not_allowed": "Username must not include a NUL character",
            }
        )
        password.max_length = PASSWORD_MAX_LENGTH
        password.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
        password.error_messages.update(
            {
                "required": "Enter your password",
                "max_length": f"Password must be {PASSWORD_MAX_LENGTH} characters or fewer",
                "null_characters_not_allowed": "Password must not include a NUL character",
            }
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            Button("submit", "Sign in"),
        )
