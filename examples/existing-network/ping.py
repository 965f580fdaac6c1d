"""Sends PING to the primary over TLS and returns the reply: a check that the network admits the function."""
import os
import socket
import ssl

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def handler(event, context):
    with socket.create_connection((HOST, PORT), timeout=5) as raw:
        with ssl.create_default_context().wrap_socket(raw, server_hostname=HOST) as tls:
            tls.sendall(b"PING\r\n")
            return {"reply": tls.recv(64).decode().strip()}
