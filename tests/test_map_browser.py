"""The saved maps opened offline in headless Chromium, as a reader would use them.

Every request other than file: and data: is blocked and recorded; each test asserts the
page had no JS error, console error, failed or blocked request, or dialog.

How markers are counted: ``incimap.incidentCount()`` sums the markers held by the
incident layers (clustered or not), and ``.incimap-incident`` elements (each carrying
``data-incident-id`` and ``data-layer``) are the markers actually on screen; without
clustering both equal the number of located incidents.
"""

from __future__ import annotations

import pytest
from test_maps import (
    HOSTILE_PAYLOADS,
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    MACH,
    mention,
    sample_incidents,
    sample_map,
    synthetic_incidents,
)

from incimap import maps
from incimap.geo.models import Incident

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "sample.html"
    maps.save(sample_map(), path)
    return path


def assert_clean(log):
    assert log.problems() == {}


def shot(page, screenshot_dir, name):
    page.screenshot(path=str(screenshot_dir / f"{name}.png"))


def layer_id(page, label_start: str) -> str:
    return page.evaluate("(start) => incimap.layers().find(l => l.label.startsWith(start)).id",
                         label_start)


def toggle_layer(page, label_start: str) -> None:
    """Click the layer control's checkbox whose label starts with ``label_start``."""
    page.hover(".leaflet-control-layers")
    label = page.locator(".leaflet-control-layers-overlays label", has_text=label_start)
    label.locator("input").click()


def test_sample_map_opens_offline_without_any_error(open_map, sample_file, screenshot_dir):
    page, log = open_map(sample_file)
    assert page.evaluate("typeof L === 'object' && L.version.startsWith('1.9')")
    assert page.locator(".folium-map.leaflet-container").count() == 1
    assert page.locator(".leaflet-control-layers").count() == 1
    page.wait_for_timeout(300)
    shot(page, screenshot_dir, "sample-map")
    assert_clean(log)


def test_marker_count_equals_located_incidents(open_map, sample_file):
    page, log = open_map(sample_file)
    n = len(sample_incidents())
    assert page.evaluate("incimap.incidentCount()") == n
    assert page.evaluate("incimap.visibleIncidentMarkers()") == n
    ids = page.eval_on_selector_all(".incimap-incident",
                                    "els => els.map(e => e.dataset.incidentId)")
    assert sorted(ids) == sorted(i.id for i in sample_incidents())
    assert_clean(log)


def test_turning_a_layer_off_hides_its_markers(open_map, sample_file):
    page, log = open_map(sample_file)
    battles = layer_id(page, "Incidents: Battles")
    selector = f'.incimap-incident[data-layer="{battles}"]'
    assert page.locator(selector).count() == 1
    toggle_layer(page, "Incidents: Battles")
    assert page.locator(selector).count() == 0
    assert page.evaluate("incimap.visibleIncidentMarkers()") == len(sample_incidents()) - 1
    toggle_layer(page, "Incidents: Battles")
    assert page.locator(selector).count() == 1
    route_lines = page.locator("path.incimap-route-line")
    assert route_lines.count() == 1
    toggle_layer(page, "Route:")
    assert route_lines.count() == 0
    assert_clean(log)


