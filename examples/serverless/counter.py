"""Counts visits in a serverless Valkey cache: TLS is always on, and the cache speaks the
cluster protocol, so a cluster client finds the slot of every key."""
import json
import os

from redis.cluster import RedisCluster

HOST = os.environ["CACHE_HOST"]
PORT = int(os.environ["CACHE_PORT"])


def lambda_handler(event, context):
    cache = RedisCluster(host=HOST, port=PORT, ssl=True, socket_timeout=3)
    visits = cache.incr("visits")
    return {"statusCode": 200, "body": json.dumps({"visits": visits})}
