"""Counts invocations in the cache: writes go to the primary, reads to the reader endpoint."""
import json
import os

import redis

PORT = int(os.environ["CACHE_PORT"])
# The replication group has transit encryption on, so both connections use TLS.
PRIMARY = redis.Redis(host=os.environ["PRIMARY_ADDRESS"], port=PORT, ssl=True, socket_timeout=5)
READER = redis.Redis(host=os.environ["READER_ADDRESS"], port=PORT, ssl=True, socket_timeout=5)


def lambda_handler(event, context):
    count = PRIMARY.incr("invocations")
    PRIMARY.wait(1, 1000)
    seen = READER.get("invocations")
    return {
        "statusCode": 200,
        "body": json.dumps({"primary": count, "reader": int(seen or 0)}),
    }
