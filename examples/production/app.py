"""Stores a session on the primary over TLS and waits until both replicas have it."""
import json
import os
import time

import boto3
import redis

PRIMARY = os.environ["PRIMARY_ADDRESS"]
PORT = int(os.environ["CACHE_PORT"])
USER = os.environ["CACHE_USER"]

# The `default` user is off: connect as the RBAC user, with the password kept in Secrets Manager
# (read once per execution environment, through the VPC endpoint).
secrets = boto3.client("secretsmanager")
PASSWORD = secrets.get_secret_value(SecretId=os.environ["CACHE_PASSWORD_SECRET"])["SecretString"]

# Transit encryption is on: the nodes accept TLS connections only.
client = redis.Redis(
    host=PRIMARY,
    port=PORT,
    username=USER,
    password=PASSWORD,
    ssl=True,
    socket_timeout=5,
)


def handler(event, context):
    session = event.get("session", "demo")
    value = json.dumps({"user": event.get("user", "anonymous"), "at": int(time.time())})
    client.set(f"session:{session}", value, ex=3600)
    replicas = client.wait(2, 1000)
    return {"session": session, "replicas_acknowledged": replicas}
