"""Online providers through geopy's real code path, against a local Nominatim-like
server on 127.0.0.1 that the test starts (no other address is ever contacted)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from incimap.geo.exceptions import InputError, NoMatch, ProviderError, ProviderUnreachable
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


# --- network failures: one line naming the provider and its server ------------------------

class Failing(BaseHTTPRequestHandler):
    """A server that fails as told: ``answer`` is (status, headers, body) or a delay."""

    answer: tuple = (500, {}, b"")
    requests = 0

    def do_GET(self):  # noqa: N802 - the http.server API
        Failing.requests += 1
        if isinstance(Failing.answer, float):
            time.sleep(Failing.answer)  # longer than the client waits
            return
        status, headers, body = Failing.answer
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self):
        with contextlib.suppress(OSError):  # the client may have given up
            super().handle()

    def log_message(self, *args):
        pass


@pytest.fixture
def failing():
    Failing.requests = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"127.0.0.1:{port}"


_LIBRARY_WORDS = ("urllib3", "HTTPConnectionPool", "Max retries", "geopy", "Geocoder",
                  "requests", "Traceback", "Caused by")


def _clean(message: str) -> None:
    assert "\n" not in message.strip()
    for word in _LIBRARY_WORDS:
        assert word not in message, message


@pytest.mark.parametrize(("answer", "reason"), [
    ((500, {}, b"oops"), "server error (HTTP 500); try again later"),
    ((503, {}, b""), "server error (HTTP 503); try again later"),
    ((429, {"Retry-After": "7"}, b""), "rate limited (HTTP 429); try again in 7 s"),
    ((403, {}, b""), "refused access (HTTP 403)"),
    ((404, {}, b""), "rejected the request (HTTP 404)"),
    ((200, {"Content-Type": "application/json"}, b"<html>"), "sent an answer that is not JSON"),
])
def test_http_failures_are_one_line_naming_provider_and_server(failing, tmp_path, answer,
                                                                reason):
    Failing.answer = answer
    with pytest.raises(ProviderError) as caught:
        provider(failing, tmp_path).lookup("Quetta")
    assert str(caught.value) == f"nominatim at {failing}: {reason}"
    assert not isinstance(caught.value, ProviderUnreachable)
    _clean(str(caught.value))


def test_connection_refused_is_one_line(closed_port, tmp_path):
    with pytest.raises(ProviderUnreachable) as caught:
        provider(closed_port, tmp_path).lookup("Quetta")
    assert str(caught.value) == f"nominatim at {closed_port}: cannot connect (connection refused)"


def test_timeout_is_one_line_with_the_wait(failing, tmp_path):
    Failing.answer = 3.0
    p = get_provider("nominatim", user_agent="t", domain=failing, scheme="http", timeout=0.3,
                     cache=AnswerCache(tmp_path / "a.sqlite"))
    with pytest.raises(ProviderUnreachable) as caught:
        p.lookup("Quetta")
    assert str(caught.value) == (f"nominatim at {failing}: no answer within 0.3 s "
                                 "(timed out; --timeout sets the wait)")


def test_unreachable_server_is_asked_once_in_a_batch(failing, tmp_path):
    Failing.answer = 3.0
    p = get_provider("nominatim", user_agent="t", domain=failing, scheme="http", timeout=0.3,
                     cache=AnswerCache(tmp_path / "a.sqlite"), min_delay_seconds=0)
    p.lookup_many(["Quetta"])
    one_name = Failing.requests  # (geopy's adapter itself tries more than once)
    Failing.requests = 0
    outcomes = p.lookup_many(["Sibi", "Mach", "Kalat"])
    assert len(outcomes) == 3 and all(isinstance(o, ProviderUnreachable) for o in outcomes)
    assert Failing.requests == one_name


def test_http_errors_stay_per_name_in_a_batch(failing, tmp_path):
    Failing.answer = (500, {}, b"")
    p = get_provider("nominatim", user_agent="t", domain=failing, scheme="http", timeout=5,
                     cache=AnswerCache(tmp_path / "a.sqlite"), min_delay_seconds=0)
    outcomes = p.lookup_many(["Quetta", "Sibi"])
    assert [type(o) for o in outcomes] == [ProviderError, ProviderError]
    assert Failing.requests == 2


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", "geocode", *args, "--scheme",
                           "http", "--user-agent", "incimap-tests"],
                          capture_output=True, text=True, timeout=120)


def test_cli_refused_provider_exits_2_with_one_line(closed_port):
    out = _cli("Quetta", "--provider", "nominatim", "--domain", closed_port)
    assert out.returncode == 2
    assert out.stderr == f"incimap: nominatim at {closed_port}: cannot connect (connection " \
                         "refused)\n"
    assert out.stdout == ""


def test_cli_server_error_exits_2_with_one_line(failing):
    Failing.answer = (502, {}, b"<html>bad gateway</html>")
    out = _cli("Quetta", "--provider", "photon", "--domain", failing)
    assert out.returncode == 2
    assert out.stderr == f"incimap: photon at {failing}: server error (HTTP 502); try again " \
                         "later\n"
    _clean(out.stderr)


def test_cli_fallback_failure_is_a_status_per_row(closed_port):
    out = _cli("Quetta", "Qwzx Kalat", "Zzqwx Town", "--csv", "--fallback", "nominatim",
               "--domain", closed_port)
    assert out.returncode == 2
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    error = f"error: nominatim at {closed_port}: cannot connect (connection refused)"
    assert [r["status"] for r in rows] == ["ok", error, error]
    assert rows[0]["name"] == "Quetta" and rows[1]["lat"] == ""
    # One line for the dead server, not one per name.
    assert out.stderr.splitlines() == [f"incimap: {error[7:]} (2 names)"]


def test_cli_fallback_answer_has_status_online(server):
    out = _cli("Quetta", "Qwzx Kalat", "--csv", "--fallback", "nominatim", "--domain", server)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["status"] for r in rows] == ["ok", "online"]
    assert rows[1]["name"] == "Kalat" and abs(float(rows[1]["lat"]) - 29.0225) < 1e-6


def test_cli_fallback_skips_blank_rows_and_keeps_suggestions_of_misses(server, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Qwzx Kalat\n\nQuettazzq Nowherexx\n", encoding="utf-8")
    out = _cli("--file", str(names), "--json", "--fallback", "nominatim", "--domain", server)
    rows = json.loads(out.stdout)
    assert [r["status"] for r in rows] == ["online", "blank", "not_found"]
    assert rows[2]["suggestions"]  # the gazetteer's, since the provider knew nothing either
    assert [r["q"] for r in Nominatim.requests] == ["Qwzx Kalat", "Quettazzq Nowherexx"]


def _wrapped(inner: BaseException):
    from geopy.exc import GeocoderUnavailable

    try:
        try:
            raise inner
        except type(inner) as e:
            raise GeocoderUnavailable("HTTPConnectionPool(host='x'): Max retries") from e
    except GeocoderUnavailable as e:
        return e


@pytest.mark.parametrize(("inner", "reason"), [
    (socket.gaierror(-2, "Name or service not known"),
     "cannot connect (host name not found; offline?)"),
    (ConnectionResetError(104, "Connection reset by peer"),
     "cannot connect (Connection reset by peer)"),
    (ValueError("something else"), "cannot connect"),
])
def test_other_connection_failures_are_named_without_library_text(inner, reason):
    from incimap.geo.providers.base import describe_failure

    # The errors geopy raises, built here: no lookup is made.
    assert describe_failure(_wrapped(inner), 10) == (reason, True)


def test_extract_fallback_resolves_a_place_the_gazetteer_lacks(server, tmp_path):
    # "Qwzx Kalat" is no gazetteer name; the local server knows it.
    article = tmp_path / "a.txt"
    article.write_text("Gunmen attacked the village of Qwzx Kalat on Monday, killing 4 people.\n")
    base = [sys.executable, "-m", "incimap.geo", "extract", str(article), "-f", "json",
            "--published", "2025-05-07"]
    offline = subprocess.run(base, capture_output=True, text=True, timeout=120)
    assert offline.returncode == 0, offline.stderr
    [m] = [m for m in json.loads(offline.stdout)["mentions"] if m["surface"] == "Qwzx Kalat"]
    assert m["place"] is None and Nominatim.requests == []
    online = subprocess.run([*base, "--fallback", "nominatim", "--domain", server, "--scheme",
                             "http", "--user-agent", "incimap-tests"],
                            capture_output=True, text=True, timeout=120)
    assert online.returncode == 0, online.stderr
    [m] = [m for m in json.loads(online.stdout)["mentions"] if m["surface"] == "Qwzx Kalat"]
    assert m["match_kind"] == "online" and abs(m["place"]["lat"] - 29.0225) < 0.01
    assert [r["q"] for r in Nominatim.requests] == ["Qwzx Kalat"]
