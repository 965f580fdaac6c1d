"""Calls a Lambda handler as the Python runtime would: the code folder on sys.path, the module
imported, the handler called with an empty event. Prints the JSON the handler returns.

Usage: invoke_handler.py CODE_DIR MODULE.FUNCTION (the environment is the function's).
"""
import importlib
import json
import sys


def main():
    code_dir, handler = sys.argv[1], sys.argv[2]
    module_name, _, function = handler.rpartition(".")
    sys.path.insert(0, code_dir)
    result = getattr(importlib.import_module(module_name), function)({}, None)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
