"""maps: the page's data, escaping, layers, assets and saving (no browser here).

The sample builders at the top are shared with test_map_browser.py.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import folium
import pytest

from incimap import maps
from incimap.geo.exceptions import InputError
from incimap.geo.models import Figure, Incident, Mention, Place, Route, Span, Station
from incimap.maps import assets, page, styles
from incimap.maps.safejson import script_json

# A hostile article: every string a page could mistake for markup or code.
HOSTILE_PAYLOADS = (
    "<script>alert(1)</script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    '"double quotes"',
    "it's an apostrophe",
    "`backticks`",
    "${alert(1)}",
    "C:\\users\\x",
    "line\u2028separator",
)
HOSTILE_QUOTE = "Witness said: " + " ".join(HOSTILE_PAYLOADS) + " -- end."
HOSTILE_TITLE = "Attack <script>alert(1)</script> at `${alert(2)}` C:\\users\\x"


def place(name: str, lat: float, lon: float, feature_type: str = "town", **kw) -> Place:
    return Place(name=name, lat=lat, lon=lon, feature_type=feature_type, country="PK",
                 admin1=kw.pop("admin1", "Balochistan"), gazetteer_id=f"test:{name}", **kw)


QUETTA = place("Quetta", 30.184, 67.001, "city", population=1_000_000)
MACH = place("Mach", 29.864, 67.330, "station")
MUSHKAF = place("Mushkaf Tunnel", 29.6, 67.4, "tunnel")
SIBI = place("Sibi", 29.543, 67.877, "town")
PESHAWAR = place("Peshawar", 34.008, 71.578, "city", admin1="Khyber Pakhtunkhwa")
BALOCHISTAN = place("Balochistan", 28.49, 65.10, "province")


def span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


def incident(id_: str, title: str, event_type: str, date: str, where: Place | None,
             quote: str = "", curated: bool = False, fatalities: int = 0, **kw) -> Incident:
    evidence = {"event_type": (span(quote),)} if quote else {}
    return Incident(id=id_, title=title, event_type=event_type, sub_event_type=kw.pop("sub", ""),
                    event_date=date, time_precision=kw.pop("time_precision", 1),
                    location=where, fatalities=fatalities, evidence=evidence, curated=curated,
                    source="hostile.txt", **kw)


def sample_incidents() -> list[Incident]:
    """Six located incidents (one hostile) over three types, plus curated ones."""
    claims = (
        Figure("fatalities", 10, "at least", who="people", claimed_by="officials",
               quote=span("At least 10 people were reported dead.")),
        Figure("fatalities", 27, "at least", who="militants", claimed_by="Associated Press"),
        Figure("hostages", 182, who="security personnel", claimed_by="BLA"),
    )
    return [
        incident("hijack", "Jaffar Express hijacked near the Mushkaf Tunnel", "Battles",
                 "2025-03-11", MUSHKAF, "They detonated explosives on the railway tracks.",
                 fatalities=10, figures=claims, actor1="Baloch Liberation Army",
                 actor2="Military Forces of Pakistan", sub="Armed clash"),
        incident("rescue", "Passengers rescued, taken to Mach", "Strategic developments",
                 "2025-03-12", MACH, "The rescued people were moved to nearby stations.",
                 sub="Other"),
        incident("hostile", HOSTILE_TITLE, "Violence against civilians", "2025-03-10", SIBI,
                 HOSTILE_QUOTE, fatalities=3, sub="Attack", notes="Notes with </script> too"),
        incident("province", "Attacks across Balochistan", "Violence against civilians",
                 "2024-08-01", BALOCHISTAN, "In August, they had killed over 50 people.",
                 fatalities=50, time_precision=3),
        incident("quetta", "Blast in Quetta", "Explosions/Remote violence", "2024-10-01",
                 QUETTA, "A blast hit Quetta.", fatalities=2),
        incident("curated-hijack", "Hijacking (verified)", "Battles", "2025-03-11", MUSHKAF,
                 "They detonated explosives on the railway tracks.", curated=True, fatalities=10),
    ]


def sample_route() -> Route:
    stations = (
        Station("Quetta", 30.184, 67.001, 0),
        Station("Mach", 29.864, 67.330, 66),
        Station("Mushkaf", 29.611, 67.761, 125),
        Station("Sibi", 29.543, 67.877, 141),
        Station("Jacobabad", 28.283, 68.438, None),
        Station("Peshawar Cantonment", 34.008, 71.578, 1635),
    )
    return Route("Jaffar Express <b>test</b>", stations, source="test")


def mention(surface: str, where: Place, role: str, sentence: str, **kw) -> Mention:
    return Mention(surface=surface, span=span(surface), sentence=span(sentence), role=role,
                   place=where, score=kw.pop("score", 97.0), match_kind="exact", **kw)


def sample_mentions() -> list[Mention]:
    other_mach = place("Mach (other)", 27.0, 68.0, "village")
    return [
        mention("Quetta", QUETTA, "origin", "The Jaffar Express left Quetta for Peshawar."),
        mention("Peshawar", PESHAWAR, "destination",
                "The Jaffar Express left Quetta for Peshawar."),
        mention("Mach railway station", MACH, "taken_to", HOSTILE_QUOTE, hint="railway station",
                alternatives=(other_mach,)),
        mention("Mushkaf Tunnel", MUSHKAF, "event", "Trapping it in a tunnel near <Mushkaf>."),
        mention("Balochistan", BALOCHISTAN, "context", "Balochistan is the largest province."),
    ]


def synthetic_incidents(n: int, seed: int = 1) -> list[Incident]:
    """``n`` incidents scattered over Balochistan and Sindh, dates over a year."""
    rng = random.Random(seed)
    types = list(styles.EVENT_STYLES)
    out = []
    for k in range(n):
        where = Place(f"Place {k}", rng.uniform(25.0, 31.0), rng.uniform(62.0, 70.0), "village",
                      country="PK")
        out.append(Incident(
            id=f"s{k}", title=f"Synthetic incident {k}", event_type=types[k % len(types)],
            sub_event_type="", event_date=f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}",
            time_precision=1, location=where, fatalities=k % 30))
    return out


def sample_map(**kw) -> folium.Map:
    return maps.render(sample_incidents(), route=sample_route(), mentions=sample_mentions(),
                       title=kw.pop("title", HOSTILE_TITLE), **kw)


def page_data(page: str) -> dict:
    """The JSON document embedded in a saved page."""
    found = re.search(r'<script type="application/json" id="incimap-data-[^"]+">(.*?)</script>',
                      page, re.DOTALL)
    assert found, "no data element in the page"
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def sample_page() -> str:
    return maps.to_html(sample_map())


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("value", [*HOSTILE_PAYLOADS, HOSTILE_QUOTE, "<!-- x", "\u2029", "&amp;"])
def test_script_json_round_trips_and_cannot_close_the_element(value):
    text = script_json({"v": value})
    assert json.loads(text) == {"v": value}
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text


def test_hostile_strings_never_appear_raw_in_the_page(sample_page):
    for raw in ("<script>alert(1)</script>", "<img src=x onerror", "${alert(1)}</",
                "<b>test</b>", "\u2028"):
        assert raw not in sample_page
    # Every </script> in the page closes one of our own script elements.
    assert sample_page.count("</script>") == len(re.findall(r"<script[\s>]", sample_page))


def test_hostile_strings_survive_exactly_in_the_data(sample_page):
    data = page_data(sample_page)
    hostile = next(f["properties"] for f in data["incidents"]["features"]
                   if f["properties"]["id"] == "hostile")
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["quotes"][0]["text"] == HOSTILE_QUOTE
    assert hostile["notes"] == "Notes with </script> too"
    assert data["title"] == HOSTILE_TITLE


def test_title_and_layer_names_are_html_escaped(sample_page):
    assert "<title>Attack &lt;script&gt;alert(1)&lt;/script&gt;" in sample_page
    # Leaflet's layer control sets names with innerHTML: they must arrive HTML-escaped.
    names = [json.loads(key) for key in re.findall(r'("[^"\n]*") : (?:feature_group|tile_layer)_',
                                                   sample_page)]
    assert "Route: Jaffar Express &lt;b&gt;test&lt;/b&gt;" in names
    assert not any("<" in name for name in names)


def test_our_scripts_set_inner_html_only_from_constant_svg():
    for name in assets.OWN_SCRIPTS:
        source = assets.own_asset(name)
        for rhs in re.findall(r"innerHTML\s*=\s*([^;]+);", source):
            assert rhs.lstrip().startswith(("incimap.symbolSvg(", "'<svg")), (name, rhs)


# --------------------------------------------------------------------------- offline assets


def test_saved_page_is_self_contained(sample_page):
    assert not re.search(r"<script[^>]+src=", sample_page)
    assert not re.search(r"<link[^>]+href=", sample_page)
    assert "leaflet.markercluster" not in re.findall(r'src="[^"]*"', sample_page)
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "netdna."):
        assert cdn not in sample_page
    assert "sourceMappingURL" not in sample_page
    assert "url(images/" not in sample_page  # Leaflet's icons inlined as data: URIs


def test_cdn_page_links_leaflet_and_is_small():
    m = sample_map()
    linked = maps.to_html(m, cdn=True)
    embedded = maps.to_html(m, cdn=False)
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.' in linked
    assert "leaflet.markercluster@" in linked
    assert len(linked) < len(embedded) - 150_000


def test_vendor_scripts_come_from_xstatic_packages():
    scripts, css = assets.vendor_inline()
    assert any('t.version="1.9' in s for s in scripts)
    assert any("MarkerClusterGroup" in s for s in scripts)
    assert any("data:image/png;base64," in c for c in css)


def test_tile_layers_are_offered_but_never_added_on_opening(sample_page):
    for host in ("tile.openstreetmap.org", "opentopomap.org", "World_Imagery"):
        assert host in sample_page
    tile_vars = re.findall(r"var (tile_layer_\w+) = L\.tileLayer", sample_page)
    assert len(tile_vars) == 3
    for var in tile_vars:
        assert f"{var}.addTo(" not in sample_page


def test_no_basemaps_means_no_tiles_and_no_outlines():
    page = maps.to_html(sample_map(basemaps=False))
    assert "L.tileLayer(" not in page
    data = page_data(page)
    assert data["outlines"] is None
    assert [d["kind"] for d in data["layers"] if not d["overlay"]] == ["plain"]


# --------------------------------------------------------------------------- layers and data


def test_render_returns_a_folium_map_with_one_group_per_layer():
    m = sample_map()
    assert isinstance(m, folium.Map)
    data = page.find_data(m).data
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert len(groups) == len(data["layers"])


def test_incident_layers_split_by_type_and_curated(sample_page):
    data = page_data(sample_page)
    layers = {d["label"].split(" (")[0]: d for d in data["layers"]}
    assert layers["Incidents: Battles"]["count"] == 1
    assert layers["Incidents: Violence against civilians"]["count"] == 2
    assert layers["Curated incidents, verified"]["count"] == 1
    kinds = [d["kind"] for d in data["layers"]]
    for kind in ("places", "uncertainty", "route", "route_km"):
        assert kind in kinds
    by_layer = {}
    for f in data["incidents"]["features"]:
        by_layer.setdefault(f["properties"]["layer"], []).append(f["properties"]["id"])
    curated_layer = next(d["id"] for d in data["layers"] if d["kind"] == "curated")
    assert by_layer[curated_layer] == ["curated-hijack"]


def test_places_grouped_by_role_and_context_starts_hidden(sample_page):
    data = page_data(sample_page)
    places = {d["role"]: d for d in data["layers"] if d["kind"] == "places"}
    assert set(places) == {"origin", "destination", "taken_to", "event", "context"}
    assert places["context"]["show"] is False and places["context"]["fit"] is False
    assert places["origin"]["show"] is True
    mach = next(f["properties"] for f in data["places"]["features"]
                if f["properties"]["place"]["name"] == "Mach")
    assert mach["alternatives"][0]["name"] == "Mach (other)"
    assert mach["hints"] == ["railway station"]


def test_incident_popup_data_has_claims_precision_and_route_km(sample_page):
    data = page_data(sample_page)
    hijack = next(f["properties"] for f in data["incidents"]["features"]
                  if f["properties"]["id"] == "hijack")
    assert [f["value"] for f in hijack["figures"]] == [10, 27, 182]
    assert hijack["hostages"] == 182 and hijack["fatalities"] == 10
    assert hijack["place"]["geo_precision"] == 1
    assert 90 < hijack["route_km"] < 140  # between Mach (66) and Mushkaf (125) posts
    assert hijack["offset_km"] < 40
    supports = {q["text"]: q["supports"] for q in hijack["quotes"]}
    assert supports["At least 10 people were reported dead."] == ["fatalities"]


def test_unlocated_incidents_are_listed_not_drawn():
    lost = incident("lost", "Somewhere", "Battles", "2025-01-01", None)
    m = maps.render([*sample_incidents(), lost])
    data = page.find_data(m).data
    assert [u["id"] for u in data["unmapped"]] == ["lost"]
    assert "lost" not in {f["properties"]["id"] for f in data["incidents"]["features"]}


def test_curated_argument_marks_incidents_curated_and_drops_duplicates():
    hijack = sample_incidents()[0]
    merged = page.merge_incidents([hijack, hijack], [hijack])
    assert [i.curated for i in merged] == [False, True]


def test_province_incident_uses_the_province_outline_as_uncertainty(sample_page):
    shapes = page_data(sample_page)["uncertainty"]
    province = next(s for s in shapes if s["name"] == "Balochistan")
    assert province["kind"] == "province" and province["geometry"]["type"] in (
        "Polygon", "MultiPolygon")
    station = next(s for s in shapes if s["name"] == "Mach")
    assert station["kind"] == "circle" and station["radius_km"] == 1.0


def test_route_has_line_stations_and_interpolated_km(sample_page):
    route = page_data(sample_page)["route"]
    assert route["line"][0] == [67.001, 30.184]
    jacobabad = next(s for s in route["stations"] if s["name"] == "Jacobabad")
    assert jacobabad["km"] is None and 141 < jacobabad["km_estimated"] < 1635


@pytest.mark.parametrize(("n", "clustered"), [(5, False), (page.CLUSTER_ABOVE + 1, True)])
def test_clustering_switches_on_for_many_incidents(n, clustered):
    data = page.find_data(maps.render(synthetic_incidents(n), basemaps=False)).data
    assert data["cluster"] is clustered


def test_outline_basemap_keeps_countries_near_the_data(sample_page):
    outlines = page_data(sample_page)["outlines"]
    assert outlines is not None, "the offline outline basemap is missing"
    names = {f["properties"]["name"] for f in outlines["countries"]}
    assert {"Pakistan", "Afghanistan"} <= names
    assert "Brazil" not in names
    assert {f["properties"]["country"] for f in outlines["provinces"]} == {"PK"}


@pytest.mark.parametrize(("fatalities", "bigger_than"), [(1, 0), (10, 1), (100, 10)])
def test_marker_size_grows_with_fatalities(fatalities, bigger_than):
    assert styles.marker_px(fatalities) > styles.marker_px(bigger_than)
    assert styles.marker_px(10**9) == styles.MAX_MARKER_PX


def test_event_styles_are_distinct_for_unknown_types():
    found = styles.event_styles(["Battles", "Odd type", "Other odd"])
    assert found["Battles"] == styles.EVENT_STYLES["Battles"]
    assert found["Odd type"] != found["Other odd"]


# --------------------------------------------------------------------------- saving


def test_save_writes_atomically_and_returns_the_size(tmp_path):
    out = tmp_path / "map.html"
    size = maps.save(sample_map(), out)
    assert out.stat().st_size == size
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_save_into_a_missing_folder_fails_cleanly(tmp_path):
    with pytest.raises(InputError, match="output folder does not exist"):
        maps.save(sample_map(), tmp_path / "nope" / "map.html")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the command


def run_cli(args: list[str], capsys, monkeypatch=None, stdin: str | None = None):
    from incimap.geo.cli import main

    if stdin is not None:
        import io
        import sys

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def write_seed_map(out: Path) -> Path:
    """Run the README's main command, ``incimap map -o OUT``, for the seed article."""
    pytest.importorskip("incimap.geo.extract")
    from incimap.geo.cli import main

    with pytest.raises(SystemExit) as done:
        main(["map", "-o", str(out)])
    assert done.value.code in (0, None)
    return out


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, isolated_cache) -> Path:
    return write_seed_map(tmp_path_factory.mktemp("seed") / "seed-map.html")


