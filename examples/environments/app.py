"""Stores a session on the primary over TLS and reads it back."""
import json
import os
import time

import redis

PRIMARY = os.environ["PRIMARY_ADDRESS"]
PORT = int(os.environ["CACHE_PORT"])

# Transit encryption is on: the nodes accept TLS connections only.
client = redis.Redis(host=PRIMARY, port=PORT, ssl=True, socket_timeout=5)


def handler(event, context):
    session = event.get("session", "demo")
    value = json.dumps({"user": event.get("user", "anonymous"), "at": int(time.time())})
    client.set(f"session:{session}", value, ex=3600)
    return {"session": session, "stored": client.get(f"session:{session}") is not None}
