"""Second factors, with django-otp: an authenticator app (a TOTP device) and recovery codes (a
static device whose codes each work once).

Setting up never writes on a GET: the new secret waits in the session until the person types a
code from their app, and only then is the device saved.
"""

import base64
import binascii

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from django_otp.util import random_hex

from climbie_audit.accounts import events
from climbie_audit.models import User

SETUP_KEY = "two_factor_setup_key"
NEW_CODES_KEY = "two_factor_new_recovery_codes"
RECOVERY_CODES = 10


def required() -> bool:
    return settings.REQUIRE_TWO_FACTOR


def has_second_factor(user: User) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def pending_secret(session) -> str:
    """The hex secret being set up in this session, made on first use."""
    key = session.get(SETUP_KEY)
    if not key:
        key = default_key()
        session[SETUP_KEY] = key
    return key


def base32_secret(hex_key: str) -> str:
    """The secret as people type it into an app: base 32, in groups of four."""
    text = base64.b32encode(binascii.unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: User, hex_key: str) -> str:
    return TOTPDevice(user=user, key=hex_key, name="Authenticator app").config_url


def qr_code_svg(uri: str) -> str:
    """The QR code as inline SVG, drawn here: the secret never leaves the server."""
    return segno.make(uri, error="m").svg_inline(
        scale=4, dark="#0b0c0c", light="#ffffff", title="QR code for your authenticator app"
    )


def code_matches_secret(hex_key: str, code: str) -> bool:
    code = normalise(code)
    if not code.isdigit() or len(code) != 6:
        return False
    totp = TOTP(binascii.unhexlify(hex_key))
    # One step either side allows for the phone's clock.
    for drift in (-1, 0, 1):
        totp.drift = drift
        if totp.token() == int(code):
            return True
    return False


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def enrol(request, code: str) -> TOTPDevice | None:
    """Save the authenticator app if `code` matches the pending secret; then this session counts
    as having passed its second factor, and fresh recovery codes wait to be shown once."""
    user = request.user
    hex_key = request.session.get(SETUP_KEY)
    if not hex_key or not code_matches_secret(hex_key, code):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name="Authenticator app", key=hex_key, confirmed=True
    )
    # This code is used: it cannot be replayed to sign in.
    device.verify_token(normalise(code))
    del request.session[SETUP_KEY]
    request.session[NEW_CODES_KEY] = new_recovery_codes(user)
    otp_login(request, device)
    events.record(events.Action.SECOND_FACTOR_ADDED, user, request=request)
    return device


def new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    for _ in range(RECOVERY_CODES):
        code = random_hex(5)  # 10 hexadecimal characters
        StaticToken.objects.create(device=device, token=code)
        codes.append(f"{code[:5]}-{code[5:]}")
    return codes


def renew_recovery_codes(request) -> list[str]:
    codes = new_recovery_codes(request.user)
    request.session[NEW_CODES_KEY] = codes
    events.record(events.Action.RECOVERY_CODES_RENEWED, request.user, request=request)
    return codes


def take_new_codes(session) -> list[str]:
    """Recovery codes are shown once, straight after they are made."""
    return session.pop(NEW_CODES_KEY, [])


def remaining_recovery_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(request, code: str) -> bool:
    """Check a code from the app or a recovery code against the person's own devices (django-otp
    throttles each device after failures); mark the session as verified."""
    user = request.user
    code = normalise(code)
    well_formed = code.isascii() and code.isalnum() and 0 < len(code) <= 20
    device = match_token(user, code) if well_formed else None
    if device is None:
        events.record(events.Action.SECOND_FACTOR_FAILED, user, request=request)
        return False
    otp_login(request, device)
    detail = "recovery code" if isinstance(device, StaticDevice) else "authenticator app"
    events.record(events.Action.SECOND_FACTOR_USED, user, request=request, detail=detail)
    return True


@transaction.atomic
def reset(person: User, *, by: User, request=None) -> None:
    """An administrator removes a person's second factors (a lost phone); the person sets one up
    again at their next sign-in, and their sessions end now."""
    from climbie_audit.sessions import end_sessions_of

    for device in devices_for_user(person, confirmed=None):
        device.delete()
    end_sessions_of(person)
    events.record(events.Action.SECOND_FACTOR_RESET, person, request=request, by=by)
