"""Template syntax from an article or a data file is inert everywhere (issue: a headline with
``{{ ... }}`` ran code through branca's templates, and ``{{ 7*7 }}`` showed as ``49``).

One hostile article, overlay, route and curated file carry the payloads; every command that
reads them must leave the canary file absent and show each payload exactly as written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from incimap.maps.safejson import html_text, script_json

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

SIMPLE = ["{{ 7*7 }}", "{% raw %}", "{# hashtag", "${7*7}", "{{cite web |url=x}}",
          "<img src=x onerror=alert(1)>"]


def _chain(canary: Path) -> str:
    # Relative, so the headline stays short enough to be the map's title: the commands run
    # in the canary's folder.
    return ("{{ self.__init__.__globals__.__builtins__.__import__('os')"
            f".system('touch {canary.name}') }}}}")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    canary = folder / "PWNED"
    chain = _chain(canary)
    headline = f"Attack near Quetta {chain} {{{{ 7*7 }}}}"
    article = folder / "hostile.txt"
    article.write_text(
        f"{headline}\n\n"
        "Gunmen attacked a passenger bus near Quetta on Monday, killing five people, "
        "police said {{ 7*7 }}. Gunmen also attacked Zorakhel, a witness said {% raw %}; they fled "
        "toward the hills #{# hashtag ${7*7}. A spokesman wrote {{cite web |url=x}} and "
        "<img src=x onerror=alert(1)> on social media.\n", encoding="utf-8")
    # A place of the overlay whose display name and notes carry payloads.
    overlay = folder / "places.csv"
    shutil.copy(SEEDS / "places.csv", overlay)
    with overlay.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([
            "zorakhel", "Zorakhel {{ 7*7 }} {% raw %}", "Zorakhel", "village", "30.25",
            "67.05", "2", "PK", "Balochistan", "Quetta", "0", "self-written test row",
            "", "notes {{ 7*7 }} {# x"])
    route = folder / "route.csv"
    lines = (SEEDS / "routes" / "jaffar_express.csv").read_text(encoding="utf-8").splitlines()
    route.write_text("\n".join(
        ["# name: Route {{6*7}} {% raw %}" if line.startswith("# name:") else line
         for line in lines]) + "\n", encoding="utf-8")
    curated = folder / "curated.yaml"
    curated.write_text(json.dumps({
        "article": "hostile.txt",
        "published": "2025-03-12",
        "incidents": [{
            "id": "hostile-1", "title": "Bus attack {{ 7*7 }} {% raw %}",
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "event_date": "2025-03-10", "time_precision": 1,
            "location": {"name": "Quetta {{ 7*7 }}", "lat": 30.18, "lon": 67.0,
                         "feature_type": "city", "country": "PK"},
            "actor1": "Unidentified Armed Group {{ 7*7 }}", "fatalities": 5,
            "notes": f"notes {chain} {{# x",
        }],
    }), encoding="utf-8")
    env = {**os.environ, "INCIMAP_OVERLAY": str(overlay)}
    return {"folder": folder, "canary": canary, "article": article, "route": route,
            "curated": curated, "env": env, "headline": headline, "chain": chain}


def _incimap(hostile, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "incimap.geo", *args], capture_output=True,
                         env=hostile["env"], cwd=hostile["folder"], timeout=600)
    assert b"Traceback" not in out.stderr, out.stderr.decode()
    assert out.returncode == 0, out.stderr.decode()
    assert not hostile["canary"].exists(), "a template payload ran code"
    return out


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize("payload", SIMPLE)
def test_script_json_holds_no_template_delimiter_and_keeps_the_value(payload):
    text = script_json({"title": payload, "nested": [{"x": payload * 2}]})
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == {"title": payload, "nested": [{"x": payload * 2}]}


def test_html_text_writes_braces_as_references():
    assert html_text("Route {{6*7}} <b>") == "Route &#123;&#123;6*7&#125;&#125; &lt;b&gt;"


def test_data_element_is_never_compiled_as_a_template(monkeypatch):
    """Even with JSON that keeps delimiters, the page shows them as written."""
    from incimap import maps
    from incimap.maps import page

    monkeypatch.setattr(page, "script_json", lambda value: json.dumps(value))
    m = maps.render([], title="")
    element = page.find_data(m)
    element.data_json = json.dumps({"title": "{{ 7*7 }} {% raw %}"})
    html = page.to_html(m)
    assert '{"title": "{{ 7*7 }} {% raw %}"}' in html


# --------------------------------------------------------------------------- commands


@pytest.fixture(scope="module")
def hostile_maps(hostile):
    a = hostile["folder"] / "headline.html"
    b = hostile["folder"] / "titled.html"
    common = ["--published", "2025-03-12", "--route", str(hostile["route"]),
              "--curated", str(hostile["curated"])]
    _incimap(hostile, "map", str(hostile["article"]), "-o", str(a), *common)
    _incimap(hostile, "map", str(hostile["article"]), "-o", str(b), *common,
             "--title", "Title {{ 7*7 }} {% raw %} {#")
    return a, b


def test_map_files_hold_no_evaluated_payload(hostile, hostile_maps):
    for path in hostile_maps:
        text = path.read_text(encoding="utf-8")
        assert "Attack near Quetta 49" not in text and "Route 42" not in text
        assert "Bus attack 49" not in text


@pytest.mark.browser
def test_payloads_show_literally_in_chromium(open_map, hostile, hostile_maps, screenshot_dir):
    headline_map, titled_map = hostile_maps
    page, log = open_map(headline_map)
    page.screenshot(path=str(screenshot_dir / "template-injection.png"))
    assert page.title() == hostile["headline"]
    data = json.loads(page.evaluate(
        "document.querySelector('script[type=\"application/json\"]').textContent"))
    strings = _strings(data)
    assert hostile["headline"] in strings
    assert "Bus attack {{ 7*7 }} {% raw %}" in strings  # curated title
    assert any(s == "Zorakhel {{ 7*7 }} {% raw %}" for s in strings)  # overlay name
    assert any(s.startswith("Route {{6*7}} {% raw %}") for s in strings)  # route name
    body = page.inner_text("body")
    assert "Route: Route {{6*7}} {% raw %}" in body  # the layer control, folium's own
    assert "Bus attack {{ 7*7 }} {% raw %}" in body  # the incident list
    assert not log.dialogs and not log.page_errors, log.problems()

    page, log = open_map(titled_map)
    assert page.title() == "Title {{ 7*7 }} {% raw %} {#"
    assert not log.dialogs and not log.page_errors, log.problems()
    assert not hostile["canary"].exists()


@pytest.mark.parametrize("fmt", ["json", "geojson", "csv", "table"])
def test_extract_shows_payloads_as_written(hostile, fmt):
    out = _incimap(hostile, "extract", str(hostile["article"]), "--published", "2025-03-12",
                   "-f", fmt).stdout.decode()
    assert "{{ 7*7 }}" in out
    if fmt in ("json", "geojson"):
        strings = _strings(json.loads(out))
        assert any("Zorakhel {{ 7*7 }} {% raw %}" in s for s in strings)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and not any(v == "49" for r in rows for v in r.values())


def test_export_every_format_keeps_payloads_inert(hostile):
    import geopandas as gpd
    import pyogrio

    target = hostile["folder"] / "exports"
    target.mkdir()
    _incimap(hostile, "export", str(hostile["article"]), "--published", "2025-03-12",
             "--route", str(hostile["route"]), "--incidents", str(hostile["curated"]),
             "--format", "all", "-o", str(target))
    files = sorted(p for p in target.iterdir() if not p.name.startswith("."))
    assert {p.suffix for p in files} >= {".geojson", ".gpkg", ".kml", ".csv", ".parquet"}
    for path in files:
        if path.suffix == ".parquet":
            frames = [gpd.read_parquet(path)]
        elif path.suffix == ".csv":
            frames = [list(csv.DictReader(path.open(encoding="utf-8")))]
        else:
            frames = [gpd.read_file(path, layer=name)
                      for name, _ in pyogrio.list_layers(path)]
        values = []
        for frame in frames:
            rows = frame if isinstance(frame, list) else frame.drop(
                columns=frame.geometry.name).to_dict(orient="records")
            values += [str(v) for row in rows for v in row.values()]
        text = " ".join(values)
        if "incidents" in path.name or path.suffix in (".gpkg", ".kml"):
            assert "Bus attack {{ 7*7 }} {% raw %}" in text, path.name
        if "route" in path.name and path.suffix != ".csv":
            assert "Route {{6*7}}" in text, path.name
        assert "Bus attack 49" not in text
    kml = next(p for p in files if p.suffix == ".kml").read_text(encoding="utf-8")
    assert "<img src=x" not in kml  # the description's HTML escapes article text
    assert not hostile["canary"].exists()
