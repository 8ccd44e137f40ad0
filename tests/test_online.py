"""Online providers through geopy's real code path, against a local Nominatim-like
server on 127.0.0.1 that the test starts (no other address is ever contacted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from incimap.geo.exceptions import InputError, NoMatch
from incimap.geo.providers import get_provider
from incimap.geo.providers.cache import AnswerCache

ANSWERS = {
    "qwzx kalat": [{
        "place_id": 1, "osm_type": "node", "osm_id": 123, "lat": "29.0225", "lon": "66.5916",
        "display_name": "Kalat, Balochistan, Pakistan", "class": "place", "type": "town",
        "importance": 0.5, "name": "Kalat", "place_rank": 16,
        "address": {"town": "Kalat", "state": "Balochistan", "country": "Pakistan",
                    "country_code": "pk"},
    }],
}


class Nominatim(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        Nominatim.requests.append({"path": url.path, "agent": self.headers.get("User-Agent"),
                                   **query})
        body = json.dumps(ANSWERS.get(query.get("q", "").lower(), [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Nominatim.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def provider(server, tmp_path, **kw):
    return get_provider("nominatim", user_agent="incimap-tests", domain=server, scheme="http",
                        cache=AnswerCache(tmp_path / "answers.sqlite"), timeout=5, **kw)


def test_nominatim_answer_becomes_a_place(server, tmp_path):
    result = provider(server, tmp_path).lookup("Qwzx Kalat", country="PK")
    assert result.match_kind == "online"
    p = result.place
    assert (p.name, p.country, p.admin1, p.feature_type) == ("Kalat", "PK", "Balochistan", "town")
    assert abs(p.lat - 29.0225) < 1e-6 and abs(p.lon - 66.5916) < 1e-6
    (request,) = Nominatim.requests
    assert request["path"] == "/search" and request["countrycodes"] == "pk"
    assert request["agent"] == "incimap-tests"


def test_repeated_query_is_answered_from_the_cache(server, tmp_path):
    provider(server, tmp_path).lookup("Qwzx Kalat")
    again = provider(server, tmp_path).lookup("Qwzx Kalat")
    assert again.place.name == "Kalat"
    assert len(Nominatim.requests) == 1


def test_no_answer_is_no_match(server, tmp_path):
    with pytest.raises(NoMatch):
        provider(server, tmp_path).lookup("Nowhereville")


def test_nominatim_requires_a_user_agent(tmp_path):
    with pytest.raises(InputError, match="user agent"):
        get_provider("nominatim", cache=AnswerCache(tmp_path / "a.sqlite"))


def test_nominatim_is_rate_limited_to_one_request_a_second(server, tmp_path):
    p = provider(server, tmp_path)
    assert p.min_delay_seconds == 1.0
    limiter = p._call()
    assert limiter.min_delay_seconds == 1.0


def test_corrupt_answer_cache_is_replaced_with_a_warning(tmp_path, capsys):
    path = tmp_path / "answers.sqlite"
    path.write_bytes(b"garbage" * 1000)
    cache = AnswerCache(path)
    cache.put(["k"], [1])
    assert cache.get(["k"]) == [1]
    assert "corrupt" in capsys.readouterr().err


def test_cli_fallback_asks_the_provider_only_for_misses(server, tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "incimap.geo", "geocode", "Quetta", "Qwzx Kalat", "--json",
         "--fallback", "nominatim", "--domain", server, "--scheme", "http", "--user-agent",
         "incimap-tests"],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert [r["match_kind"] for r in results] == ["exact", "online"]
    assert [r["q"] for r in Nominatim.requests] == ["Qwzx Kalat"]


def test_offline_by_default_never_contacts_a_provider(server):
    # Point every provider at the local server: an online call would show up there.
    env = {**os.environ, "INCIMAP_PROVIDER_DOMAIN": server, "INCIMAP_USER_AGENT": "t"}
    out = subprocess.run([sys.executable, "-m", "incimap.geo", "geocode", "Kalatzzq", "--scheme",
                          "http"], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 1
    assert Nominatim.requests == []
