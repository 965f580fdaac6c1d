import os

from redis.cluster import RedisCluster


def lambda_handler(event, context):
    cache = RedisCluster(host=os.environ.get("CACHE_HOST", "localhost"), port=6379, ssl=True)
    return {"statusCode": 200, "body": str(cache.incr("n"))}