def test_map_command_writes_the_seed_map_under_3_mb(seed_map):
    page = seed_map.read_text(encoding="utf-8")
    assert seed_map.stat().st_size < 3_000_000
    data = page_data(page)
    assert any(d["kind"] == "curated" for d in data["layers"])
    # One marker per event: each curated record merged with the reader's copy of it.
    props = [f["properties"] for f in data["incidents"]["features"]]
    assert len(props) == 6
    assert all(p.get("curated") and p.get("also_automatic") for p in props)
    assert len({p["event_id"] for p in props}) == 6
    names = {f["properties"]["place"]["name"] for f in data["incidents"]["features"]}
    assert any("Mushkaf" in n for n in names)
    station_names = {s["name"] for s in data["route"]["stations"]}
    assert {"Quetta", "Mach"} <= station_names


def test_map_command_reads_stdin_without_curated_layer(tmp_path, capsys, monkeypatch,
                                                       isolated_cache):
    pytest.importorskip("incimap.geo.extract")
    out = tmp_path / "stdin.html"
    text = "Militants attacked a train near Mach in Balochistan on 11 March 2025. " + HOSTILE_QUOTE
    code, _, err = run_cli(["map", "-", "-o", str(out), "--published", "2025-03-12",
                            "--country", "PK"], capsys, monkeypatch, stdin=text)
    assert code in (0, None), err
    data = page_data(out.read_text(encoding="utf-8"))
    assert not any(d["kind"] == "curated" for d in data["layers"])
    assert data["title"] == "Article from standard input"


