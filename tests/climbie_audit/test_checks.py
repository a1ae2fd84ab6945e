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
