import time

import pytest
from django.test import Client
from django.urls import reverse

from climbie_audit.models import AuditEvent
from tests.climbie_audit.accounts.helpers import secret_on, totp_code
from tests.factories import PASSWORD


def sign_in(client, person, password=PASSWORD):
    return client.post(reverse("login"), {"username": person.username, "password": password})


def enrol(client) -> str:
    page = client.get(reverse("accounts:two_factor_setup"))
    content = page.content.decode()
    assert "<svg" in content and "QR code for your authenticator app" in content
    secret = secret_on(content)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("accounts:recovery_codes")
    return secret


def recovery_codes(client) -> list[str]:
    import re

    content = client.get(reverse("accounts:recovery_codes")).content.decode()
    return re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", content)


def test_setting_up_writes_nothing_on_a_get(client_for, officer):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client_for(officer).get(reverse("accounts:two_factor_setup"))
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_at_set_up_is_a_gov_uk_error(client_for, officer):
    client = client_for(officer)
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000x"})
    content = response.content.decode()
    assert "There is a problem" in content and "The code is not correct" in content


def test_person_with_an_app_signs_in_in_two_steps(client, officer):
    assert sign_in(client, officer).status_code == 302
    secret = enrol(client)
    codes = recovery_codes(client)
    assert len(codes) == 10
    assert recovery_codes(client) == []  # shown once
    client.post(reverse("logout"))

    response = sign_in(client, officer)
    assert response.status_code == 302
    # Signed in with the password only: every page asks for the code first.
    framework = client.get(reverse("accounts:account"))
    assert framework["Location"].startswith(reverse("accounts:verify"))
    wrong = client.post(reverse("accounts:verify"), {"code": "123456"})
    assert b"The code is not correct" in wrong.content
    time.sleep(1.1)  # django-otp makes each wrong code wait longer before the next try
    # The code enrolment used cannot be replayed; the next one works.
    ok = client.post(
        reverse("accounts:verify"), {"code": totp_code(secret, 1), "next": "/account/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/account/"
    assert client.get(reverse("accounts:account")).status_code == 200
    actions = list(
        AuditEvent.objects.filter(object_id=str(officer.pk)).values_list("action", flat=True)
    )
    assert "2fa-added" in actions and "2fa-failed" in actions and "2fa-used" in actions


def test_a_recovery_code_works_once(client, officer):
    sign_in(client, officer)
    enrol(client)
    code = recovery_codes(client)[0]
    for expected_ok in (True, False):
        client.post(reverse("logout"))
        sign_in(client, officer)
        client.post(reverse("accounts:verify"), {"code": code.upper()})
        reached = client.get(reverse("accounts:account")).status_code == 200
        assert reached is expected_ok


@pytest.mark.parametrize("code", ["x" * 500, "12\x0034", "  ", "∞∞∞∞∞∞"])
def test_odd_codes_are_form_errors(client, officer, code):
    sign_in(client, officer)
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, officer)
    response = client.post(reverse("accounts:verify"), {"code": code})
    assert response.status_code == 200 and b"There is a problem" in response.content


def test_second_factor_is_optional_in_development(client, officer, settings):
    settings.REQUIRE_TWO_FACTOR = False
    sign_in(client, officer)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_second_factor_is_required_when_the_setting_says(client, officer, settings, framework):
    settings.REQUIRE_TWO_FACTOR = True
    sign_in(client, officer)
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    enrol(client)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_production_settings_require_two_factor():
    import os
    import subprocess
    import sys

    env = dict(os.environ, CLIMBIE_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="x")
    env.pop("REQUIRE_TWO_FACTOR", None)
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='climbie_audit.settings';"
        "from django.conf import settings;"
        "print(settings.REQUIRE_TWO_FACTOR, settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "__Host-sessionid", "__Host-csrftoken"], out.stderr


def test_administrator_resets_a_second_factor_which_is_logged(client, officer, administrator):
    sign_in(client, officer)
    enrol(client)
    admin_client = Client()
    admin_client.force_login(administrator)
    url = reverse("accounts:reset_second_factor", args=[officer.pk])
    assert b"Reset the second factor" in admin_client.get(url).content
    assert admin_client.post(url).status_code == 302
    event = AuditEvent.objects.get(action="2fa-reset")
    assert event.user == administrator and event.object_id == str(officer.pk)
    # The officer was signed out, and signs in with their password alone again.
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("login"))
    sign_in(client, officer)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_only_administrators_reset_second_factors(client_for, director, officer):
    url = reverse("accounts:reset_second_factor", args=[officer.pk])
    assert client_for(director).post(url).status_code == 403


@pytest.mark.parametrize("target", ["a\x00b", "account", "//evil.example/", "/acc\nount/"])
def test_a_next_that_is_no_path_here_goes_home(client_for, officer, target):
    """Found by the hostile-requests test: a "next" without a slash was read as a view's name."""
    response = client_for(officer).get(reverse("accounts:verify"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
