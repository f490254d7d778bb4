"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Redis is never a source of truth here: it holds page chrome (home/chrome.py), copies of
sessions (`cached_db`, whose rows live in PostgreSQL) and other rebuildable data. Django's
own RedisCache raises on a connection error, which would turn a Redis outage into 500s on
every page. This backend instead treats an unreachable Redis as a cache miss: `get` returns
the default, writes do nothing, `add` and `delete` say False, `incr` raises ValueError as for
a missing key.

- Short socket timeouts and one immediate retry (OPTIONS may override them), so a dead
  Redis costs milliseconds and a restarted one reconnects at once.
- After a failure the process does not try Redis again for RETRY_AFTER seconds, so a Redis
  that times out instead of refusing costs one timeout per few seconds, not one per call.
- One warning when an outage starts and at most one a minute while it lasts; one when it
  ends.
- Writes and deletes dropped during an outage may leave stale entries behind if Redis kept
  its data (a network cut rather than a restart): a logged-out session, an old chrome
  version. So when Redis answers again after dropping writes, this process removes every
  key under this cache's KEY_PREFIX before going on.

Only connection errors and timeouts are absorbed; any other Redis error (a wrong type, a
full memory) still raises, because that is a bug or a configuration problem to see.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("coopsite.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# One immediate retry: after Redis restarts, the first use of each pooled connection fails
# and the retry reconnects, so a restart is not taken for an outage.
DEFAULT_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.5,
    "retry": Retry(NoBackoff(), 1),
}
RETRY_AFTER = 2.0  # seconds a process leaves Redis alone after a failure
WARN_EVERY = 60.0  # seconds between warnings while an outage lasts


class _Health:
    """What one process knows about one Redis server; shared by its threads (Django gives
    each thread its own cache object, so this lives outside it)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None  # monotonic time of the first failure of this outage
        self.retry_at = 0.0
        self.last_warning = None
        self.dropped_writes = False


_health = {}
_health_lock = threading.Lock()


def _health_for(location):
    with _health_lock:
        return _health.setdefault(location, _Health())


def _redacted(server):
    """host:port/db of a Redis URL, without any password."""
    parts = urlsplit(server)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}"


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client makes a new `redis.Redis` for every call, and each one sets up its
    table of about 170 response callbacks: a fifth of what a cached page costs. One client per
    connection pool serves every call (redis-py's clients are thread-safe: each command takes
    a connection from the pool)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._where = ",".join(_redacted(s) for s in self._servers)
        self._health = _health_for(self._where)

    # --- The outage bookkeeping ---------------------------------------------------------------

    def _skipping(self, write):
        health = self._health
        if health.down_since is None or time.monotonic() >= health.retry_at:
            return False
        if write:
            health.dropped_writes = True
        return True

    def _failed(self, error, write):
        health = self._health
        now = time.monotonic()
        with health.lock:
            health.retry_at = now + RETRY_AFTER
            if write:
                health.dropped_writes = True
            if health.down_since is None:
                health.down_since = now
                health.last_warning = now
                logger.warning(
                    "Redis cache at %s is unavailable (%s); serving without the cache.",
                    self._where,
                    error,
                )
            elif now - health.last_warning >= WARN_EVERY:
                health.last_warning = now
                logger.warning(
                    "Redis cache at %s still unavailable after %.0f s (%s).",
                    self._where,
                    now - health.down_since,
                    error,
                )

    def _recover(self):
        """First contact after an outage: empty the cache if writes were lost, then carry on.
        Raises like any Redis call when Redis is still away."""
        health = self._health
        if health.dropped_writes:
            self._forget_everything()
        with health.lock:
            if health.down_since is None:
                return
            seconds = time.monotonic() - health.down_since
            health.down_since = None
            health.dropped_writes = False
        logger.warning("Redis cache at %s is back after %.1f s.", self._where, seconds)

    def _forget_everything(self):
        """Remove this cache's keys: some writes or deletes were lost while Redis was away."""
        client = self._cache.get_client(None, write=True)
        if self.key_prefix:
            keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
        else:
            client.flushdb()
        logger.warning(
            "Redis cache at %s: writes were lost during the outage, %d keys removed.",
            self._where,
            len(keys) if self.key_prefix else -1,
        )

    def _call(self, write, fallback, operation, *args):
        if self._skipping(write):
            return fallback
        try:
            if self._health.down_since is not None:
                self._recover()
            return operation(*args)
        except UNAVAILABLE as error:
            self._failed(error, write)
            return fallback

    # --- The cache API ------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call(False, default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(False, {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(True, False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(True, None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Returns the keys that were not stored: all of them when Redis is away.
        return self._call(True, list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(True, False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(True, False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._call(True, None, super().delete_many, keys, version)

    def clear(self):
        return self._call(True, False, super().clear)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(True, missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result
