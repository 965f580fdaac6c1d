"""Stores a session on the primary over TLS, authenticated as the RBAC user `app`."""
import json
import os
import time

import redis

PRIMARY = os.environ["PRIMARY_ADDRESS"]
PORT = int(os.environ["CACHE_PORT"])
USER = os.environ["CACHE_USER"]
# The password lives in Secrets Manager; the function reads it at cold start.
PASSWORD = os.environ.get("CACHE_PASSWORD", "")

client = redis.Redis(
    host=PRIMARY, port=PORT, ssl=True, username=USER, password=PASSWORD, socket_timeout=5
)


def handler(event, context):
    session = event.get("session", "demo")
    value = json.dumps({"user": event.get("user", "anonymous"), "at": int(time.time())})
    client.set(f"app:session:{session}", value, ex=3600)
    return {"session": session}
