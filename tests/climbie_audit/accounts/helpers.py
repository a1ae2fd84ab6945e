import re

from django.core import mail

LINK = re.compile(r"https?://[^/\s]+(/\S+)")


def last_link(to: str) -> str:
    """The path of the one-time link in the latest e-mail to `to`."""
    message = [m for m in mail.outbox if to in m.to][-1]
    return LINK.search(message.body).group(1)


def secret_on(page_content: str) -> str:
    """The base-32 key an authenticator-app set-up page shows as text."""
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page_content)
    return match.group(1).replace(" ", "")


def totp_code(base32_secret: str, offset_steps: int = 0) -> str:
    """What an authenticator app shows now for this key (django-otp's own TOTP)."""
    import base64

    from django_otp.oath import TOTP

    padded = base32_secret + "=" * (-len(base32_secret) % 8)
    totp = TOTP(base64.b32decode(padded), drift=offset_steps)
    return f"{totp.token():06d}"
