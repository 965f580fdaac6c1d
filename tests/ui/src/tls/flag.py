# Whether it uses TLS is decided at run time: never reported.
import os

import redis

client = redis.Redis(host="localhost", ssl=os.environ.get("TLS") == "1")


def handler(event, context):
    return client.ping()
