"""A cache outage never stops people working (issue 17, point 5): with the cache pointed at a
port where nothing listens, people sign in and read the pages that use the cache, and the
cache answers as if it were empty. Sessions and sign-in throttling are not in the cache."""

import socket

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from climbie_audit.cache import ForgivingRedisCache
from standards.models import Framework
from tests import factories
from tests.standards.helpers import submitted_return


def closed_port() -> int:
    """A port on this machine where nothing listens (bound for a moment, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_away(settings, monkeypatch):
    monkeypatch.setattr(ForgivingRedisCache, "_down_until", 0.0)
    settings.CACHES = {
        "default": {
            "BACKEND": "climbie_audit.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


def test_sessions_and_throttling_do_not_live_in_the_cache():
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert getattr(
        django_settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler"
    ) == ("axes.handlers.database.AxesDatabaseHandler")


def test_the_cache_answers_as_empty_when_redis_is_away(redis_away):
    cache.set("figure", 42)
    assert cache.get("figure") is None
    assert cache.get("figure", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.add("figure", 1) is False
    cache.delete("figure")
    cache.clear()


def test_people_sign_in_and_work_while_redis_is_away(
    redis_away, client, council_a, officer, director, inspector
):
    submitted_return(council_a, Framework.objects.current(), officer, director)
    signed_in = client.post(
        reverse("login"), {"username": inspector.username, "password": factories.PASSWORD}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")
    # The national overview keeps submitted returns' figures in the cache.
    overview = client.get(reverse("national:overview"))
    assert overview.status_code == 200 and council_a.name in overview.content.decode()
    assert client.get(reverse("ping")).status_code == 200
