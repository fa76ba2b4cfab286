"""The cache backend: Redis, falling back to a local in-memory cache while Redis cannot be reached.

Sign-in rate limits, allauth's codes and page caching live in the cache; with plain RedisCache a Redis outage turns
every one of those requests into an error page. This backend logs a warning and serves from a local in-memory
cache instead (so during an outage rate limits count per process, and cached values are per process), tries Redis
again after RETRY_SECONDS, and goes back to it once it answers. `/health/` asks Redis itself (`is_reachable`), so it
still reports the outage.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Shared by the per-thread instances of a process: until when (monotonic seconds) each server counts as down.
_down_until: dict[str, float] = {}


class FallbackRedisCache(RedisCache):
    # After a failure, Redis is not tried again for this many seconds, so an outage costs one refused connection
    # per process every few seconds rather than one per cache call.
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._server_name = server if isinstance(server, str) else ",".join(server)
        local = {key: value for key, value in params.items() if key in {"TIMEOUT", "KEY_PREFIX", "VERSION"}}
        local["OPTIONS"] = {"MAX_ENTRIES": 10000}
        self._local = LocMemCache(f"redis-fallback:{self._server_name}", local)

    def is_reachable(self) -> bool:
        """Whether Redis itself answers now (for the health check; never the local fallback)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNREACHABLE:
            return False

    def _call(self, name: str, *args, **kwargs):
        if time.monotonic() < _down_until.get(self._server_name, 0.0):
            return getattr(self._local, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            was_up = self._server_name not in _down_until
            _down_until[self._server_name] = time.monotonic() + self.RETRY_SECONDS
            if was_up:
                logger.warning(
                    "cache: Redis cannot be reached (%s); using a local in-memory cache until it answers, "
                    "so rate limits now count per process",
                    error,
                )
            return getattr(self._local, name)(*args, **kwargs)
        if _down_until.pop(self._server_name, None) is not None:
            logger.warning("cache: Redis answers again; the local in-memory cache is no longer used")
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def clear(self):
        """Delete this cache's own keys only: Redis's FLUSHDB would also empty every other deployment (or test
        process) sharing the database. Without a key prefix the whole database is this cache's."""
        self._local.clear()
        if not self.key_prefix:
            return self._call("clear")
        if time.monotonic() < _down_until.get(self._server_name, 0.0):
            return True
        try:
            client = self._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
        except UNREACHABLE as error:
            _down_until[self._server_name] = time.monotonic() + self.RETRY_SECONDS
            logger.warning("cache: Redis cannot be reached (%s); only the local in-memory cache was cleared", error)
        return True
