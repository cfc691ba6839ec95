"""A TCP proxy in front of the test Dovecot that can look at and change what passes: count
commands, drop traffic, strip capabilities, cut the connection after a given server reply.
Used by the reliability and service tests and by the benchmark harness."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from followup.testing import free_port

Transform = Callable[[bytes, socket.socket, socket.socket], bytes | None]
"""Given data going one way (and both sockets), return what to send on, or None to stop."""


def _keep(data: bytes, source: socket.socket, sink: socket.socket) -> bytes | None:
    return data


class Proxy:
    def __init__(self, target: int, to_server: Transform = _keep, to_client: Transform = _keep) -> None:
        self.target, self.to_server, self.to_client = target, to_server, to_client
        self.port = free_port()
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, self.to_server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, self.to_client), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, transform: Transform) -> None:
        try:
            while data := source.recv(65536):
                changed = transform(data, source, sink)
                if changed is None:
                    return
                if changed:
                    sink.sendall(changed)
        except OSError:
            pass

    def close(self) -> None:
        self.server.close()
