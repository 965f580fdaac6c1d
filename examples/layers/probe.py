"""Writes a key through the primary and reads it back, retrying while the cache warms up."""
import json
import os

import redis
from cache_keys import key
from tenacity import retry, stop_after_attempt, wait_fixed

PRIMARY = os.environ["PRIMARY_ENDPOINT_ADDRESS"]
PORT = int(os.environ["REDIS_PORT"])


@retry(stop=stop_after_attempt(3), wait=wait_fixed(1))
def round_trip():
    client = redis.Redis(host=PRIMARY, port=PORT, ssl=True, socket_timeout=5)
    client.set(key("probe"), "ok")
    return client.get(key("probe")).decode()


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"probe": round_trip()})}
