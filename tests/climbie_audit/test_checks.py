"""`manage.py check --deploy` warns when people could sign in with one factor or cookies lack __Host-."""

from django.core import checks


def security_warnings():
    return [
        message.id
        for message in checks.run_checks(include_deployment_checks=True, tags=["security"])
        if message.id.startswith("climbie_audit.")
    ]


def test_a_deployment_without_second_factors_or_host_cookies_is_warned_about(settings):
    settings.REQUIRE_TWO_FACTOR = False
    assert {"climbie_audit.W002", "climbie_audit.W003"} <= set(security_warnings())


def test_the_production_settings_are_not(settings):
    settings.REQUIRE_TWO_FACTOR = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    assert security_warnings() == []
