def run(event, context):
    return 1
