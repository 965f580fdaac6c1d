import os

from redis.cluster import RedisCluster


def lambda_handler(event, context):
    cache = RedisCluster(host=os.environ["CACHE_HOST"], port=6379, ssl=True)
    return {"statusCode": 200, "body": str(cache.incr("n"))}
