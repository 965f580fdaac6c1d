import os

HOST = os.environ["CACHE_HOST"]
PORT = os.environ.get("CACHE_PORT", "6379")


def handler(event, context):
    return HOST
