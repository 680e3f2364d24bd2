"""A web server on the loopback address serving the cases `reader add` meets: the
only web the tests reach. Pages are the tests' own."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Quay wall repaired | Harbour News</title>"
    "<meta property='og:title' content='Quay wall repaired two months early'>"
    "<meta property='article:published_time' content='2025-03-12T09:00:00+00:00'>"
    "<link rel='canonical' href='https://harbour.example/quay-wall'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Quay wall repaired two months early</h1><p class='byline'>By Rhea Lind</p>"
    "<p>Workers finished the repairs to the old quay wall this week, two months earlier than the council had planned.</p>"
    "<p>The wall was damaged in the January storms, when waves lifted several of its granite blocks out of place.</p>"
    "<p>Fishing boats can moor along the whole quay again from Monday, the harbour master said on Thursday.</p>"
    "</article><footer>© Harbour News</footer></body></html>"
)
NO_ARTICLE = "<html><head><title>Gallery</title></head><body><img src='a.jpg'><img src='b.jpg'></body></html>"
LATIN = (
    "<html><head><title>Caf\xe9</title></head><body><h1>Le caf\xe9 du port rouvre ses portes</h1>"
    + "<p>Le caf\xe9 du port a rouvert samedi apr\xe8s trois mois de travaux, au grand plaisir des p\xeacheurs.</p>"
    * 3
    + "</body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    timeout = 5

    def log_message(self, *args: object) -> None:  # quiet tests
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE.encode())
        elif path == "/moved":
            self._send(301, b"", Location="/article")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/gzip":
            self._send(200, gzip.compress(ARTICLE.encode()), Content_Encoding="gzip")
        elif path == "/latin":
            self._send(200, LATIN.encode("latin-1"), "text/html; charset=iso-8859-1")
        elif path == "/gallery":
            self._send(200, NO_ARTICLE.encode())
        elif path == "/gone":
            self._send(410, b"<html>gone</html>")
        elif path == "/broken":
            self._send(503, b"<html>down</html>")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7 not a page", "application/pdf")
        elif path == "/huge":
            self._send(200, b"<html><body>" + b"x" * 200_000 + b"</body></html>")
        elif path == "/huge-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: read until closed
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            self.close_connection = True
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE.encode())
        elif path == "/empty":
            self._send(200, b"   ")
        else:
            self._send(404, b"<html>not found</html>")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client that hangs up early (a page over the size limit, a
        timeout) is one of the cases served."""


@contextmanager
def web_server() -> Iterator[str]:
    """A server on 127.0.0.1 for the block's duration; yields its base address."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
