"""Stores a session on the primary over TLS and waits until both replicas have it."""
import json
import os
import time

import redis

PRIMARY = os.environ.get("PRIMARY_ADDRESS", "")
PORT = int(os.environ.get("CACHE_PORT", "6379"))

# Transit encryption is on: the nodes accept TLS connections only.
client = redis.Redis(host=PRIMARY, port=PORT, ssl=True, socket_timeout=5)


def handler(event, context):
    session = event.get("session", "demo")
    value = json.dumps({"user": event.get("user", "anonymous"), "at": int(time.time())})
    client.set(f"session:{session}", value, ex=3600)
    replicas = client.wait(2, 1000)
    return {"session": session, "replicas_acknowledged": replicas}
