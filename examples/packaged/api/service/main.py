"""Counts visits in the cache: the handler Lambda calls is `service.main.handler`."""

import os

from service.store import connect

# Read at import: a missing variable fails the function's first invocation.
HOST = os.environ["CACHE_HOST"]
PORT = int(os.environ["CACHE_PORT"])


def handler(event, context):
    client = connect(HOST, PORT)
    visits = client.incr("visits")
    return {"statusCode": 200, "body": f"visit {visits}"}
