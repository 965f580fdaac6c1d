"""Runs cachec's layer builder (the custom resource code taken from an emitted template) under
moto's S3 and SSM mocks, with a stand-in cfnresponse that records each answer.

Usage: layer_builder.py BUILDER_PY FACTS_JSON, where FACTS_JSON holds what the template says:
  {"parameter": {"Name": ..., "Value": ...}, "properties": {...Custom::LayerBuild properties,
   resolved as CloudFormation would...}}
Asserts as it goes (exit 1 on the first failure) and prints a JSON summary of the answers.
"""
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import types
import zipfile

os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="ap-northeast-1",
)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

ANSWERS = []


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    """The signature and body of AWS's cfnresponse.send, recording instead of PUTting."""
    ANSWERS.append(
        {
            "Status": responseStatus,
            "Reason": reason or "See the details in CloudWatch Log Stream: " + context.log_stream_name,
            "PhysicalResourceId": physicalResourceId or context.log_stream_name,
            "StackId": event["StackId"],
            "RequestId": event["RequestId"],
            "LogicalResourceId": event["LogicalResourceId"],
            "NoEcho": noEcho,
            "Data": responseData,
        }
    )


def install_cfnresponse():
    module = types.ModuleType("cfnresponse")
    module.SUCCESS, module.FAILED, module.send = "SUCCESS", "FAILED", send
    sys.modules["cfnresponse"] = module


def load_builder(path):
    spec = importlib.util.spec_from_file_location("index", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Context:
    log_stream_name = "2026/11/26/[$LATEST]stream"

    def get_remaining_time_in_millis(self):
        return 600000


def event(request, properties, physical_id=None):
    e = {
        "RequestType": request,
        "ResponseURL": "https://cloudformation-custom-resource-response.example/answer",
        "StackId": "arn:aws:cloudformation:ap-northeast-1:123456789012:stack/t/1",
        "RequestId": "request-" + request,
        "ResourceType": "Custom::LayerBuild",
        "LogicalResourceId": "Build",
        "ResourceProperties": dict(properties, ServiceToken="arn:aws:lambda:ap-northeast-1:123456789012:function:b"),
    }
    if physical_id is not None:
        e["PhysicalResourceId"] = physical_id
    return e


def answer(builder, request, properties, physical_id=None):
    before = len(ANSWERS)
    builder.handler(event(request, properties, physical_id), Context())
    assert len(ANSWERS) == before + 1, "{}: answered {} times".format(request, len(ANSWERS) - before)
    return ANSWERS[-1]


def check_layer_zip(body):
    """Every entry sits under python/, and the packages import from there alone."""
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        names = zf.namelist()
        assert names, "the layer zip is empty"
        outside = [n for n in names if not n.startswith("python/")]
        assert not outside, "entries outside python/: {}".format(outside[:5])
        root = tempfile.mkdtemp()
        zf.extractall(root)
    # -I -S: no site-packages, so redis can only come from the layer's python/ folder.
    probe = subprocess.run(
        [sys.executable, "-I", "-S", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import redis; print(redis.__file__)",
         os.path.join(root, "python")],
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, "import redis from the layer failed: " + probe.stderr
    assert probe.stdout.startswith(os.path.join(root, "python")), probe.stdout
    return len(names)


def main():
    builder_path, facts = sys.argv[1], json.loads(sys.argv[2])
    props = facts["properties"]
    bucket, key = props["Bucket"], props["Key"]
    install_cfnresponse()
    summary = {}
    with mock_aws():
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
        boto3.client("ssm").put_parameter(Type="String", **facts["parameter"])
        builder = load_builder(builder_path)

        created = answer(builder, "Create", props)
        assert created["Status"] == "SUCCESS", created
        assert created["Data"] == {"Bucket": bucket, "Key": key}, created
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        summary["create"] = created
        summary["entries"] = check_layer_zip(body)

        deleted = answer(builder, "Delete", props, created["PhysicalResourceId"])
        assert deleted["Status"] == "SUCCESS", deleted
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        assert not listed, "the zip is still there after Delete: {}".format(listed)
        summary["delete"] = deleted

        missing = dict(props, ParameterName=facts["parameter"]["Name"] + "-missing")
        failed = answer(builder, "Create", missing)
        assert failed["Status"] == "FAILED", failed
        assert "ParameterNotFound" in failed["Reason"], failed
        summary["failure"] = failed

        # A stack whose Create failed is rolled back: the Delete that follows must still answer.
        rolled_back = answer(builder, "Delete", missing, failed["PhysicalResourceId"])
        assert rolled_back["Status"] == "SUCCESS", rolled_back
        summary["rollback"] = rolled_back

        # A build that never answered has an id not of its making (cfnresponse's default is the
        # log stream's name); deleting it must remove nothing and still succeed.
        timed_out = answer(builder, "Delete", props, Context.log_stream_name)
        assert timed_out["Status"] == "SUCCESS", timed_out
        summary["timed_out"] = timed_out
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
