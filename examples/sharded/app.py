"""Writes products on every shard of the cluster and reads them back, through a cluster client."""
import json
import os

from redis.cluster import RedisCluster

ADDRESS = os.environ["CLUSTER_ADDRESS"]
PORT = int(os.environ["CLUSTER_PORT"])
# Transit encryption is on: the nodes accept TLS connections only.
TLS = os.environ.get("CLUSTER_TLS", "true") == "true"

# The configuration endpoint answers CLUSTER SLOTS; the client then talks to each shard's primary.
client = RedisCluster(host=ADDRESS, port=PORT, ssl=TLS, socket_timeout=5)


def handler(event, context):
    products = event.get("products", [f"product:{n}" for n in range(12)])
    for key in products:
        client.set(key, json.dumps({"key": key}))
    shards = {}
    for key in products:
        node = client.get_node_from_key(key)
        shards.setdefault(f"{node.host}:{node.port}", []).append(key)
    read = {key: json.loads(client.get(key))["key"] == key for key in products}
    return {
        "statusCode": 200,
        "body": json.dumps({"written": len(products), "read": read, "shards": shards}),
    }
