"""maps.static: the print/article image (PNG and SVG) and `incimap map --png/--svg`."""

from __future__ import annotations

import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from incimap.geo.exceptions import InputError  # noqa: E402
from incimap.geo.models import Incident, Place, Route, Station  # noqa: E402
from incimap.maps import static, styles  # noqa: E402

HOSTILE_TITLE = "Blast $\\frac{1}{2}$ <script>alert(1)</script> {{7*7}} & more"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed_inputs(seed_extraction):
    """What `incimap map` draws for the seed: one marker per event, the route, the mentions."""
    from incimap import seeds
    from incimap.geo.curated import load_curated
    from incimap.geo.events import one_per_event
    from incimap.geo.route import load_route

    curated = load_curated(seeds.CURATED_INCIDENTS)
    shown = one_per_event([*seed_extraction.incidents, *curated])
    return {"incidents": shown, "route": load_route(seeds.DEFAULT_ROUTE),
            "mentions": seed_extraction.mentions}


@pytest.fixture(scope="module")
def seed_figure(seed_inputs):
    return static.render(seed_inputs["incidents"], route=seed_inputs["route"],
                         mentions=seed_inputs["mentions"], title="Seed map")


@pytest.fixture(scope="module")
def seed_png(seed_figure, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("static") / "seed.png"
    static.save(seed_figure, path)
    return path


def _hex_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _pixels_of(image: np.ndarray, color: str, tolerance: float = 12.0) -> np.ndarray:
    rgb = image[..., :3] * 255.0
    return np.all(np.abs(rgb - _hex_rgb(color)) <= tolerance, axis=-1)


def _legend_texts(figure) -> list[str]:
    legend = figure.axes[0].get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def _svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def _station_route(name: str = "Test line") -> Route:
    return Route(name=name, stations=(
        Station("North End", 31.0, 67.0, km=0.0), Station("Middle", 30.5, 67.5, km=80.0),
        Station("South End", 30.0, 68.0, km=160.0)))


def _incident(id_: str, event_type: str, lat: float | None, lon: float | None,
              fatalities: int = 0, name: str = "Somewhere") -> Incident:
    where = None if lat is None else Place(name=name, lat=lat, lon=lon, feature_type="town",
                                           country="PK", gazetteer_id=f"t:{id_}")
    return Incident(id=id_, title=id_, event_type=event_type, sub_event_type="",
                    event_date="2025-03-11", time_precision=1,
                    location=where, fatalities=fatalities)


# --------------------------------------------------------------------------- the seed PNG


def test_seed_png_has_the_asked_size_and_is_not_blank(seed_png):
    import matplotlib.image as mpimg

    image = mpimg.imread(seed_png)
    assert image.shape[:2] == (static.DEFAULT_SIZE_PX[1], static.DEFAULT_SIZE_PX[0])
    colours = np.unique((image[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 200
    background = _pixels_of(image, "#ffffff", tolerance=2)
    assert (~background).mean() > 0.25  # outlines, sea, route, markers


def test_seed_legend_lists_the_event_types_route_and_stations(seed_figure, seed_inputs):
    texts = _legend_texts(seed_figure)
    types = {i.event_type for i in seed_inputs["incidents"] if i.location}
    assert types and types <= set(texts)
    assert f"Railway: {seed_inputs['route'].name}" in texts
    assert "Station" in texts
    assert not any(t in texts for t in styles.EVENT_STYLES if t not in types)


def test_seed_png_shows_the_legend_colours_inside_the_legend(seed_figure, seed_png,
                                                             seed_inputs):
    import matplotlib.image as mpimg

    image = mpimg.imread(seed_png)
    box = seed_figure.axes[0].get_legend().get_window_extent(
        seed_figure.canvas.get_renderer())
    height = image.shape[0]
    inside = image[int(height - box.y1):int(height - box.y0), int(box.x0):int(box.x1)]
    assert inside.size
    for event_type in {i.event_type for i in seed_inputs["incidents"] if i.location}:
        colour = styles.EVENT_STYLES[event_type]["color"]
        assert _pixels_of(inside, colour).sum() >= 20, event_type
        assert _pixels_of(image, colour).sum() > _pixels_of(inside, colour).sum()  # markers


def test_every_event_place_is_labelled_without_overlaps(seed_figure, seed_inputs):
    from matplotlib.text import Text

    ax = seed_figure.axes[0]
    renderer = seed_figure.canvas.get_renderer()
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    names = " ".join(t.get_text() for t in labels)
    for incident in seed_inputs["incidents"]:
        if incident.location:
            assert incident.location.name in names
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(renderer)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
               for b in boxes)


def test_labels_cover_no_incident_marker_and_name_the_termini_and_countries(seed_figure,
                                                                          seed_inputs):
    from matplotlib.text import Text

    ax = seed_figure.axes[0]
    renderer = seed_figure.canvas.get_renderer()
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    markers = next(c for c in ax.collections if c.get_gid() == "incidents")
    scale = seed_figure.dpi / 72
    for (px, py), size in zip(ax.transData.transform(markers.get_offsets()),
                              markers.get_sizes(), strict=True):
        half = np.sqrt(size) / 2 * scale
        for label in labels:
            box = Text.get_window_extent(label, renderer)  # the words, not the leader line
            assert not (box.x0 < px + half and box.x1 > px - half and box.y0 < py + half
                        and box.y1 > py - half), label.get_text()
    texts = {t.get_text() for t in ax.texts}
    stations = seed_inputs["route"].stations
    for terminus in (stations[0], stations[-1]):  # by its own label or a place's there
        assert any(terminus.name.split()[0] in t for t in texts), terminus.name
    assert any(t.isupper() and len(t) > 3 for t in texts)  # a country's name


def test_smaller_markers_are_drawn_over_larger_ones():
    incidents = [_incident("small", "Battles", 30.5, 67.4, 0),
                 _incident("big", "Riots", 30.5, 67.4, 500),
                 _incident("mid", "Protests", 30.5, 67.4, 20)]
    figure = static.render(incidents, title="t")
    markers = next(c for c in figure.axes[0].collections if c.get_gid() == "incidents")
    sizes = list(markers.get_sizes())
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


def test_curated_incidents_have_the_html_maps_black_outline():
    incidents = [_incident("auto", "Battles", 30.5, 67.4, 5)]
    curated = [_incident("checked", "Battles", 30.2, 67.9, 50)]
    figure = static.render(incidents, curated=curated, title="t")
    markers = next(c for c in figure.axes[0].collections if c.get_gid() == "incidents")
    edges = [tuple(np.round(e[:3], 2)) for e in markers.get_edgecolor()]
    assert edges == [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)]  # the bigger, curated one first
    assert "Curated (verified): black outline" in _legend_texts(figure)


def test_a_doubtful_record_is_faded_as_on_the_html_map():
    from dataclasses import replace

    sure = replace(_incident("sure", "Battles", 30.5, 67.4, 50), confidence=0.9)
    doubt = replace(_incident("doubt", "Battles", 30.2, 67.9, 5), confidence=0.2)
    figure = static.render([sure, doubt], title="t")
    markers = next(c for c in figure.axes[0].collections if c.get_gid() == "incidents")
    alphas = [round(float(c[3]), 2) for c in markers.get_facecolor()]
    assert alphas == [0.92, 0.45]  # the bigger, sure one first
    assert any(t.startswith("Low confidence") for t in _legend_texts(figure))
    plain = static.render([sure], title="t")
    assert not any(t.startswith("Low confidence") for t in _legend_texts(plain))


def test_legend_goes_to_a_corner_without_incidents():
    # Incidents in the upper left and lower left of their own extent.
    incidents = [_incident("a", "Battles", 31.0, 67.0), _incident("b", "Battles", 30.0, 67.0),
                 _incident("c", "Battles", 30.0, 68.0), _incident("d", "Battles", 30.9, 67.1)]
    figure = static.render(incidents, title="t")
    legend = figure.axes[0].get_legend()
    assert legend._loc == 1  # matplotlib's code for "upper right"


@pytest.mark.parametrize("source, expected", [
    (None, None),
    ("stops from Wikipedia (Some Line)", "Route: Wikipedia (CC BY-SA 4.0)"),
    ("survey by the railway board", "Route: survey by the railway board"),
    ("x" * 200, "Route: " + "x" * (static.ROUTE_SOURCE_CHARS - 1) + "\u2026"),
])
def test_attribution_credits_the_route_source(source, expected):
    text = static.attribution(source)
    assert text.startswith("Places: GeoNames (CC BY 4.0)")
    assert text.endswith("Map: incident-mapper")
    if expected is None:
        assert "Route" not in text
    else:
        assert expected in text


def test_view_holds_every_incident_and_station(seed_figure, seed_inputs):
    ax = seed_figure.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for collection in ax.collections:
        if collection.get_gid() == "incidents":
            points = collection.get_offsets()
            assert len(points) == sum(1 for i in seed_inputs["incidents"] if i.location)
            assert np.all((points[:, 0] > x0) & (points[:, 0] < x1))
            assert np.all((points[:, 1] > y0) & (points[:, 1] < y1))
            break
    else:
        pytest.fail("no incident markers")


def test_scale_bar_length_matches_geodesic_distance(seed_figure, seed_inputs):
    """The bar's km per map unit equals the geodesic km per map unit between two stations."""
    from pyproj import Geod

    ax = seed_figure.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "scalebar"]
    label = next(t for t in ax.texts if t.get_gid() == "scalebar-label")
    km = float(label.get_text().replace(",", "").split()[0])
    length = sum(p.get_width() for p in bars)
    stations = seed_inputs["route"].stations
    first, last = stations[0], stations[-1]
    dots = next(c for c in ax.collections
                if len(c.get_offsets()) == len(stations) and c.get_gid() != "incidents")
    (ax_, ay), (bx, by) = dots.get_offsets()[0], dots.get_offsets()[-1]
    _, _, metres = Geod(ellps="WGS84").inv(first.lon, first.lat, last.lon, last.lat)
    map_units = float(np.hypot(bx - ax_, by - ay))
    assert km / length == pytest.approx(metres / 1000 / map_units, rel=0.02)


def test_long_title_wraps_and_ends_with_an_ellipsis():
    words = " ".join(f"word{i}" for i in range(200))
    figure = static.render([_incident("a", "Battles", 30.5, 67.4)], title=words)
    title = next(t for t in figure.texts if t.get_gid() == "title").get_text()
    lines = title.split("\n")
    assert len(lines) == static.MAX_TITLE_LINES
    assert lines[0].startswith("word0 word1") and lines[-1].endswith("\u2026")


def test_title_and_attribution_name_the_sources(seed_figure):
    texts = {t.get_gid(): t.get_text() for t in seed_figure.texts}
    assert texts["title"] == "Seed map"
    assert "GeoNames (CC BY 4.0)" in texts["attribution"]
    assert "Natural Earth" in texts["attribution"]
    assert "incident-mapper" in texts["attribution"]


# --------------------------------------------------------------------------- SVG, safety


def test_svg_is_xml_with_the_title_and_legend_labels(seed_figure, tmp_path):
    path = tmp_path / "seed.svg"
    static.save(seed_figure, path)
    texts = _svg_texts(path)
    assert "Seed map" in texts
    for label in _legend_texts(seed_figure):
        assert label in texts


def test_hostile_headline_and_route_name_appear_literally(tmp_path):
    route = _station_route(name="Line $x^2$ <b>bold</b> {{7*7}}")
    figure = static.render([_incident("a", "Battles", 30.5, 67.4, 3)], route=route,
                           title=HOSTILE_TITLE)
    path = tmp_path / "hostile.svg"
    static.save(figure, path)
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<b>" not in raw
    assert "&lt;script&gt;" in raw
    texts = _svg_texts(path)
    # Dollars, backslashes and braces kept, not typeset (the title may wrap onto lines).
    assert HOSTILE_TITLE in " ".join(texts)
    assert f"Railway: {route.name}" in texts
    title = next(t for t in figure.texts if t.get_gid() == "title")
    assert title.get_parse_math() is False


def test_characters_without_a_glyph_warn_nothing(tmp_path):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = static.render([_incident("a", "Battles", 30.5, 67.4, name="\u5317\u4eac")],
                               title="\u5317\u4eac \u06c1")
        static.save(figure, tmp_path / "glyphs.png")
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_same_input_gives_the_same_bytes(tmp_path):
    route = _station_route()
    incidents = [_incident("a", "Battles", 30.5, 67.4, 12, "Alpha"),
                 _incident("b", "Riots", 30.2, 67.9, 0, "Beta")]
    outputs = []
    for run in range(2):
        figure = static.render(incidents, route=route, title="Same")
        for fmt in ("png", "svg"):
            path = tmp_path / f"{run}.{fmt}"
            static.save(figure, path)
            outputs.append(path.read_bytes())
    png_a, svg_a, png_b, svg_b = outputs
    assert png_a == png_b and svg_a == svg_b
    assert b"<dc:date>" not in svg_a
    assert b"tIME" not in png_a  # no timestamp chunk


def test_unmapped_incidents_are_counted_in_the_note():
    figure = static.render([_incident("a", "Battles", 30.5, 67.4),
                            _incident("b", "Battles", None, None)], title="t")
    note = next(t.get_text() for t in figure.texts if t.get_gid() == "attribution")
    assert note.startswith("1 incident without a known place not shown")


def test_unknown_event_types_get_the_html_maps_extra_colours():
    figure = static.render([_incident("a", "Looting spree", 30.5, 67.4)], title="t")
    markers = next(c for c in figure.axes[0].collections if c.get_gid() == "incidents")
    expected = styles.event_styles(["Looting spree"])["Looting spree"]["color"]
    assert np.allclose(markers.get_facecolor()[0][:3], _hex_rgb(expected) / 255, atol=0.01)
    assert "Looting spree" in _legend_texts(figure)


def _mention(name: str, lat: float, lon: float, role: str, feature_type: str = "town"):
    from incimap.geo.models import Mention, Span

    where = Place(name=name, lat=lat, lon=lon, feature_type=feature_type, country="PK",
                  gazetteer_id=f"t:{name}")
    return Mention(surface=name, span=Span(0, len(name), name), sentence=Span(0, 9, "Sentence."),
                   role=role, place=where, score=90.0, match_kind="exact")


def test_named_places_are_dots_with_labels_but_countries_are_not():
    mentions = [_mention("Startville", 30.9, 67.9, "origin"),
                _mention("Wholeland", 29.0, 69.0, "event", "country"),
                _mention("Elsewhere", 10.0, 10.0, "context")]
    figure = static.render([_incident("a", "Battles", 30.5, 67.4, name="Alpha")],
                           mentions=mentions, title="t")
    ax = figure.axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert "Startville" in texts and "Alpha" in texts
    assert "Wholeland" not in texts and "Elsewhere" not in texts
    assert "Place named: journey start" in _legend_texts(figure)
    assert "Place named: where it happened" not in _legend_texts(figure)
    (x0, x1) = ax.get_xlim()
    assert x1 - x0 < 1_000_000  # neither the country's point nor a context place widens it


def test_nothing_located_still_draws_a_world_map(tmp_path):
    figure = static.render([_incident("a", "Battles", None, None)], title="Nowhere")
    (x0, x1) = figure.axes[0].get_xlim()
    assert x1 - x0 > 20_000_000  # metres: the world, not a blank square at 0, 0
    assert any(c.get_gid() == "countries" for c in figure.axes[0].collections)
    static.save(figure, tmp_path / "nowhere.png")


def test_a_single_place_shows_its_surroundings():
    figure = static.render([_incident("a", "Battles", 30.5, 67.4)], title="t")
    (x0, x1), (y0, y1) = figure.axes[0].get_xlim(), figure.axes[0].get_ylim()
    assert min(x1 - x0, y1 - y0) >= 2 * static.MIN_HALF_SPAN_M


def test_countries_across_the_far_meridian_are_not_smeared_over_the_map():
    """Data around the world: no outline may stretch from one side of the map to the other
    (Alaska crosses the meridian opposite the view's centre here)."""
    incidents = [_incident("a", "Protests", 40.7, -74.0), _incident("b", "Protests", 33.7, 73.1),
                 _incident("c", "Protests", -33.9, 151.2)]
    figure = static.render(incidents, title="World")
    ax = figure.axes[0]
    (x0, x1) = ax.get_xlim()
    countries = next(c for c in ax.collections if c.get_gid() == "countries")
    widths = [np.ptp(ring[:, 0]) for path in countries.get_paths()
              for ring in path.to_polygons() if len(ring)]
    assert widths and max(widths) < 0.9 * (x1 - x0)


def test_inset_locator_shows_the_view_in_a_free_corner():
    figure = static.render([_incident("a", "Battles", 30.5, 67.4, 5)], title="t")
    main = figure.axes[0]
    inset = next(ax for ax in figure.axes if ax.get_gid() == "inset")
    renderer = figure.canvas.get_renderer()
    outer, box = main.get_window_extent(renderer), inset.get_window_extent(renderer)
    assert outer.x0 <= box.x0 and box.x1 <= outer.x1 and outer.y0 <= box.y0 <= box.y1 <= outer.y1
    assert box.width < 0.3 * outer.width
    marker = next(c for c in main.collections if c.get_gid() == "incidents")
    px, py = main.transData.transform(marker.get_offsets())[0]
    assert not (box.x0 <= px <= box.x1 and box.y0 <= py <= box.y1)
    # The view's outline sits inside the region shown, and is much smaller.
    view = next(c for c in inset.collections if c.get_gid() == "inset-view")
    extent = view.get_paths()[0].get_extents()
    (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
    assert x0 < extent.x0 < extent.x1 < x1 and y0 < extent.y0 < extent.y1 < y1
    assert extent.width < 0.5 * (x1 - x0)
    assert any(c.get_gid() != "inset-view" for c in inset.collections)  # countries drawn


def test_no_basemaps_draws_no_outlines_nor_inset():
    figure = static.render([_incident("a", "Battles", 30.5, 67.4, 5)], title="t",
                           basemaps=False)
    assert not any(c.get_gid() == "countries" for c in figure.axes[0].collections)
    assert [ax.get_gid() for ax in figure.axes] == [None]
    assert any(c.get_gid() == "incidents" for c in figure.axes[0].collections)


def test_world_view_has_no_inset():
    incidents = [_incident("a", "Protests", 40.7, -74.0), _incident("c", "Protests", -33.9, 151.2)]
    figure = static.render(incidents, title="World")
    assert not any(ax.get_gid() == "inset" for ax in figure.axes)


def test_save_refuses_an_unknown_format(tmp_path):
    figure = static.render([_incident("a", "Battles", 30.5, 67.4)], title="t")
    with pytest.raises(InputError, match="image format"):
        static.save(figure, tmp_path / "map.gif")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("text, size", [("1200x900", (1200, 900)), (" 640X480 ", (640, 480))])
def test_parse_size_reads_width_and_height(text, size):
    assert static.parse_size(text) == size


@pytest.mark.parametrize("text", ["12", "1200x", "x900", "50x50", "20000x900", "-5x-5", "1e3x900"])
def test_parse_size_refuses_what_is_not_a_sensible_size(text):
    with pytest.raises(InputError, match="--size must be WIDTHxHEIGHT"):
        static.parse_size(text)


def test_size_and_dpi_set_the_pixels(tmp_path):
    import matplotlib.image as mpimg

    figure = static.render([_incident("a", "Battles", 30.5, 67.4)], title="t",
                           size=(640, 480), dpi=96)
    path = tmp_path / "small.png"
    static.save(figure, path)
    assert mpimg.imread(path).shape[:2] == (480, 640)


# --------------------------------------------------------------------------- CLI


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", "map", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_cli_png_writes_the_seed_image_and_no_html(tmp_path):
    import matplotlib.image as mpimg

    run = _cli("--png", "seed.png", "--svg", "seed.svg", "--size", "800x600", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert mpimg.imread(tmp_path / "seed.png").shape[:2] == (600, 800)
    ET.parse(tmp_path / "seed.svg")
    assert not (tmp_path / "map.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.png", "seed.svg"]  # no temps


def test_cli_png_with_output_writes_both(tmp_path):
    run = _cli("--png", "seed.png", "-o", "seed.html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "seed.png").stat().st_size > 10_000
    assert "<html" in (tmp_path / "seed.html").read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("args, message", [
    (["--png", "missing/x.png"], "output folder does not exist"),
    (["--svg", "."], "is a folder"),
    (["--png", "-"], "--png needs a file name"),
    (["--png", "x.png", "--size", "12"], "--size must be WIDTHxHEIGHT"),
])
def test_cli_bad_image_option_is_one_line(args, message, tmp_path):
    run = _cli(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert message in run.stderr and run.stderr.count("\n") == 1
    assert run.stderr.startswith("incimap: ") and "Traceback" not in run.stderr
    assert not list(tmp_path.iterdir())


def test_map_help_documents_the_image_options_without_importing_matplotlib(tmp_path):
    code = ("import sys; from incimap.geo.cli import main\n"
            "try:\n    main(['map', '--help'])\nexcept SystemExit: pass\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert "--png" in run.stdout and "--svg" in run.stdout
    assert "only when -o is given" in " ".join(run.stdout.split())


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_svg_opens_in_chromium_with_its_text_and_runs_nothing(browser, tmp_path):
    """The SVG as a newsroom's CMS would show it: drawn, text as text, no script, no fetch."""
    import io

    import matplotlib.image as mpimg

    title = "Raid <script>window.pwned = 1</script> {{7*7}} $x$"
    figure = static.render([_incident("a", "Battles", 30.5, 67.4, 9, "Alpha")],
                           route=_station_route(), title=title)
    path = tmp_path / "map.svg"
    static.save(figure, path)
    context = browser.new_context(viewport={"width": 900, "height": 700})
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri())
    texts = page.evaluate("[...document.querySelectorAll('text')].map(t => t.textContent)")
    pwned = page.evaluate("window.pwned === undefined")
    size = page.evaluate("(() => { const b = document.documentElement.getBoundingClientRect();"
                         " return [b.width, b.height]; })()")
    shot = mpimg.imread(io.BytesIO(page.screenshot()), format="png")
    context.close()
    assert title in " ".join(texts) and "Alpha" in " ".join(texts)
    assert pwned
    assert requests == [path.resolve().as_uri()]
    # Inches of the figure at CSS's 96 px per inch.
    assert size == pytest.approx([px / static.DEFAULT_DPI * 96 for px in static.DEFAULT_SIZE_PX],
                                 abs=2)
    assert len(np.unique((shot[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 50
