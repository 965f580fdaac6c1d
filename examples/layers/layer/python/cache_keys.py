"""Key naming shared by the functions of this stack: shipped as a layer from a folder."""

PREFIX = "layers-example"


def key(*parts):
    """The cache key for parts, under the stack's prefix: key("user", 42) is "layers-example:user:42"."""
    return ":".join([PREFIX, *(str(p) for p in parts)])
