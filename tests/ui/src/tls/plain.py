# Connects in clear text: redis-py's default.
import redis

client = redis.Redis(host="localhost", port=6379, socket_timeout=5)


def handler(event, context):
    return client.ping()
