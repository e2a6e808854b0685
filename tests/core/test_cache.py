"""The Redis cache backend: one client per process, the same data as Django's own."""

import secrets

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from cms.core.cache import RedisCache

#: Redis runs wherever the tests run (make test, CI): its absence is a failure.
LOCATION = "redis://127.0.0.1:6379/15"


class TestRedisCache:
    def test_the_client_is_built_once(self):
        cache = RedisCache(LOCATION, {})
        assert cache._cache.get_client() is cache._cache.get_client()
        assert cache._cache.get_client(write=True) is cache._cache.get_client()

    def test_it_reads_what_djangos_backend_writes(self):
        redis.Redis.from_url(LOCATION, socket_connect_timeout=1).ping()
        key = f"enkanal-test-{secrets.token_hex(4)}"
        ours = RedisCache(LOCATION, {"KEY_PREFIX": "t"})
        django = DjangoRedisCache(LOCATION, {"KEY_PREFIX": "t"})
        django.set_many({key: ("a", 1)}, timeout=30)
        assert ours.get_many([key]) == {key: ("a", 1)}
        assert ours.add(key, "b", timeout=30) is False
        ours.delete(key)
        assert django.get(key) is None
