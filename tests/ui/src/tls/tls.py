# Connects with TLS, over a URL.
import redis

client = redis.from_url("rediss://localhost:6379", socket_timeout=5)


def handler(event, context):
    return client.ping()
