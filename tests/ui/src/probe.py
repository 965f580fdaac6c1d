"""Reads a key from the cache; used by the UI tests."""
import os


def lambda_handler(event, context):
    return {"host": os.environ.get("HOST", "")}


def helper(value):
    return value
