#!/usr/bin/env python3
"""A small NGSI-LD broker stand-in for the City OS link tests (python3 standard library only).

Serves the recorded entities in tests/data/ngsi_ld/broker/ through the NGSI-LD API as
ETSI GS CIM 009 describes it: GET /ngsi-ld/v1/entities and /ngsi-ld/v1/temporal/entities
with type, limit/offset paging and count=true (NGSILD-Results-Count), errors as
ProblemDetails, POST /ngsi-ld/v1/entityOperations/upsert. Behaviour by NGSILD-Tenant:
  (none)    normal
  auth      401 unless "Authorization: Bearer secret-token"
  flaky     the first request answers 503 (Retry-After: 0), then normal
  broken    400 BadRequestData
  drop      pages after the first: the connection is dropped mid-body, every time
  partial   upsert answers 207 with one failed entity
  range     the temporal API answers 206 Partial Content with the same Content-Range whatever
            is asked (a broker whose ranges do not advance)
  range2, range3
            crowd_device20.json filtered as for device20, cut at 4 (range2) or 3 (range3)
            instances per attribute: 206 Partial Content with "Content-Range: date-time
            START-END/SIZE" (NGSI-LD 1.5.1 6.3.10), START = timeAt, END = the last instance
            sent; asked again from END, the rest (the instance at END comes again). A
            20-minute device pulled from 09:00 to 11:00 JST takes 2 or 3 answers.
  range-bad the same data cut as range3, with a Content-Range that is not date-time
  device20  the temporal API serves crowd_device20.json (a 20-minute device) and keeps only
            the instances with timeAt <= observedAt < endTimeAt (timerel=between)
Every request is appended as one JSON line to LOG (method, path, query, headers, body).

usage: fake_broker.py DATA_DIR PORT_FILE LOG
"""
import datetime
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

DATA, PORT_FILE, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
state = {"flaky": 0}


def load(name):
    with open(f"{DATA}/{name}", encoding="utf-8") as f:
        return json.load(f)


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


RANGE_LIMIT = {"range2": 4, "range3": 3, "range-bad": 3}


def cut(entities, limit, time_at):
    """The first `limit` instances of each temporal attribute; (entities, Content-Range or None)."""
    out, last, size = [], None, 0
    for e in entities:
        e = dict(e)
        for k, v in list(e.items()):
            if isinstance(v, list) and v and "observedAt" in v[0]:
                v = sorted(v, key=lambda i: instant(i["observedAt"]))
                size = max(size, len(v))
                if len(v) > limit:
                    e[k] = v[:limit]
                    end = v[limit - 1]["observedAt"]
                    last = end if last is None or instant(end) < instant(last) else last
        out.append(e)
    if last is None:
        return out, None
    return out, f"date-time {time_at}-{last}/{size}"


def between(entities, time_at, end_time_at):
    """The instances of every temporal attribute observed in [timeAt, endTimeAt)."""
    lo, hi = instant(time_at), instant(end_time_at)
    out = []
    for e in entities:
        e = dict(e)
        for k, v in list(e.items()):
            if isinstance(v, list):
                e[k] = [i for i in v if "observedAt" not in i or lo <= instant(i["observedAt"]) < hi]
        out.append(e)
    return out


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def record(self, body=""):
        url = urllib.parse.urlsplit(self.path)
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(json.dumps({"method": self.command, "path": url.path, "query": url.query,
                                "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body}) + "\n")

    def answer(self, status, payload, headers=None, content_type="application/ld+json"):
        data = json.dumps(payload).encode() if payload is not None else b""
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def problem(self, status, kind, title, detail):
        self.answer(status, {"type": "https://uri.etsi.org/ngsi-ld/errors/" + kind, "title": title, "detail": detail},
                    content_type="application/json")

    def common(self):
        tenant = self.headers.get("NGSILD-Tenant", "")
        if tenant == "auth" and self.headers.get("Authorization") != "Bearer secret-token":
            self.problem(401, "Unauthorized", "Unauthorized", "a valid bearer token is required")
            return None
        if tenant == "flaky" and state["flaky"] == 0:
            state["flaky"] += 1
            self.answer(503, None, {"Retry-After": "0"})
            return None
        if tenant == "broken":
            self.problem(400, "BadRequestData", "Bad request", "type CrowdFlowObserved is unknown in this tenant")
            return None
        return tenant

    def do_GET(self):
        self.record()
        tenant = self.common()
        if tenant is None:
            return
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        if url.path == "/ngsi-ld/v1/entities":
            items = load("crowd_entities.json")
        elif url.path == "/ngsi-ld/v1/temporal/entities":
            if "timerel" not in q or "timeAt" not in q:
                self.problem(400, "BadRequestData", "Bad request", "timerel and timeAt are required")
                return
            device20 = tenant == "device20" or tenant in RANGE_LIMIT
            items = load("crowd_device20.json" if device20 else "crowd_temporal.json")
            if device20:
                items = between(items, q["timeAt"][0], q.get("endTimeAt", [""])[0])
        else:
            self.problem(404, "ResourceNotFound", "Not found", url.path)
            return
        if q.get("type", [""])[0] != "CrowdFlowObserved":
            items = []
        limit = int(q.get("limit", ["20"])[0])
        offset = int(q.get("offset", ["0"])[0])
        page = items[offset:offset + limit]
        headers = {}
        if q.get("count", [""])[0] == "true":
            headers["NGSILD-Results-Count"] = str(len(items))
        if tenant == "range" and url.path == "/ngsi-ld/v1/temporal/entities":
            self.answer(206, page, dict(headers, **{
                "Content-Range": "date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/2"}))
            return
        if tenant in RANGE_LIMIT and url.path == "/ngsi-ld/v1/temporal/entities":
            page, content_range = cut(page, RANGE_LIMIT[tenant], q["timeAt"][0])
            if content_range is None:
                self.answer(200, page, headers)
            else:
                if tenant == "range-bad":
                    content_range = "items 0-2/7"
                self.answer(206, page, dict(headers, **{"Content-Range": content_range}))
            return
        if tenant == "drop" and offset > 0:
            body = json.dumps(page).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.answer(200, page, headers)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        self.record(body)
        tenant = self.common()
        if tenant is None:
            return
        if urllib.parse.urlsplit(self.path).path != "/ngsi-ld/v1/entityOperations/upsert":
            self.problem(404, "ResourceNotFound", "Not found", self.path)
            return
        try:
            batch = json.loads(body)
        except ValueError:
            self.problem(400, "InvalidRequest", "Invalid request", "not JSON")
            return
        if not isinstance(batch, list) or any(not isinstance(e, dict) or "id" not in e or "type" not in e for e in batch):
            self.problem(400, "BadRequestData", "Bad request", "an array of entities with id and type is expected")
            return
        if tenant == "partial":
            self.answer(207, {"success": [e["id"] for e in batch[1:]],
                              "errors": [{"entityId": batch[0]["id"],
                                          "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData",
                                                    "title": "Bad request"}}]}, content_type="application/json")
            return
        self.answer(201, [e["id"] for e in batch], content_type="application/json")


server = HTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os  # noqa: E402
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
