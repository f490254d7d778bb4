"""localstripe on loopback, a fault-injecting proxy in front of it, a recording HTTP client
and signed webhook helpers, for the billing tests and the bench."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import stripe

from billing.stripe_gateway import Gateway, sign

KEY = "sk_test_local"
WEBHOOK_SECRET = "whsec_test_secret"

LAUNCH = """
import sys
import localstripe.resources as resources
resources.Store.dump_to_disk = lambda self: None  # one shared pickle in /tmp: keep it off
from aiohttp import web
from localstripe.server import app
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStripe:
    """localstripe in a subprocess on 127.0.0.1, starting from an empty store."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("localstripe did not start")

    def reset(self):
        request = urllib.request.Request(f"{self.url}/_config/data", method="DELETE")
        urllib.request.urlopen(request, timeout=5).close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def gateway(self, **kwargs) -> Gateway:
        return Gateway(KEY, api_base=self.url, **kwargs)

    def refunds_for(self, payment_intent: str) -> list[dict]:
        client = stripe.StripeClient(KEY, base_addresses={"api": self.url})
        refunds = client.v1.refunds.list({"payment_intent": payment_intent, "limit": 100})
        return [json.loads(str(r)) for r in refunds.auto_paging_iter()]


@dataclass
class Faults:
    """What the proxy does to the next matching requests."""

    fail: int = 0  # answer 500 without forwarding
    drop: int = 0  # forward, then drop the response (a lost response)
    path: str = "/v1/refunds"
    seen: list = field(default_factory=list)
    replays: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class FaultProxy:
    """Stripe's idempotency-key behaviour, failures and lost responses, in front of localstripe.

    POSTs carrying an Idempotency-Key are forwarded once; a repeat with the same key and body
    gets the stored response, a repeat with another body gets Stripe's 400 idempotency_error.
    """

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.faults = Faults()
        self.cache: dict[str, tuple[bytes, int, bytes]] = {}
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self, method, body):
                request = urllib.request.Request(
                    proxy.upstream + self.path,
                    data=body if method == "POST" else None,
                    method=method,
                    headers={
                        k: v
                        for k, v in self.headers.items()
                        if k.lower() in ("authorization", "content-type", "stripe-version")
                    },
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        return response.status, response.read()
                except urllib.error.HTTPError as error:
                    return error.code, error.read()

            def _reply(self, status, body):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _handle(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                key = self.headers.get("Idempotency-Key")
                faults = proxy.faults
                matches = self.path.split("?")[0].startswith(faults.path)
                with faults.lock:
                    faults.seen.append((method, self.path, key))
                    if method == "POST" and key and key in proxy.cache:
                        cached_body, status, payload = proxy.cache[key]
                        faults.replays += 1
                        if cached_body != body:
                            error = {
                                "error": {
                                    "type": "idempotency_error",
                                    "message": "Keys for idempotent requests can only be used "
                                    "with the same parameters they were first used with.",
                                }
                            }
                            return self._reply(400, json.dumps(error).encode())
                        return self._reply(status, payload)
                    fail = matches and method == "POST" and faults.fail > 0
                    if fail:
                        faults.fail -= 1
                    drop = matches and method == "POST" and not fail and faults.drop > 0
                    if drop:
                        faults.drop -= 1
                if fail:
                    error = {"error": {"type": "api_error", "message": "injected failure"}}
                    return self._reply(500, json.dumps(error).encode())
                status, payload = self._forward(method, body)
                if method == "POST" and key and status < 500:
                    proxy.cache[key] = (body, status, payload)
                if drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return None
                return self._reply(status, payload)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_DELETE(self):
                self._handle("DELETE")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class RecordingClient(stripe.HTTPClient):
    """Records each request our module makes and answers with a canned Stripe object."""

    name = "recording"

    def __init__(self, responses=None):
        super().__init__()
        self.requests: list[tuple[str, str, dict, dict]] = []
        self.responses = responses or {}

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = url.split("://", 1)[1].split("/", 1)[1]
        path, _sep, query = ("/" + path).partition("?")
        params = parse_qs(post_data.decode() if isinstance(post_data, bytes) else post_data or "")
        params.update(parse_qs(query))
        self.requests.append((method.upper(), path, params, dict(headers or {})))
        for (want_method, prefix), body in self.responses.items():
            if method.upper() == want_method and path.startswith(prefix):
                return json.dumps(body), 200, {}
        return json.dumps({"id": "obj_1", "object": "unknown"}), 200, {}

    def close(self):
        pass


def signed(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    return sign(payload, secret, timestamp)


def event(type_, obj, *, event_id=None, created=None):
    event.counter += 1
    return {
        "id": event_id or f"evt_test_{event.counter:06d}",
        "object": "event",
        "type": type_,
        "created": created or int(time.time()),
        "api_version": "2026-10-28.endive",
        "livemode": False,
        "data": {"object": obj},
    }


event.counter = 0
