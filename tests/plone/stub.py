"""A loopback HTTP server that answers like the recorded Plone (tests/imports/data/plone).

The recorded answers come from the real Plone 6.2 built by setup_plone.sh, with its
address replaced by ``http://plone.test``; the stub serves them with its own address.
It checks the credentials, pages ``@search`` by ``b_start``/``b_size`` and can be told
to fail: a status for a path, a time-out, malformed JSON, a broken batch.
"""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parent.parent / "imports" / "data" / "plone"
RECORDED_ORIGIN = "http://plone.test"
USER, PASSWORD, TOKEN = "importer", "stub-secret", "stub-jwt-token"


def _png():
    """A 1×1 PNG, served for every image download."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1, 1), (0, 102, 153)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def recorded_items():
    """Every recorded object, in path order, as the recording has them."""
    items = []
    for path in sorted(DATA.glob("search_full_*.json"), key=lambda p: int(p.stem.rsplit("_")[-1])):
        items.extend(json.loads(path.read_text(encoding="utf-8"))["items"])
    return items


class RecordedPlone:
    """Serve the recording on 127.0.0.1; ``url`` is the site's root."""

    def __init__(self):
        self.requests = []
        #: path → HTTP status to answer instead (e.g. ``{"/Plone/@site": 401}``).
        self.status = {}
        #: paths whose answer is not JSON.
        self.malformed = set()
        #: paths answered only after this many seconds.
        self.slow = {}
        #: path → how many times to answer 503 before answering normally.
        self.flaky = {}
        #: fullobjects batches (by b_start) that answer 500, as a broken object makes them.
        self.broken_batches = set()
        self.items = recorded_items()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                stub.handle(self)

            def do_POST(self):
                stub.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = self.origin + "/Plone"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- answers ------------------------------------------------------------------

    def _localise(self, data):
        return json.loads(json.dumps(data).replace(RECORDED_ORIGIN, self.origin))

    def _send(self, handler, status, body=b"", content_type="application/json"):
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _authorised(self, header):
        basic = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        return header in (basic, f"Bearer {TOKEN}")

    def handle(self, handler):
        parts = urlsplit(handler.path)
        path, query = parts.path, parse_qs(parts.query)
        auth = handler.headers.get("Authorization")
        self.requests.append(
            {"method": handler.command, "path": path, "query": query, "auth": auth}
        )
        if path in self.slow:
            time.sleep(self.slow[path])
        if self.flaky.get(path):
            self.flaky[path] -= 1
            return self._send(handler, 503, {"type": "ServiceUnavailable"})
        if path in self.status:
            return self._send(handler, self.status[path], {"type": "Error", "message": "stub"})
        if path in self.malformed:
            return self._send(handler, 200, b"<html>not json", "text/html")
        if path == "/Plone/@login" and handler.command == "POST":
            length = int(handler.headers.get("Content-Length") or 0)
            body = json.loads(handler.rfile.read(length) or b"{}")
            if body == {"login": USER, "password": PASSWORD}:
                return self._send(handler, 200, {"token": TOKEN})
            return self._send(handler, 401, {"type": "Unauthorized"})
        if not self._authorised(auth):
            return self._send(handler, 401, {"type": "Unauthorized"})
        if path == "/Plone/@site":
            site = json.loads((DATA / "site.json").read_text(encoding="utf-8"))
            return self._send(handler, 200, self._localise(site))
        if path == "/Plone/@search":
            return self._search(handler, query)
        if "/@@images/" in path or path.endswith("/@@download/file"):
            return self._send(handler, 200, PNG, "image/png")
        for item in self.items:
            if urlsplit(item["@id"]).path == path:
                return self._send(handler, 200, self._localise(item))
        return self._send(handler, 404, {"type": "NotFound"})

    def _search(self, handler, query):
        start = int(query.get("b_start", ["0"])[0])
        size = int(query.get("b_size", ["25"])[0])
        items = self.items
        if "path.query" in query:
            prefix = query["path.query"][0]
            items = [
                i
                for i in items
                if urlsplit(i["@id"]).path == prefix
                or urlsplit(i["@id"]).path.startswith(prefix + "/")
            ]
        batch = items[start : start + size]
        full = query.get("fullobjects") == ["1"]
        if full and start in self.broken_batches:
            return self._send(handler, 500, {"type": "InternalServerError"})
        if not full:
            keys = ("@id", "@type", "description", "review_state", "title", "type_title")
            batch = [{k: i.get(k) for k in keys} for i in batch]
        return self._send(handler, 200, self._localise({"items": batch, "items_total": len(items)}))
