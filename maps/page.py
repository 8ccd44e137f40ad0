"""Build the interactive map: a ``folium.Map`` whose layers our own script fills from data.

Design (why it looks like this):
- All data goes into the page once, as one JSON document in a
  ``<script type="application/json">`` element (escaped by ``maps.safejson``). Our script
  (``maps/assets/*.js``) parses it and builds markers, popups and lists with DOM text
  nodes, so no article text is ever HTML or JavaScript source: ``<script>``, ``${...}``,
  backticks and backslashes all show literally. (folium's own Popup puts HTML inside a JS
  template literal, which is why it is not used here.)
- Each layer is a folium ``FeatureGroup``, so the layer control and notebooks see ordinary
  folium layers; incidents inside them are one marker list per layer, clustered above
  ``CLUSTER_ABOVE`` incidents (10,000 stay smooth), never one folium object per feature.
- Nothing from an article or a data file is ever template source. branca compiles each
  element's rendered output as a new Jinja template, so ``IncimapData`` puts its parts in
  the page as ``_Literal`` elements, and every label folium's own elements carry (layer
  names, the title) has its braces written as character references (``html_text``).
- folium's default CDN scripts (jQuery, Bootstrap, awesome-markers, Font Awesome) are
  dropped; Leaflet and MarkerCluster come from XStatic packages, embedded by default.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import Element, MacroElement

from incimap.geo.exceptions import RouteError
from incimap.geo.fileio import write_text_atomic
from incimap.geo.models import ACLED_TAXONOMY, ROLES, Incident, Mention, Place, Route
from incimap.maps import assets, features, styles
from incimap.maps import basemaps as basemap_data
from incimap.maps.safejson import html_text, script_json

CLUSTER_ABOVE = 200  # incidents; below this every marker stays visible on its own
UNCERTAINTY_SHOWN_UP_TO = 1000  # shapes; above this the layer starts switched off
# Roles whose places frame the story; others (context, titles, "X-based") start hidden and
# do not pull the opening view out to, say, the United States.
PRIMARY_ROLES = ("event", "origin", "destination", "victims_from", "taken_to")
ADMIN_FEATURES = ("country", "province", "district")
SHAPE_SIMPLIFY_DEG = 0.01  # display generalisation of province/district outlines
DATA_VERSION = 1


@dataclass
class LayerSpec:
    """One toggleable layer: its id in the page's data and how the control shows it."""

    id: str
    kind: str  # incidents | curated | places | uncertainty | route | route_km | borders
    #            | context (place names)
    #            | outlines (base) | plain (base)
    label: str
    show: bool = True
    overlay: bool = True
    count: int = 0
    fit: bool = False  # included in the opening view
    event_type: str = ""
    role: str = ""

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


class _Literal(Element):
    """Text that goes into the page as it is: never compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class IncimapData(MacroElement):
    """The page's data, our scripts and styles, and the call that builds the layers.

    It renders itself as literal parts (branca's ``MacroElement.render`` would compile the
    data, which holds article text, as a template).
    """

    def __init__(self, data: dict, groups: dict[str, folium.FeatureGroup], cdn: bool = False):
        super().__init__()
        self._name = "IncimapData"
        self.data = data
        self.data_json = script_json(data)
        self.groups = groups
        self.cdn = cdn
        self.data_id = f"incimap-data-{self.get_name()}"

    def header_html(self) -> str:
        return assets.header_html(cdn=self.cdn)

    def data_html(self) -> str:
        return (f'<script type="application/json" id="{self.data_id}">{self.data_json}'
                "</script>")

    def script_js(self) -> str:
        return (f"incimap.init({self._parent.get_name()}, "
                f'document.getElementById("{self.data_id}"), {self.groups_js()});')

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        name = self.get_name()
        figure.header.add_child(_Literal(self.header_html()), name=name)
        figure.html.add_child(_Literal(self.data_html()), name=name)
        figure.script.add_child(_Literal(self.script_js()), name=name)

    def groups_js(self) -> str:
        # Keys are our own layer ids ("L0"...), values folium's generated variable names.
        return "{" + ", ".join(f'"{key}": {group.get_name()}'
                               for key, group in self.groups.items()) + "}"


# --------------------------------------------------------------------------- inputs


def merge_incidents(incidents: Iterable[Incident], curated: Iterable[Incident]) -> list[Incident]:
    """Automatic and curated incidents in one list; everything in ``curated`` is curated."""
    merged: list[Incident] = []
    seen: set[tuple[str, bool, str]] = set()
    marked = (i if i.curated else dataclasses.replace(i, curated=True) for i in curated)
    for incident in (*incidents, *marked):
        key = (incident.id, incident.curated, incident.title)
        if key not in seen:
            seen.add(key)
            merged.append(incident)
    return merged


def event_type_order(event_types: Iterable[str]) -> list[str]:
    """ACLED's types in the taxonomy's order, then any others alphabetically."""
    present = set(event_types)
    known = [t for t in ACLED_TAXONOMY if t in present]
    return known + sorted(present - set(known))


def route_geometry(route: Route) -> tuple[list[tuple[float, float]], list[float | None]]:
    """(line as lon/lat pairs, railway km of each station)."""
    from incimap.geo.route import route_line, station_chainages

    if len(route.stations) < 2:
        raise RouteError(f"route '{route.name}' needs at least two stations")
    return list(route_line(route).coords), list(station_chainages(route))


def route_segments(route: Route) -> list:
    """The route's segments with their ``interpolated`` flag and note (geo.route.segments)."""
    from incimap.geo.route import segments

    return segments(route)


