"""An HTTP proxy that records every request it is asked to make, and makes none.

A browser given ``--proxy-server=http://127.0.0.1:PORT`` sends it every request that
is not to this machine: plain ones as ``GET http://host/path``, encrypted ones as
``CONNECT host:443``. The proxy notes the request line, answers 403 and closes, so
the tests see exactly what a browser tried to reach, with nothing leaving.
"""

from __future__ import annotations

import socketserver
import threading

REFUSAL = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(4096).decode("latin-1").strip()
        if line:
            self.server.seen.append(line)
        self.wfile.write(REFUSAL)


class RecordingProxy(socketserver.ThreadingTCPServer):
    """``with RecordingProxy() as proxy:`` … ``proxy.url`` to hand over, ``proxy.seen`` after."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.shutdown()
        self.server_close()
