"""A local SMTP sink on 127.0.0.1 (aiosmtpd) that tests can slow down, make refuse, or stop.

`SmtpSink.received` lists (message id, recipient) for every message the sink accepted, in
order; a message is accepted only once the sink answers 250 to its DATA, as a real server
that has queued it."""

import asyncio
import email
import socket
import threading
import time

from aiosmtpd.controller import Controller


def free_port():
    """A port nothing listens on (the "mail server down" of the tests: connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.refuse:
            return self.sink.refuse
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.sink.lock:
            for rcpt in envelope.rcpt_tos:
                self.sink.received.append((message["Message-ID"], rcpt, message["Subject"]))
        return "250 OK queued"


class SmtpSink:
    def __init__(self, port=None, delay=0.0):
        self.port = port or free_port()
        self.delay = delay
        self.refuse = ""  # e.g. "451 4.3.0 try again later"
        self.received = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self):
        self.controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10
        )
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, settings, timeout=5):
        """Point Django's SMTP backend at this sink (even while it is stopped)."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = timeout

    def wait_for(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return True
            time.sleep(0.05)
        return False
