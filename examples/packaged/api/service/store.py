"""The cache connection: TLS, since the replication group encrypts in transit."""

import redis


def connect(host, port):
    return redis.Redis(host=host, port=port, ssl=True, socket_timeout=2)