def route_positions(route: Route | None, points: Sequence[Place]) -> list[tuple]:
    """(route km, offset km) of each point along the route; Nones when unknown."""
    empty = [(None, None)] * len(points)
    if route is None or not points:
        return empty
    from incimap.geo.route import locate_many

    found = locate_many(route, [p.lat for p in points], [p.lon for p in points])
    # km is NaN beyond the route's reach: no km, but the offset still says how far.
    return [(features.finite(k), float(o)) for k, o in zip(found.km, found.offset_km,
                                                            strict=True)]


def uncertainty_shapes(places: Iterable[Place]) -> list[dict]:
    """One shape per distinct place: the admin polygon where known, else a circle (km)."""
    shapes: list[dict] = []
    seen: set[tuple] = set()
    for place in places:
        key = features.place_key(place)
        if key in seen:
            continue
        seen.add(key)
        polygon = _admin_polygon(place) if place.feature_type in ADMIN_FEATURES else None
        shape = {"name": place.name, "geo_precision": place.geo_precision,
                 "radius_km": features.rounded(place.uncertainty_km, 2)}
        if polygon is not None:
            shape.update(kind=polygon[1], geometry=polygon[0])
        else:
            shape.update(kind="circle", lat=round(place.lat, features.COORD_DIGITS),
                         lon=round(place.lon, features.COORD_DIGITS))
        shapes.append(shape)
    return shapes


def _admin_polygon(place: Place) -> tuple[dict, str] | None:
    """A province/district/country outline standing for an imprecise place (GeoJSON)."""
    from incimap.geo.uncertainty import uncertainty_of

    found = uncertainty_of(place, segments=64)
    if found is None or found.kind == "circle":
        return None
    import shapely
    from shapely.geometry import mapping

    geom = shapely.set_precision(found.geometry.simplify(SHAPE_SIMPLIFY_DEG), 1e-3)
    if geom.is_empty:
        return None
    return mapping(geom), found.kind


