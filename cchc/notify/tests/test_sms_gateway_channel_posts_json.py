import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cchc.notify.channels import SmsHttpChannel


class _Gateway(BaseHTTPRequestHandler):
    received: list[tuple[str, dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.headers.get("Authorization", ""), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.received = []
    yield f"http://127.0.0.1:{server.server_port}/send"
    server.shutdown()


def test_sms_channel_posts_the_message_with_its_token(settings, gateway):
    settings.CCHC_SMS_URL = gateway
    settings.CCHC_SMS_TOKEN = "bi-mat"
    SmsHttpChannel().send("0912345678", "", "Hồ sơ đã có kết quả")
    assert _Gateway.received == [
        ("Bearer bi-mat", {"to": "0912345678", "subject": "", "text": "Hồ sơ đã có kết quả"})
    ]


def test_unconfigured_sms_gateway_fails_loudly(settings):
    settings.CCHC_SMS_URL = ""
    with pytest.raises(RuntimeError, match="CCHC_SMS_URL"):
        SmsHttpChannel().send("0912345678", "", "x")
