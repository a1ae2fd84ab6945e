"""`manage.py check --deploy` warns when each process would keep its own cache."""

from django.core import checks


def deploy_cache_warnings():
    return [
        message.id for message in checks.run_checks(include_deployment_checks=True, tags=["caches"])
    ]


def test_a_cache_local_to_each_process_is_warned_about(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "climbie_audit.W001" in deploy_cache_warnings()


def test_a_shared_cache_is_not(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    }
    assert "climbie_audit.W001" not in deploy_cache_warnings()


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