def test_popup_shows_hostile_quote_and_title_literally(open_map, sample_file, screenshot_dir):
    page, log = open_map(sample_file)
    page.locator('.incimap-incident[data-incident-id="hostile"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("h3").inner_text() == HOSTILE_TITLE
    quote = popup.locator("blockquote").first.evaluate("q => q.firstChild.textContent")
    assert quote == HOSTILE_QUOTE
    text = popup.text_content()
    for payload in HOSTILE_PAYLOADS:
        assert payload in text
    assert popup.locator("img, script").count() == 0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    shot(page, screenshot_dir, "hostile-popup")
    assert_clean(log)  # no dialog: nothing ran


def test_popup_shows_claims_precision_and_route_km(open_map, sample_file):
    page, log = open_map(sample_file)
    page.locator('.incimap-incident[data-incident-id="hijack"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for expected in ("2025-03-11", "exact day", "Battles", "Baloch Liberation Army",
                     "at least 27 militants (Associated Press)", "hostages: 182",
                     "Mushkaf Tunnel", "tunnel", "Route", "km "):
        assert expected in text
    assert_clean(log)


def test_place_popup_lists_role_and_alternatives(open_map, sample_file):
    page, log = open_map(sample_file)
    page.evaluate("incimap.app().searchIndex.find(e => e.label === 'Mach (taken_to)').focus()")
    popup = page.locator(".leaflet-popup-content .incimap-place-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "taken_to" in text and "Mach (other)" in text and "railway station" in text
    assert HOSTILE_QUOTE in popup.text_content()
    assert_clean(log)


def test_legend_and_time_control_are_present_and_filter(open_map, sample_file, screenshot_dir):
    page, log = open_map(sample_file)
    legend = page.locator(".incimap-legend")
    for text in ("Battles", "Violence against civilians", "curated", "fatalities",
                 "taken_to", "Route"):
        assert text in legend.inner_text()
    time = page.locator(".incimap-time")
    assert time.locator("input[type=range]").count() == 2
    assert "6 of 6 incidents" in time.inner_text()
    # Move the first-date slider to the last day: only the 2025-03-12 incident remains.
    page.locator(".incimap-time-from").fill(page.locator(".incimap-time-from")
                                            .get_attribute("max"))
    assert page.evaluate("incimap.incidentCount()") == 1
    assert page.evaluate("incimap.visibleIncidentMarkers()") == 1
    assert "1 of 6 incidents" in time.inner_text()
    assert page.locator(".incimap-panel-hit").count() == 1
    shot(page, screenshot_dir, "time-filtered")
    page.locator(".incimap-time-reset").click()
    assert page.evaluate("incimap.incidentCount()") == 6
    assert_clean(log)


def test_search_finds_a_station_and_opens_it(open_map, sample_file):
    page, log = open_map(sample_file)
    page.locator(".incimap-search-input").fill("sibi")
    hits = page.locator(".incimap-search-hit")
    assert hits.count() >= 1
    hits.filter(has_text="Sibi").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Sibi" in popup.inner_text()
    assert_clean(log)


def test_side_panel_zooms_to_an_incident(open_map, sample_file):
    page, log = open_map(sample_file)
    zoom = page.evaluate("incimap.app().map.getZoom()")
    page.locator('.incimap-panel-hit[data-incident-id="rescue"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Passengers rescued, taken to Mach" in popup.inner_text()
    assert page.evaluate("incimap.app().map.getZoom()") >= max(zoom, 9)
    assert_clean(log)


def test_controls_measure_fullscreen_minimap_and_mouse_position(open_map, sample_file):
    page, log = open_map(sample_file)
    for selector in (".incimap-fullscreen button", ".incimap-minimap .leaflet-container",
                     ".leaflet-control-scale", ".incimap-mouse-position"):
        assert page.locator(selector).count() == 1, selector
    page.mouse.move(640, 400)
    assert "\u00b0 N" in page.locator(".incimap-mouse-position").inner_text()
    page.locator(".incimap-measure button").click()
    page.mouse.click(600, 400)
    page.mouse.click(700, 400)
    readout = page.locator(".incimap-measure-readout").inner_text()
    assert " km (1 legs)" in readout
    assert page.evaluate("incimap.app().measure.totalKm()") > 0
    assert_clean(log)


def test_clustered_map_still_counts_every_incident(open_map, tmp_path, screenshot_dir):
    n = 2_000
    path = tmp_path / "many.html"
    maps.save(maps.render(synthetic_incidents(n), basemaps=False), path)
    page, log = open_map(path)
    assert page.evaluate("incimap.app().data.cluster") is True
    assert page.evaluate("incimap.incidentCount()") == n
    visible = page.evaluate("incimap.visibleIncidentMarkers()")
    assert visible < n
    assert page.locator(".marker-cluster").count() > 0
    page.mouse.move(640, 400)
    page.mouse.down()
    page.mouse.move(500, 300, steps=5)
    page.mouse.up()
    shot(page, screenshot_dir, "clustered-2000")
    # Switching a type off takes its markers out of the shared clusters.
    toggle_layer(page, "Incidents: Battles")
    page.wait_for_function("incimap.ready()")
    battles = sum(1 for i in synthetic_incidents(n) if i.event_type == "Battles")
    assert page.evaluate("incimap.incidentCount()") == n - battles
    toggle_layer(page, "Incidents: Battles")
    page.wait_for_function("incimap.ready()")
    # The list still reaches a clustered incident: zoom in until it shows, open its popup.
    hit = page.locator(".incimap-panel-hit").nth(3)
    number = hit.get_attribute("data-incident-id")[1:]
    hit.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert f"Synthetic incident {number}" in popup.inner_text()
    assert_clean(log)


def test_map_without_basemaps_opens_cleanly(open_map, tmp_path):
    path = tmp_path / "plain.html"
    maps.save(sample_map(basemaps=False), path)
    page, log = open_map(path)
    assert page.evaluate("incimap.incidentCount()") == len(sample_incidents())
    assert_clean(log)


def test_seed_map_from_the_command_line(open_map, seed_map, screenshot_dir):
    """Done-when: the README's command's map, offline, with route, incidents and controls."""
    page, log = open_map(seed_map)
    data = page.evaluate("incimap.app().data")
    n = len(data["incidents"]["features"])
    assert n > 0
    assert page.evaluate("incimap.incidentCount()") == n
    assert page.evaluate("incimap.visibleIncidentMarkers()") == n
    assert page.locator("path.incimap-route-line").count() == 1
    stations = page.locator(".incimap-km-label").all_inner_texts()
    assert any(s.startswith("Quetta") for s in stations)
    assert any(s.startswith("Peshawar") for s in stations)
    assert page.locator(".incimap-legend").count() == 1
    assert page.locator(".incimap-time input[type=range]").count() == 2
    page.wait_for_timeout(300)
    shot(page, screenshot_dir, "seed-map")
    assert_clean(log)


def test_seed_map_shows_one_marker_per_event_with_both_badges(open_map, seed_map):
    """Each event's curated and automatic copies are one marker whose popup has both badges."""
    page, log = open_map(seed_map)
    markers = page.locator(".incimap-incident")
    assert markers.count() == 6
    ids = page.evaluate("incimap.app().data.incidents.features.map(f => f.properties.id)")
    assert len(set(ids)) == 6
    page.locator(f'.incimap-incident[data-incident-id="{ids[0]}"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    badges = popup.locator(".incimap-badge").all_inner_texts()
    assert badges == ["curated (human-verified)", "automatic (also read from the article)"]
    assert_clean(log)


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, isolated_cache):
    from test_maps import write_seed_map

    return write_seed_map(tmp_path_factory.mktemp("seed") / "seed-map.html")


def test_hostile_event_type_and_role_show_literally_in_controls(open_map, tmp_path):
    odd = "<img src=x onerror=alert(1)> ${x} `y`"
    incidents = [Incident(id="odd", title="Odd", event_type=odd, sub_event_type="",
                          event_date="2025-01-02", time_precision=1, location=MACH)]
    path = tmp_path / "odd.html"
    maps.save(maps.render(incidents, mentions=[mention("Mach", MACH, odd, "Mach.")]), path)
    page, log = open_map(path)
    labels = page.locator(".leaflet-control-layers label").all_text_contents()
    assert any(f"Incidents: {odd} (1)" in text for text in labels)
    assert any(f"Places: {odd}" in text for text in labels)
    assert odd in page.locator(".incimap-legend").text_content()
    assert page.locator(".leaflet-control-layers img, .incimap-legend img").count() == 0
    assert_clean(log)


# --------------------------------------------------------------------------- phone, labels

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def boxes_overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def visible_boxes(page, selector: str) -> list[dict]:
    """Bounding boxes of the elements matching ``selector`` that show on screen."""
    return page.evaluate("""(selector) => Array.from(document.querySelectorAll(selector))
        .filter(n => getComputedStyle(n).visibility !== 'hidden' && n.offsetParent !== null)
        .map(n => { const r = n.getBoundingClientRect();
                    return {x: r.left, y: r.top, width: r.width, height: r.height,
                            text: n.textContent}; })
        .filter(b => b.width > 0 && b.height > 0 && b.x < innerWidth && b.y < innerHeight
                     && b.x + b.width > 0 && b.y + b.height > 0)""", selector)


def test_phone_layout_starts_folded_and_a_tap_opens_a_popup_clear_of_controls(
        open_map, seed_map, screenshot_dir):
    page, log = open_map(seed_map, **PHONE)
    shot(page, screenshot_dir, "phone-opening")
    # Panels start behind their buttons; the minimap and mouse position take no room.
    for folded in (".incimap-legend-body", ".incimap-panel-body", ".incimap-time-body",
                   ".incimap-minimap", ".incimap-mouse-position"):
        assert page.locator(folded).is_hidden(), folded
    for button in (".incimap-legend-toggle", ".incimap-panel-toggle", ".incimap-time-toggle"):
        assert page.locator(button).is_visible(), button
    # The whole title shows (it wraps instead of being cut).
    title = page.locator(".incimap-title")
    assert title.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert boxes_overlap(title.bounding_box(), {"x": 0, "y": 0, "width": 390, "height": 844})

    page.locator(".incimap-incident").first.tap(timeout=5_000)  # nothing covers the marker
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    page.wait_for_timeout(500)  # the popup's pan into view
    shot(page, screenshot_dir, "phone-popup")
    box = popup.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844
    controls = visible_boxes(page, ".leaflet-control, .incimap-title")
    assert controls
    covering = [c["text"][:40] for c in controls if boxes_overlap(box, c)]
    assert covering == []

    page.locator(".incimap-legend-toggle").tap()
    assert page.locator(".incimap-legend-body").is_visible()
    assert_clean(log)


def test_desktop_keeps_the_legend_open(open_map, sample_file):
    page, log = open_map(sample_file)
    assert page.locator(".incimap-legend-body").is_visible()
    assert page.locator(".incimap-time-toggle").is_hidden()
    assert_clean(log)


def test_context_labels_show_at_zoom_9_around_the_bolan_pass(open_map, seed_map,
                                                             screenshot_dir):
    page, log = open_map(seed_map)
    page.evaluate("incimap.app().map.setView([29.6, 67.5], 9, {animate: false})")
    page.wait_for_timeout(400)
    shot(page, screenshot_dir, "bolan-zoom-9")
    context = visible_boxes(page, ".incimap-context-label .incimap-context-name")
    stations = visible_boxes(page, ".incimap-km-label .incimap-km-text")
    markers = visible_boxes(page, ".incimap-incident")
    assert len(context) >= 3
    names = {b["text"] for b in context} | {b["text"].split(" \u00b7 ")[0] for b in stations}
    assert {"Sibi", "Mach", "Quetta"} <= names
    for label in context:
        assert not any(boxes_overlap(label, other) for other in stations + markers), label
    # Zoomed out, only the bigger places keep a label.
    page.evaluate("incimap.app().map.setView([29.6, 67.5], 5, {animate: false})")
    page.wait_for_timeout(400)
    assert len(visible_boxes(page, ".incimap-context-label")) < page.evaluate(
        "incimap.app().data.context.length")
    assert_clean(log)


@pytest.mark.parametrize("station", ["Quetta", "Peshi"])
def test_station_labels_are_never_hidden_by_markers(open_map, seed_map, station):
    page, log = open_map(seed_map)
    where = page.evaluate("(name) => incimap.app().data.route.stations"
                          ".find(s => s.name === name)", station)
    page.evaluate("([lat, lon]) => incimap.app().map.setView([lat, lon], 10, {animate: false})",
                  [where["lat"], where["lon"]])
    page.wait_for_timeout(400)
    labels = [b for b in visible_boxes(page, ".incimap-km-label .incimap-km-text")
              if b["text"].startswith(station + " \u00b7")]
    assert len(labels) == 1
    markers = visible_boxes(page, ".incimap-incident")
    assert not any(boxes_overlap(labels[0], m) for m in markers)
    # Above the markers' pane in any case.
    assert page.evaluate("Number(incimap.app().map.getPane('incimapLabels').style.zIndex) > "
                         "Number(getComputedStyle(incimap.app().map.getPane('markerPane'))"
                         ".zIndex)")
    assert_clean(log)


def test_failed_online_tiles_show_a_notice(open_map, sample_file, screenshot_dir):
    page, log = open_map(sample_file)
    notice = page.locator(".incimap-tile-notice")
    assert notice.is_hidden()
    page.hover(".leaflet-control-layers")
    page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").click()
    notice.wait_for(state="visible", timeout=10_000)
    assert "could not be loaded" in notice.inner_text()
    shot(page, screenshot_dir, "tiles-failed")
    # Every failure was a tile request that the test blocked; nothing broke on the page.
    assert log.blocked_requests and all("openstreetmap" in u for u in log.blocked_requests)
    assert log.page_errors == [] and log.dialogs == []
    page.locator(".leaflet-control-layers-base label", has_text="Offline outline map").click()
    assert notice.is_hidden()


def test_incident_list_opens_with_the_main_incident(open_map, sample_file):
    page, log = open_map(sample_file)
    first = page.locator(".incimap-panel-hit").first
    assert first.get_attribute("data-incident-id") == sample_incidents()[0].id
    assert_clean(log)


def test_month_precision_date_shows_as_a_month(open_map, sample_file):
    page, log = open_map(sample_file)
    item = page.locator('.incimap-panel-hit[data-incident-id="province"]')
    assert item.locator(".incimap-panel-date").inner_text() == "Aug 2024"
    item.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    date_row = popup.locator("tr", has_text="Date").inner_text()
    assert date_row.split("\t", 1)[-1].startswith("Aug 2024")
    assert_clean(log)


def test_expanded_layer_control_is_not_covered_by_the_legend(open_map, sample_file):
    page, log = open_map(sample_file)
    page.hover(".leaflet-control-layers")
    labels = page.locator(".leaflet-control-layers-overlays label")
    assert labels.count() > 0
    covered = page.evaluate("""() => Array.from(
        document.querySelectorAll('.leaflet-control-layers-overlays label')).filter(l => {
            const r = l.getBoundingClientRect();
            return [r.left + 10, r.left + r.width / 2, r.right - 4].some(x => {
                const top = document.elementFromPoint(x, r.top + r.height / 2);
                return !(top && top.closest('.leaflet-control-layers'));
            });
        }).map(l => l.textContent)""")
    assert covered == []
    assert_clean(log)


def test_a_doubtful_record_looks_different_and_its_popup_says_why(open_map, tmp_path):
    from dataclasses import replace

    by_id = {i.id: i for i in sample_incidents()}
    doubtful = replace(by_id["province"], confidence=0.2,
                       field_confidence={"location": 0.01, "date": 0.9})
    sure = replace(by_id["quetta"], confidence=0.9, field_confidence={"location": 0.93})
    path = tmp_path / "confidence.html"
    maps.save(maps.render([doubtful, sure]), path)
    page, log = open_map(path)
    assert page.locator('.incimap-incident.incimap-doubtful').count() == 1
    marker = page.locator('.incimap-incident[data-incident-id="province"]')
    assert "incimap-doubtful" in marker.get_attribute("class")
    assert float(marker.evaluate("e => getComputedStyle(e).opacity")) < 0.8
    assert "incimap-doubtful" not in page.locator(
        '.incimap-incident[data-incident-id="quetta"]').get_attribute("class")
    assert "low confidence" in page.locator(".incimap-legend").text_content()
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Confidence" in text and "0.20 (low)" in text and "location 0.01" in text
    assert_clean(log)


def test_place_the_gazetteer_lacks_is_listed_as_not_located(open_map, tmp_path):
    from incimap.geo.models import Mention, Span

    # A hostile name too: it is shown as text, never run.
    names = ["Tumbarwa", HOSTILE_TITLE]
    lost = [Mention(surface=n, span=Span(0, len(n), n), sentence=Span(0, len(n), n),
                    role="event", hint="village", match_kind="unresolved") for n in names]
    path = tmp_path / "unlocated.html"
    maps.save(maps.render(sample_incidents(), mentions=lost), path)
    page, log = open_map(path)
    note = page.locator(".incimap-panel-note").inner_text()
    assert "Places not located (not in the gazetteer): Tumbarwa (" in note
    assert HOSTILE_TITLE in note
    assert_clean(log)
