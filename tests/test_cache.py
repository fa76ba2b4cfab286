"""The cache falls back to local memory while Redis cannot be reached, and goes back to Redis once it answers."""

import logging
import os

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

import config.cache
from config.cache import FallbackRedisCache
from tests.conftest import require_services


@pytest.fixture(autouse=True)
def fresh_outage_state():
    config.cache._down_until.clear()
    yield
    config.cache._down_until.clear()


def test_a_closed_port_is_served_from_local_memory_and_logged_once(caplog):
    cache = FallbackRedisCache("redis://127.0.0.1:1/0", {"KEY_PREFIX": "closed"})
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        cache.set("attempts", 1)
        assert cache.incr("attempts") == 2
        assert cache.get("attempts") == 2
        assert cache.add("attempts", 5) is False
    assert caplog.text.count("cache: Redis cannot be reached") == 1
    assert cache.is_reachable() is False


def test_the_cache_goes_back_to_redis_once_it_answers(monkeypatch, caplog):
    require_services(redis=True)
    cache = FallbackRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"fallback-test-{os.getpid()}"})
    cache.delete("value")
    client = cache._cache

    def refuse(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(client, "get_client", refuse)
    cache.set("value", "local")
    assert cache.get("value") == "local"
    monkeypatch.undo()
    config.cache._down_until[cache._server_name] = 0.0  # the retry time has come
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert cache.get("value") is None  # Redis again: the local value was never written there
    assert "cache: Redis answers again" in caplog.text
    cache.set("value", "redis")
    assert cache.get("value") == "redis"
    assert cache.is_reachable() is True
    cache.delete("value")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_clearing_the_cache_leaves_other_prefixes_alone():
    mine = FallbackRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "clear-test-mine"})
    theirs = FallbackRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "clear-test-theirs"})
    mine.set("k", 1)
    theirs.set("k", 2)
    mine.clear()
    assert (mine.get("k"), theirs.get("k")) == (None, 2)
    theirs.clear()
    assert theirs.get("k") is None