def data_bounds(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of (lat, lon) points, or None for none."""
    lats, lons = [], []
    for lat, lon in points:
        lats.append(lat)
        lons.append(lon)
    if not lats:
        return None
    return min(lons), min(lats), max(lons), max(lats)


# --------------------------------------------------------------------------- the data


def build_data(incidents: Sequence[Incident], route: Route | None, mentions: Sequence[Mention],
               *, title: str = "", basemaps_on: bool = True, cluster: bool | None = None,
               context: Sequence = ()) -> tuple[dict, list[LayerSpec]]:
    """The page's JSON document and its layers, from the domain objects."""
    located = [i for i in incidents if features.has_position(i.location)]
    unmapped = [i for i in incidents if not features.has_position(i.location)]
    placed = [m for m in mentions if features.has_position(m.place)]
    layers: list[LayerSpec] = []

    def add(kind: str, label: str, **kw) -> LayerSpec:
        spec = LayerSpec(id=f"L{len(layers)}", kind=kind, label=label, **kw)
        layers.append(spec)
        return spec

    # Incidents: one layer per event type found in the article, one for curated ones.
    automatic = [i for i in located if not i.curated]
    curated = [i for i in located if i.curated]
    types = event_type_order(i.event_type or styles.UNKNOWN_EVENT_TYPE for i in located)
    layer_of_incident: dict[int, str] = {}
    for event_type in types:
        members = [i for i in automatic
                   if (i.event_type or styles.UNKNOWN_EVENT_TYPE) == event_type]
        if members:
            spec = add("incidents", f"Incidents: {event_type} ({len(members)})",
                       count=len(members), fit=True, event_type=event_type)
            layer_of_incident.update((id(i), spec.id) for i in members)
    if curated:
        spec = add("curated", f"Curated incidents, verified ({len(curated)})",
                   count=len(curated), fit=True)
        layer_of_incident.update((id(i), spec.id) for i in curated)

    # Places named in the article, one layer per role.
    layer_of_role: dict[str, str] = {}
    roles_present = {m.role for m in placed}
    for role in [*ROLES, *sorted(roles_present - set(ROLES))]:
        if role in roles_present:
            n = len({features.place_key(m.place) for m in placed if m.role == role})
            primary = role in PRIMARY_ROLES
            spec = add("places", f"Places: {role} \u2013 {styles.role_label(role)} ({n})",
                       count=n, show=primary, fit=primary, role=role)
            layer_of_role[role] = spec.id

    # Route km of everything located, where the incident or mention does not carry it.
    incident_km = route_positions(route, [i.location for i in located])
    incident_features = [
        features.incident_feature(i, layer_of_incident[id(i)], km, offset)
        for i, (km, offset) in zip(located, incident_km, strict=True)
    ]
    mention_km = route_positions(route, [m.place for m in placed])
    placed = [
        m if m.route_km is not None or offset is None
        else dataclasses.replace(m, route_km=km, offset_km=offset)
        for m, (km, offset) in zip(placed, mention_km, strict=True)
    ]
    place_features = features.place_features(placed, layer_of_role)

    # Uncertainty of where incidents happened and of event places; a country-wide mention
    # ("Pakistan") would shade a whole country for no incident, so it gets none.
    shapes = uncertainty_shapes([
        *(i.location for i in located),
        *(m.place for m in placed if m.role == "event" and m.place.feature_type != "country"),
    ])
    if shapes:
        add("uncertainty", "Uncertainty areas", count=len(shapes),
            show=len(shapes) <= UNCERTAINTY_SHOWN_UP_TO)

    route_json = None
    if route is not None:
        line, kms = route_geometry(route)
        route_json = features.route_data(route, line, kms, route_segments(route))
        add("route", f"Route: {route.name}", count=len(route.stations), fit=True)
        add("route_km", "Station names and railway km", count=len(route.stations))

    outlines = None
    if basemaps_on:
        main = [(i.location.lat, i.location.lon) for i in located]
        main += [(m.place.lat, m.place.lon) for m in placed if m.role in PRIMARY_ROLES]
        if route is not None:
            main += [(s.lat, s.lon) for s in route.stations]
        countries = {p.country for p in [*(i.location for i in located),
                                         *(m.place for m in placed)] if p.country}
        province_countries = {i.location.country for i in located if i.location.country}
        outlines = basemap_data.outline_basemap(data_bounds(main), countries, province_countries)
        if outlines:
            add("borders", "Province and country borders",
                count=len(outlines["countries"]) + len(outlines["provinces"]))
            add("outlines", "Offline outline map (no internet needed)", overlay=False)
    context_json = [_label_dict(c) for c in context] if basemaps_on else []
    if context_json:
        add("context", "Place names (offline gazetteer)", count=len(context_json))
    if not outlines:
        add("plain", "No basemap (offline)", overlay=False)

    data = {
        "version": DATA_VERSION,
        "title": title,
        "cluster": (len(located) > CLUSTER_ABOVE) if cluster is None else bool(cluster),
        "layers": [spec.to_dict() for spec in layers],
        "event_styles": styles.event_styles(types),
        "styles": styles.style_tables(),
        "incidents": {"type": "FeatureCollection", "features": incident_features},
        "unmapped": [features.unmapped_incident(i) for i in unmapped],
        # Places the gazetteer lacks: listed as not located, never drawn.
        "unlocated": features.unlocated_places(mentions),
        "places": {"type": "FeatureCollection", "features": place_features},
        "uncertainty": shapes,
        "route": route_json,
        "outlines": outlines,
        "context": context_json,
    }
    return data, layers


def _label_dict(label) -> dict:
    """A context label (``geo.context.ContextLabel`` or its dict) as the page reads it."""
    return dict(label.to_dict() if hasattr(label, "to_dict") else label)


def _opening_view(data: dict) -> tuple[list[float], int]:
    """A centre and zoom for folium; the page's script then fits the data exactly."""
    points = [f["geometry"]["coordinates"] for f in data["incidents"]["features"]]
    if data["route"]:
        points += data["route"]["line"]
    if not points:
        return [30.0, 69.0], 5
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 0.01)
    zoom = max(2, min(12, int(round(math.log2(360 / span))) - 1))
    return [(min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2], zoom


# --------------------------------------------------------------------------- public API


def render(incidents: Iterable[Incident], route: Route | None = None,
           mentions: Iterable[Mention] = (), curated: Iterable[Incident] = (), *,
           title: str = "", cdn: bool = False, basemaps: bool = True,
           cluster: bool | None = None, context: Iterable = ()) -> folium.Map:
    """The interactive map of incidents, place mentions and a route, as a ``folium.Map``.

    ``incidents`` may mix automatic and curated ones (``curated=True``); ``curated`` adds
    more, all treated as curated. ``basemaps=False`` leaves out the outline map and the
    online tile choices (data on a plain background). ``cluster`` forces marker clustering
    on or off; by default it is on above ``CLUSTER_ABOVE`` incidents. ``cdn`` only affects
    how the map shows in a notebook; ``save`` decides for the file. ``context`` holds
    place-name labels for the offline basemap (``geo.context.context_labels``), each shown
    from its ``min_zoom`` to its ``max_zoom`` where it covers no marker or data label.
    Incidents are listed in the order given (a reader's main incident comes first).
    """
    merged = merge_incidents(incidents, curated)
    data, layers = build_data(merged, route, list(mentions), title=title,
                              basemaps_on=basemaps, cluster=cluster, context=list(context))
    center, zoom = _opening_view(data)
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=False)
    # folium's defaults load jQuery, Bootstrap, awesome-markers and Font Awesome from CDNs;
    # nothing here uses them. Leaflet itself comes with IncimapData.
    m.default_js = []
    m.default_css = []
    if title:
        m.get_root().title = html_text(title)

    # The layer control lists layers in the order they join the map: offline base first,
    # then the online tile choices, then the overlays.
    groups: dict[str, folium.FeatureGroup] = {}
    for spec in [s for s in layers if not s.overlay]:
        groups[spec.id] = _feature_group(spec).add_to(m)
    if basemaps:
        _add_tile_layers(m)
    for spec in [s for s in layers if s.overlay]:
        groups[spec.id] = _feature_group(spec).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    IncimapData(data, groups, cdn=cdn).add_to(m)
    return m


