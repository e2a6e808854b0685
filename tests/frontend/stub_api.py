"""A stand-in for the CMS over HTTP, serving payloads recorded from the real API.

The frontend is tested against this server so that its tests do not depend on the
CMS's database: the public and intranet item endpoints (with ETags, 304s and
Cache-Control like the real ones), the form endpoints, search, subscriptions,
preview, and a small OIDC provider that checks PKCE. ``script`` queues one-off
answers for a path, so tests can make the API fail, vanish or withdraw an item.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

PAYLOADS = Path(__file__).parent / "payloads"
STAFF_TOKEN = "staff-token"
SCREEN_TOKEN = "enk_screen-token"
PREVIEW_TOKEN = "preview-token"
FORM_TOKEN = "form-token"
CONFIRM_TOKEN = "confirm-token"
#: A path the stub answers 410 Gone for (a withdrawn item).
GONE_PATH = "/nyheter/indragen-nyhet/"


#: The smallest valid PNG, served for every image rendition.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
_origin = {"url": ""}
#: What the print endpoints answer: a PDF's bytes, recognisable in a test.
PDF_BYTES = b"%PDF-1.7\n% Enkanal stub\n%%EOF\n"
PDF_MARK = object()
#: The year of the one INblick edition the intranet API lists.
EDITION_YEAR = 2026


def _load(name: str):
    text = (PAYLOADS / name).read_text(encoding="utf-8")
    return json.loads(text.replace("{{CMS}}", _origin["url"]))


class Corpus:
    """The recorded items, by surface."""

    def __init__(self):
        self.public_items = {}
        for file in sorted(PAYLOADS.glob("item_*.json")):
            item = _load(file.name)
            self.public_items[item["id"]] = item
        self.public_list = _load("list_sv.json")["items"] + _load("list_en.json")["items"]
        self.intranet_items = dict(self.public_items)
        for file in sorted(PAYLOADS.glob("intranet_item_*.json")):
            item = _load(file.name)
            self.intranet_items[item["id"]] = item
        self.intranet_list = _load("intranet_list_sv.json")["items"]


class StubApi:
    """The server; ``url`` is its origin, ``api_url`` what ``ENKANAL_API_URL`` expects."""

    def __init__(self):
        self.script: dict[str, list[tuple[int, dict, bytes]]] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.posts: list[tuple[str, dict]] = []
        self.down = False
        #: Important messages the API answers with (tests put banners here).
        self.banners: list[dict] = []
        #: Items the intranet reader has confirmed (must-read bulletins).
        self.confirmed: dict[int, str] = {}
        self.codes: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        _origin["url"] = self.url
        self.corpus = Corpus()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def reset(self):
        with self.lock:
            self.script.clear()
            self.requests.clear()
            self.posts.clear()
            self.down = False
            self.banners = []
            self.confirmed = {}

    def queue(self, path: str, status: int, body=None, headers=None):
        """Answer the next request for ``path`` (without query) with this, once."""
        raw = json.dumps(body if body is not None else {}).encode()
        with self.lock:
            self.script.setdefault(path, []).append((status, headers or {}, raw))

    def count(self, path: str) -> int:
        return sum(1 for _m, p, _h in self.requests if p == path)

    # Answers

    def answer(self, method, path, query, headers, body):
        """``(status, headers, body-object)`` for a request."""
        with self.lock:
            self.requests.append((method, path, dict(headers)))
            scripted = self.script.get(path)
            if scripted:
                status, extra, raw = scripted.pop(0)
                return status, extra, json.loads(raw or b"{}")
        if self.down:
            return 503, {}, {"detail": "down"}
        if path.startswith("/o/"):
            return self.oidc(method, path, query, body)
        for surface in ("public", "intranet"):
            prefix = f"/api/{surface}/v1/"
            if path.startswith(prefix):
                rest = path[len(prefix) :]
                if surface == "intranet":
                    auth = headers.get("Authorization", "")
                    if auth not in (f"Bearer {STAFF_TOKEN}", f"Bearer {SCREEN_TOKEN}"):
                        return 401, {}, {"detail": "Unauthorized"}
                return self.api(surface, method, rest, query, body)
        return 404, {}, {"detail": "Not found"}

    def api(self, surface, method, rest, query, body):
        corpus = self.corpus
        items = corpus.public_items if surface == "public" else corpus.intranet_items
        listing = corpus.public_list if surface == "public" else corpus.intranet_list
        cache = (
            {"Cache-Control": "public, max-age=60"}
            if surface == "public"
            else {"Cache-Control": "private, no-cache"}
        )
        first = {k: v[0] for k, v in query.items()}
        if method == "GET" and rest == "items":
            rows = [
                i
                for i in listing
                if (not query.get("type") or i["type"] in query["type"])
                and (not first.get("locale") or i["locale"] == first["locale"])
                and (
                    not query.get("topic") or {t["slug"] for t in i["topics"]} & set(query["topic"])
                )
            ]
            return 200, cache, self.page(rows, first)
        if method == "GET" and rest == "items/by-path":
            if first.get("path") == GONE_PATH:
                return 410, {}, {"detail": "Borttagen."}
            for item in items.values():
                if item["path"] == first.get("path"):
                    return 200, cache, self.with_confirmation(item)
            return 404, {}, {"detail": "Innehållet finns inte eller är inte publicerat här."}
        if method == "GET" and rest.endswith("/pdf"):
            return self.pdf(surface, rest, items)
        if method == "GET" and rest == "editions" and surface == "intranet":
            return 200, cache, {"editions": [self.edition_summary()]}
        if method == "GET" and rest == f"editions/{EDITION_YEAR}/1" and surface == "intranet":
            return (
                200,
                cache,
                {
                    **self.edition_summary(),
                    "foreword": "<p>Välkommen till årets första nummer.</p>",
                    "foreword_by": "Elin Sjöberg, redaktör",
                    "cover": None,
                    "items": corpus.intranet_list[:2],
                },
            )
        if method == "GET" and rest.startswith("editions"):
            return 404, {}, {"detail": "Utgåvan finns inte eller är inte publicerad."}
        if method == "GET" and rest.startswith("items/"):
            item = items.get(int(rest.split("/")[1]) if rest.split("/")[1].isdigit() else 0)
            if item is None:
                return 404, {}, {"detail": "Hittades inte."}
            return 200, cache, self.with_confirmation(item)
        if method == "GET" and rest in ("notice-board", "press-room", "notice-board/archive"):
            name = {"notice-board": "notice_board", "press-room": "press_room"}.get(rest, "archive")
            return 200, cache, _load(f"{name}_{first.get('locale') or 'sv'}.json")
        if method == "GET" and rest == "units":
            return 200, cache, _load("units.json")
        if method == "GET" and rest == "site":
            return 200, cache, _load("site.json")
        if method == "GET" and rest == "service-shortcuts":
            return 200, cache, _load("service_shortcuts.json")
        if method == "GET" and rest == "important-messages":
            brief = {"Cache-Control": "public, max-age=15"} if surface == "public" else cache
            shown = [b for b in self.banners if surface == "intranet" or not b.get("staff_only")]
            return 200, brief, shown
        if surface == "intranet" and method == "GET" and rest in ("must-read", "for-my-units"):
            rows = [i for i in listing if i["type"] == "staff_bulletin"]
            if rest == "for-my-units":  # the reader works in the units bulletins target
                rows = [i for i in rows if (items.get(i["id"]) or {}).get("bulletin", {}).get(
                    "target_units")]  # fmt: skip
            if rest == "must-read":
                rows = [
                    i
                    for i in rows
                    if (items.get(i["id"]) or {}).get("bulletin", {}).get("must_read")
                    and i["id"] not in self.confirmed
                ]
            return 200, cache, self.page(rows, first)
        if surface == "intranet" and method == "POST" and rest.endswith("/confirmation"):
            item_id = int(rest.split("/")[1])
            self.posts.append((rest, body))
            created = item_id not in self.confirmed
            self.confirmed.setdefault(item_id, "2026-11-26T10:00:00+01:00")
            return (201 if created else 200), {}, {
                "item_id": item_id, "confirmed_at": self.confirmed[item_id]
            }  # fmt: skip
        if method == "POST" and rest == "dialogue/tips":
            self.posts.append((rest, body))
            if not body.get("title", "").strip():
                return (
                    422,
                    {},
                    {
                        "detail": "Ogiltiga uppgifter.",
                        "errors": [
                            {
                                "loc": ["body", "payload", "title"],
                                "msg": "Får inte vara tomt.",
                                "type": "value_error",
                            }
                        ],
                    },
                )
            return 201, {}, {"id": 7, "title": body["title"], "state": "new",
                             "created_at": "2026-11-26T10:00:00+01:00"}  # fmt: skip
        if method == "GET" and rest == "topics":
            return 200, cache, _load("topics.json")
        if method == "GET" and rest == "preview":
            if first.get("token") != PREVIEW_TOKEN:
                return 403, {}, {"detail": "Ogiltig förhandsgranskning."}
            draft = dict(items[13], title="Utkast: ny förskola i Norrby")
            return 200, {"Cache-Control": "no-store, private", "X-Robots-Tag": "noindex"}, draft
        if method == "GET" and rest == "dialogue/feedback/token":
            return (
                200,
                {"Cache-Control": "no-store"},
                {
                    "token": FORM_TOKEN,
                    "min_fill_seconds": 0,
                    "max_age_seconds": 7200,
                },
            )
        if method == "POST" and rest == "dialogue/feedback":
            self.posts.append((rest, body))
            if body.get("token") != FORM_TOKEN:
                return 400, {}, {"detail": "Formuläret har gått ut. Ladda om sidan."}
            if not body.get("message", "").strip():
                return (
                    422,
                    {},
                    {
                        "detail": "Ogiltiga uppgifter.",
                        "errors": [
                            {
                                "loc": ["body", "payload", "message"],
                                "msg": "Får inte vara tomt.",
                                "type": "value_error",
                            }
                        ],
                    },
                )
            return 201, {}, {"id": 1, "category": body["category"], "state": "new",
                             "created_at": "2026-11-26T10:00:00+01:00",
                             "will_be_answered_by_email": bool(body.get("email"))}  # fmt: skip
        if method == "GET" and rest in ("search", "search/suggest"):
            words = first.get("q", "").lower()
            rows = [
                i
                for i in listing
                if words
                and words in (i["title"] + " " + i["summary"]).lower()
                and (not first.get("locale") or i["locale"] == first["locale"])
                and (not query.get("type") or i["type"] in query["type"])
            ]
            if rest == "search/suggest":
                hits = [{k: i[k] for k in ("id", "type", "title", "path")} for i in rows[:5]]
                return 200, cache, {"suggestions": hits}
            size, number = int(first.get("page_size", 10)), int(first.get("page", 1))
            chunk = rows[(number - 1) * size : number * size]
            hits = [
                {**{k: i[k] for k in ("id", "type", "title", "summary", "path", "locale")},
                 "released_at": i["released_at"], "score": 1.0, "promoted": False,
                 "snippet": i["summary"].replace(words, f"<mark>{words}</mark>", 1)}
                for i in chunk
            ]  # fmt: skip
            return 200, cache, {
                "query": first.get("q", ""), "total": len(rows), "page": number,
                "page_size": size, "has_next": number * size < len(rows),
                "corrected_query": "förskola" if words == "forskola" else None, "results": hits,
            }  # fmt: skip
        if method == "GET" and rest == "mail/topics":
            return (
                200,
                cache,
                [
                    {"slug": "trafik", "name": "Trafik", "name_en": "Traffic"},
                    {"slug": "kultur-och-fritid", "name": "Kultur och fritid", "name_en": ""},
                ],
            )
        if method == "POST" and rest == "mail/subscriptions":
            self.posts.append((rest, body))
            return 202, {}, {"detail": "Tack! Vi har skickat ett e-postmeddelande med en länk."}
        if method == "POST" and rest in ("mail/subscriptions/confirm", "mail/unsubscribe"):
            self.posts.append((rest, body))
            if body.get("token") != CONFIRM_TOKEN:
                return 400, {}, {"detail": "Länken är ogiltig.", "reason": "invalid"}
            return 200, {}, {"status": "confirmed", "detail": "OK"}
        if rest == "mail/preferences" and method in ("GET", "PUT"):
            token = first.get("token") if method == "GET" else body.get("token")
            if token != CONFIRM_TOKEN:
                return 400, {}, {"detail": "Länken är ogiltig.", "reason": "invalid"}
            if method == "PUT":
                self.posts.append((rest, body))
            return 200, {"Cache-Control": "no-store"}, {
                "email": "maja@example.org", "language": "sv", "frequency": "weekly",
                "topics": ["trafik"], "media": False,
            }  # fmt: skip
        return 404, {}, {"detail": "Not found"}

    def with_confirmation(self, item):
        """A bulletin as the intranet reader sees it: confirmed or not."""
        if not item.get("bulletin"):
            return item
        bulletin = {**item["bulletin"], "confirmed_at": self.confirmed.get(item["id"])}
        return {**item, "bulletin": bulletin}

    @staticmethod
    def edition_summary() -> dict:
        path = f"/inblick/{EDITION_YEAR}/1/"
        return {
            "id": 900,
            "number": 1,
            "year": EDITION_YEAR,
            "title": f"INblick nr 1 {EDITION_YEAR}",
            "issue_date": f"{EDITION_YEAR}-03-02",
            "path": path,
            "url": f"http://intranet.example{path}",
            "pdf_path": f"/editions/{EDITION_YEAR}/1/pdf",
            "item_count": 2,
        }

    def pdf(self, surface, rest, items):
        """An item's or an edition's PDF (``PDF_BYTES``), as the API's print endpoints."""
        parts = rest.split("/")
        found = (parts[0] == "items" and parts[1].isdigit() and int(parts[1]) in items) or (
            surface == "intranet" and rest == f"editions/{EDITION_YEAR}/1/pdf"
        )
        if not found:
            return 404, {}, {"detail": "Hittades inte."}
        return 200, {"Content-Disposition": 'inline; filename="utskrift.pdf"'}, PDF_MARK

    @staticmethod
    def page(rows, first):
        limit = int(first.get("limit", 20))
        offset = int(first.get("cursor", "0") or 0) if first.get("cursor", "0").isdigit() else 0
        chunk = rows[offset : offset + limit]
        more = offset + limit < len(rows)
        return {"items": chunk, "next_cursor": str(offset + limit) if more else None, "count": None}

    def oidc(self, method, path, query, body):
        first = {k: v[0] for k, v in query.items()}
        if path == "/o/.well-known/openid-configuration":
            return (
                200,
                {},
                {
                    "issuer": f"{self.url}/o",
                    "authorization_endpoint": f"{self.url}/o/authorize/",
                    "token_endpoint": f"{self.url}/o/token/",
                    "userinfo_endpoint": f"{self.url}/o/userinfo/",
                },
            )
        if path == "/o/authorize/":
            if first.get("code_challenge_method") != "S256" or not first.get("code_challenge"):
                return 400, {}, {"error": "invalid_request"}
            code = secrets.token_urlsafe(8)
            self.codes[code] = first
            target = f"{first['redirect_uri']}?{urlencode({'code': code, 'state': first['state']})}"
            return 302, {"Location": target}, {}
        if path == "/o/token/" and method == "POST":
            pending = self.codes.pop(body.get("code", ""), None)
            verifier = body.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if pending is None or challenge != pending["code_challenge"]:
                return 400, {}, {"error": "invalid_grant"}
            return (
                200,
                {},
                {"access_token": STAFF_TOKEN, "token_type": "Bearer", "expires_in": 3600},
            )
        if path == "/o/userinfo/":
            return 200, {}, {"name": "Maja Medarbetare", "preferred_username": "medarbetare"}
        return 404, {}, {"error": "not_found"}

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _serve(self, method):
                parts = urlsplit(self.path)
                if parts.path.startswith("/api/images/"):
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(PIXEL)))
                    self.end_headers()
                    self.wfile.write(PIXEL)
                    return
                query = parse_qs(parts.query)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                content_type = self.headers.get("Content-Type", "")
                if "json" in content_type:
                    body = json.loads(raw or b"{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                status, headers, data = stub.answer(method, parts.path, query, self.headers, body)
                if data is PDF_MARK:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/pdf")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(PDF_BYTES)))
                    self.end_headers()
                    self.wfile.write(PDF_BYTES)
                    return
                payload = json.dumps(data).encode()
                if (
                    status == 200
                    and method == "GET"
                    and "no-store" not in headers.get("Cache-Control", "")
                ):
                    etag = '"' + hashlib.sha256(payload).hexdigest()[:16] + '"'
                    headers = {**headers, "ETag": etag}
                    if self.headers.get("If-None-Match") == etag:
                        status, payload = 304, b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def do_PUT(self):
                self._serve("PUT")

        return Handler
