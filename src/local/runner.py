"""Calls a Lambda handler as the Python runtime does: the code folder first on sys.path, the
module imported, the handler called with the event and a context. The handler's own output goes
to stderr (its log); stdout gets only the JSON of what it returns.

Usage: runner.py CODE_DIR MODULE.FUNCTION EVENT_JSON TIMEOUT_SECONDS FUNCTION_NAME MEMORY_MB
"""
import importlib
import json
import signal
import sys
import time
import uuid


class Context:
    def __init__(self, name, memory, timeout):
        self.function_name = name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = memory
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = "/aws/lambda/" + name
        self.log_stream_name = "local"
        self.invoked_function_arn = "arn:aws:lambda:local:000000000000:function:" + name
        self._deadline = time.monotonic() + timeout

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def timed_out(signum, frame):
    raise TimeoutError("Task timed out")


def main():
    code_dir, handler, event, timeout, name, memory = sys.argv[1:7]
    module_name, _, function = handler.rpartition(".")
    sys.path.insert(0, code_dir)
    out = sys.stdout
    sys.stdout = sys.stderr
    module = importlib.import_module(module_name)
    context = Context(name, int(memory), int(timeout))
    signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(int(timeout))
    try:
        result = getattr(module, function)(json.loads(event), context)
    except TimeoutError:
        sys.stderr.write("Task timed out after %s seconds\n" % timeout)
        sys.exit(3)
    finally:
        signal.alarm(0)
    out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
