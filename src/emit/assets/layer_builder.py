"""Builds a Lambda layer at deploy time: a CloudFormation custom resource emitted by cachec.

On Create and Update it reads the pip requirements from an SSM parameter (requirements-file lines),
installs them with `pip install -r` under python/, zips that folder and uploads it to the bucket and key the AWS::Lambda::LayerVersion reads.
On Delete it removes the object it uploaded. It always answers CloudFormation, also on failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import boto3
import cfnresponse


def build(requirements, bucket, key):
    work = tempfile.mkdtemp()
    try:
        target = os.path.join(work, "python")
        # A requirements file, so pip reads its options (--hash, --index-url, ...) as written.
        listed = os.path.join(work, "requirements.txt")
        with open(listed, "w") as f:
            f.write("\n".join(requirements) + "\n")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-cache-dir", "--target", target,
             "-r", listed],
            check=True,
        )
        archive = os.path.join(work, "layer.zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for root, _, files in os.walk(target):
                for name in sorted(files):
                    path = os.path.join(root, name)
                    zf.write(path, os.path.relpath(path, work))
        boto3.client("s3").upload_file(archive, bucket, key)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove(physical_id):
    """Deletes the zip an earlier Create uploaded. Best effort: the layer version keeps its own
    copy, and a bucket emptied or removed by hand must not leave the stack unable to delete."""
    old_bucket, _, old_key = physical_id[len("s3://"):].partition("/")
    if not (old_bucket and old_key):
        return
    try:
        boto3.client("s3").delete_object(Bucket=old_bucket, Key=old_key)
    except Exception as error:
        print("could not remove {}: {!r}".format(physical_id, error))


def handler(event, context):
    props = event.get("ResourceProperties", {})
    bucket = props.get("Bucket", "")
    key = props.get("Key", "")
    physical_id = event.get("PhysicalResourceId") or "s3://{}/{}".format(bucket, key)
    try:
        if event["RequestType"] == "Delete":
            # An id this code did not make (a build that never answered): nothing of ours to
            # remove, and the rollback must not fail on it.
            if physical_id.startswith("s3://"):
                remove(physical_id)
        else:
            parameter = boto3.client("ssm").get_parameter(Name=props["ParameterName"])
            requirements = [r.strip() for r in parameter["Parameter"]["Value"].splitlines() if r.strip()]
            build(requirements, bucket, key)
            physical_id = "s3://{}/{}".format(bucket, key)
        cfnresponse.send(
            event, context, cfnresponse.SUCCESS, {"Bucket": bucket, "Key": key}, physical_id
        )
    except Exception as error:  # CloudFormation waits an hour for an answer that never comes
        print("layer build failed: {!r}".format(error))
        cfnresponse.send(
            event, context, cfnresponse.FAILED, {}, physical_id, reason=str(error)[:200]
        )
