"""A Redis cache that is only an optimisation: when Redis is away, every call answers as if the
cache were empty (and writes go nowhere), so people keep working (issue 17, point 5).

What the cache holds can always be worked out again (docs/decisions/0003), and nothing else
lives there: sessions and sign-in throttling are in the database. Like django-redis's
IGNORE_EXCEPTIONS, for Django's own RedisCache. After a failure the cache is skipped for a few
seconds, so that a Redis that times out does not add its timeout to every request.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")
# How long to leave Redis alone after it failed, before trying it again.
RETRY_AFTER_SECONDS = 5.0


class ForgivingRedisCache(RedisCache):
    _down_until = 0.0

    def _safely(self, call: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call()
        except (RedisError, OSError) as error:
            # Class-wide: every cache object in this process stops asking for a while.
            ForgivingRedisCache._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning("The cache is unavailable; carrying on without it: %s", error)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._safely(
            lambda: super(ForgivingRedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._safely(lambda: super(ForgivingRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._safely(lambda: super(ForgivingRedisCache, self).has_key(key, version), False)

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._safely(
            lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), False
        )

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._safely(
            lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), None
        )

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        keys_not_set: list[Any] = list(data)
        return self._safely(
            lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version), keys_not_set
        )

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._safely(
            lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._safely(lambda: super(ForgivingRedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._safely(lambda: super(ForgivingRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._safely(lambda: super(ForgivingRedisCache, self).clear(), None)
