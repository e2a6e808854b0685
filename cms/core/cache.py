"""Django's Redis cache backend, with one Redis client per connection pool and process."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, building each ``redis.Redis`` client only once.

    Django builds a new client, with its table of response callbacks, for every cache
    call; on a 304 answered from the cache alone that was about a fifth of the time.
    A client is safe to share between threads: its connections come from the pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """The client of the pool that serves ``key`` (reads or writes)."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``ReusedRedisCacheClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
