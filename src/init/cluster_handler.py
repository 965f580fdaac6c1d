"""Counts invocations per key in the cluster: each key lives on the shard its hash slot maps to."""
import json
import os

from redis.cluster import RedisCluster

# The configuration endpoint answers which shard holds which slots; the client then talks to each
# shard's primary directly. Transit encryption is on, so every connection uses TLS.
CLUSTER = RedisCluster(
    host=os.environ["CLUSTER_ADDRESS"],
    port=int(os.environ["CLUSTER_PORT"]),
    ssl=True,
    socket_timeout=5,
)


def lambda_handler(event, context):
    key = f"invocations:{event.get('user', 'anonymous')}"
    count = CLUSTER.incr(key)
    node = CLUSTER.get_node_from_key(key)
    return {
        "statusCode": 200,
        "body": json.dumps({"key": key, "count": count, "shard": f"{node.host}:{node.port}"}),
    }
