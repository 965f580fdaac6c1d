"""Reads a session through the reader endpoint (spread over the replicas) over TLS."""
import json
import os

import redis

READER = os.environ["READER_ADDRESS"]
PORT = int(os.environ["CACHE_PORT"])

# Transit encryption is on: the nodes accept TLS connections only.
client = redis.Redis(host=READER, port=PORT, ssl=True, socket_timeout=5)


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    session = params.get("session", "demo")
    value = client.get(f"session:{session}")
    return {
        "statusCode": 200 if value is not None else 404,
        "headers": {"content-type": "application/json"},
        "body": value.decode() if value is not None else json.dumps({"missing": session}),
    }
