"""System checks for a production deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Pages cache markup and figures under generations that a change ends
    (climbie_audit/cache_generations.py). Several processes must share one cache to see each
    other's changes at once; with a per-process cache they can show figures up to five
    minutes old."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("locmem.LocMemCache"):
        return [
            checks.Warning(
                "The cache is local to each process.",
                hint="Set REDIS_URL (or CACHE_BACKEND=database) so that every app server and "
                "worker shares one cache: see docs/production.md.",
                id="climbie_audit.W001",
            )
        ]
    return []
