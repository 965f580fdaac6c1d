"""Writes a key on the primary, reads it back from the primary and from the reader endpoint."""
import json
import os

import redis

PRIMARY = os.environ.get("PRIMARY_ENDPOINT_ADDRESS", "")
READER = os.environ.get("READER_ENDPOINT_ADDRESS", "")
PORT = int(os.environ.get("REDIS_PORT", "6379"))


def lambda_handler(event, context):
    primary = redis.Redis(host=PRIMARY, port=PORT, ssl=True, socket_timeout=5)
    reader = redis.Redis(host=READER, port=PORT, ssl=True, socket_timeout=5)
    primary.set("hogehoge", "fugafuga")
    primary.wait(1, 1000)
    return {
        "statusCode": 200,
        "body": json.dumps(
            {
                "primary_redis": primary.get("hogehoge").decode(),
                "reader_redis": reader.get("hogehoge").decode(),
            }
        ),
    }