def _feature_group(spec: LayerSpec) -> folium.FeatureGroup:
    # Leaflet's layer control sets names with innerHTML: escape them.
    return folium.FeatureGroup(name=html_text(spec.label), overlay=spec.overlay,
                               show=spec.show, control=True)


def _add_tile_layers(m: folium.Map) -> None:
    """Online tile layers as choices in the control, never shown on opening."""
    for provider, label in basemap_data.tile_providers():
        folium.TileLayer(tiles=provider, name=html_text(label), overlay=False, show=False,
                         control=True).add_to(m)


def find_data(m: folium.Map) -> IncimapData | None:
    """The IncimapData element of a map made by ``render`` (None for other maps)."""
    for child in m._children.values():
        if isinstance(child, IncimapData):
            return child
    return None


def to_html(m: folium.Map, cdn: bool = False) -> str:
    """The full HTML page; self-contained unless ``cdn``."""
    element = find_data(m)
    if element is not None:
        element.cdn = cdn
    return m.get_root().render()


def save(m: folium.Map, path: str | Path, cdn: bool = False) -> int:
    """Write the map's page to ``path`` atomically; returns its size in bytes.

    Self-contained by default: every script, stylesheet and icon is inside the file, so it
    opens with no internet. ``cdn=True`` links Leaflet and MarkerCluster from a CDN instead.
    """
    text = to_html(m, cdn=cdn)
    write_text_atomic(path, text)
    return len(text.encode("utf-8"))
