"""Passwords are hashed with Argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), the demo
people's shared hash too; a hash made with Django's heavier defaults still checks and is rehashed
at the next sign-in (issue 17, point 4: the deadline-morning sign-ins)."""

import argon2
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from climbie_audit import settings as project_settings
from demo.seed import DEMO_PASSWORD_HASH
from tests import factories

OWASP = "climbie_audit.accounts.hashers.OwaspArgon2PasswordHasher"


def parameters(encoded: str) -> argon2.Parameters:
    return argon2.extract_parameters(encoded.removeprefix("argon2"))


def test_new_passwords_use_owasps_parameters(settings):
    assert project_settings.PASSWORD_HASHERS[0] == OWASP
    settings.PASSWORD_HASHERS = [OWASP]
    made = parameters(make_password("climbie-demo-2003"))
    assert (made.memory_cost, made.time_cost, made.parallelism) == (19 * 1024, 2, 1)
    assert made.type is argon2.Type.ID


def test_the_demo_hash_has_the_same_parameters_and_checks(settings):
    settings.PASSWORD_HASHERS = [OWASP]
    assert check_password("climbie-demo-2003", DEMO_PASSWORD_HASH)
    assert not identify_hasher(DEMO_PASSWORD_HASH).must_update(DEMO_PASSWORD_HASH)


def test_a_hash_with_djangos_defaults_is_rehashed_at_the_next_sign_in(client, council_a, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    officer = factories.officer_a(council_a)
    assert parameters(officer.password).memory_cost == 102400
    settings.PASSWORD_HASHERS = [OWASP]
    response = client.post(
        reverse("login"), {"username": officer.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert parameters(officer.password).memory_cost == 19 * 1024