@pytest.mark.parametrize(("args", "message"), [
    (["map", "missing-article.txt"], "missing-article.txt: article not found"),
    (["map", "--published", "2025-13-40"], "--published"),
    (["map", "--route", "no-such-route.csv"], "no-such-route.csv"),
    (["map", "--curated", "no-such-curated.yaml"], "no-such-curated.yaml"),
])
def test_map_command_bad_input_is_one_line_and_writes_nothing(args, message, tmp_path, capsys):
    pytest.importorskip("incimap.geo.extract")
    out = tmp_path / "map.html"
    code, _, err = run_cli([*args, "-o", str(out)], capsys)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_map_command_help_does_not_import_folium():
    import subprocess
    import sys

    code = ("import sys; from incimap.geo.cli import main\n"
            "try:\n    main(['map', '--help'])\nexcept SystemExit: pass\n"
            "assert 'folium' not in sys.modules, 'folium imported'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parents[1])


def test_map_of_an_article_far_from_the_route_draws_no_route(tmp_path):
    import subprocess
    import sys

    article = Path(__file__).parent / "articles" / "maiduguri_market_bombing.txt"
    out = tmp_path / "map.html"
    run = subprocess.run([sys.executable, "-m", "incimap.geo", "map", str(article), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "drawing no route" in run.stderr
    html = out.read_text(encoding="utf-8")
    assert "Peshawar Cantonment" not in html
    assert "Suicide bombers kill 12 at cattle market in Maiduguri" in html  # the headline


# --------------------------------------------------------------------------- display


def test_incident_dates_go_into_the_page_at_their_precision(sample_page):
    data = page_data(sample_page)
    labels = {f["properties"]["id"]: f["properties"]["date_label"]
              for f in data["incidents"]["features"]}
    assert labels["province"] == "Aug 2024"
    assert labels["hijack"] == "11 Mar 2025"


def test_context_labels_go_into_the_page_as_a_layer():
    from incimap.geo.context import ContextLabel

    label = ContextLabel("Town <b>x</b>", "town", 29.5, 67.5, 7, 99, 10_000)
    html = maps.to_html(maps.render(sample_incidents(), context=[label]))
    data = page_data(html)
    assert data["context"] == [label.to_dict()]
    assert any(layer["kind"] == "context" for layer in data["layers"])
    assert "<b>x</b>" not in html
    assert "context" not in {layer["kind"] for layer in page_data(sample_page_html())["layers"]}


def sample_page_html() -> str:
    return maps.to_html(sample_map())


def test_map_title_is_the_headline_not_the_file_name(tmp_path):
    from incimap.geo.cli.map_cmd import _title_of, headline

    article = tmp_path / "ituri_report.txt"
    article.write_text("Militia kills 12 in raid on village, officials say.\n\n"
                       "BUNIA (wire) - Militia fighters killed 12 people.\n", encoding="utf-8")
    assert _title_of(article) == "Militia kills 12 in raid on village, officials say."
    assert headline("# Title: Gunmen attack a convoy\nBody.") == "Gunmen attack a convoy"
    long_first = "Word " * 60
    cut = headline(long_first)
    assert cut.endswith("\u2026") and len(cut) <= 101


def test_map_of_a_dataset_without_a_gazetteer_warns_and_draws_no_place_names(
        tmp_path, capsys, monkeypatch):
    from incimap.gazetteer import gazetteer as gz
    from incimap.geo.exceptions import GazetteerError
    from incimap.geo.layers import incidents_frame

    table = tmp_path / "incidents.csv"
    incidents_frame(sample_incidents()).drop(columns="geometry").to_csv(table, index=False)

    def broken(*_a, **_k):
        raise GazetteerError("cannot open the gazetteer: test")

    monkeypatch.setattr(gz, "open_gazetteer", broken)
    out = tmp_path / "map.html"
    code, _, err = run_cli(["map", str(table), "-o", str(out), "--no-route"], capsys)
    assert code in (0, None), err
    assert "no place names on the basemap" in err and "Traceback" not in err
    assert page_data(out.read_text(encoding="utf-8"))["context"] == []


def test_places_the_gazetteer_lacks_are_listed_not_drawn():
    lost = Mention(surface="Tumbarwa", span=span("Tumbarwa"), sentence=span("the village of "
                   "Tumbarwa"), role="event", hint="village", match_kind="unresolved")
    data = page.find_data(maps.render(sample_incidents(), mentions=[lost, lost])).data
    assert data["unlocated"] == [{"name": "Tumbarwa", "role": "event",
                                  "role_label": styles.role_label("event"), "hint": "village"}]
    assert "Tumbarwa" not in {f["properties"]["place"]["name"]
                              for f in data["places"]["features"]}
