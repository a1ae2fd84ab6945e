"""One-time links: a forgotten-password link and an invitation.

Both are Django's password-reset tokens: an HMAC of the person's id, password hash, last sign-in
and e-mail address with a timestamp, so a link stops working once the password it sets is saved
(the hash changes) and after its own lifetime. Invitations use another salt, so a reset link is
never an invitation, and a longer lifetime. A deactivated person's links do not work.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class _OneTimeLinks(PasswordResetTokenGenerator):
    timeout_setting = "PASSWORD_RESET_TIMEOUT"

    def check_token(self, user, token):
        if user is None or not token or not user.is_active:
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            ):
                break
        else:
            return False
        age = self._num_seconds(self._now()) - timestamp
        return 0 <= age <= getattr(settings, self.timeout_setting)


class PasswordResetLinks(_OneTimeLinks):
    """Forgotten-password links: settings.PASSWORD_RESET_TIMEOUT (an hour)."""


class InvitationLinks(_OneTimeLinks):
    """Invitations: settings.INVITATION_TIMEOUT (7 days)."""

    key_salt = "climbie_audit.accounts.tokens.InvitationLinks"
    timeout_setting = "INVITATION_TIMEOUT"


password_reset_links = PasswordResetLinks()
invitation_links = InvitationLinks()
