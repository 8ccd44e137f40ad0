"""A static map image (PNG or SVG) for print and articles, drawn with matplotlib (rendering only).

``render(incidents, route=..., mentions=..., title=...)`` takes what ``maps.render`` takes and
returns a ``matplotlib.figure.Figure``; ``draw(frames...)`` does the same from the layers of
``geo.layers``; ``save(figure, path)`` writes it atomically. The image shows the offline outlines,
incidents in the HTML map's colours and symbols, the route and its stations, labels for the
places, a legend, a scale bar, a north arrow, a locator inset where a corner is free, the
title and the data sources.

Why it looks like this:
- Drawing is in a local metric projection, so shapes are not stretched and the scale bar is
  a length on the map; its kilometres are still measured geodesically where it is drawn.
- Labels go, most important first, to the first free spot around their point (never over
  another label, the legend or the scale; over a marker only to name an event place).
- Every string from an article or a data file is a plain matplotlib ``Text`` with mathtext
  off (``parse_math=False``): ``$x$`` stays dollars, and SVG escapes markup itself.
- Output is deterministic: fixed fonts (DejaVu Sans, shipped with matplotlib), a fixed SVG
  hash salt, no dates in the metadata, labels placed by a fixed greedy order.
- matplotlib is imported inside the functions (``Figure`` directly, never pyplot), so
  importing this module is cheap and no global backend is chosen.
"""

from __future__ import annotations

import contextlib
import math
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from incimap.geo.confidence import LOW as LOW_CONFIDENCE
from incimap.geo.models import Incident, Mention, Route
from incimap.maps import styles

DEFAULT_SIZE_PX = (1200, 900)
DEFAULT_DPI = 150
FORMATS = ("png", "svg")

FONT = "DejaVu Sans"  # ships with matplotlib, so every machine draws the same glyphs
SVG_HASH_SALT = "incident-mapper"
CREATOR = "incident-mapper"

SEA_COLOR = "#dfe9ef"
LAND_COLOR = "#f1efea"
FOCUS_LAND_COLOR = "#ffffff"  # countries where the incidents are
BORDER_COLOR = "#8d8d8d"
PROVINCE_COLOR = "#b9b9b9"
TEXT_COLOR = "#222222"
MUTED_TEXT_COLOR = "#6b6b6b"

# matplotlib marker for each symbol name of maps.styles.
MARKERS = {"diamond": "D", "circle": "o", "star": "*", "triangle": "^", "square": "s",
           "hexagon": "h", "pentagon": "p", "cross": "X"}
# A star's ink is smaller than its box: grow it so it reads like the others.
MARKER_SCALE = {"star": 1.35, "diamond": 0.85}
PX_TO_PT = 0.75  # the HTML map's sizes are CSS pixels (1/96 in); matplotlib's are points
PLACE_DOT_PT = 6.0
STATION_DOT_PT = 4.0

PAD_FRACTION = 0.08  # of the data's span, on each side
MIN_HALF_SPAN_M = 60_000.0  # one place alone still shows its surroundings
OUTLINE_MARGIN_DEG = 3.0  # outlines kept beyond the view, so borders run off the edge
WIDE_SPAN_DEG = 60.0  # wider than this, a transverse Mercator distorts too much
SEAM_DEG = 0.05  # half-width of the strip cut out along the projection's far meridian
MAX_TITLE_LINES = 3
INSET_FRACTION = 0.22  # of the map's width, for the locator's side
INSET_ZOOM_OUT = 4.0  # the locator spans this many times the view
INSET_MIN_HALF_M = 1_500_000.0  # at least a region around a single town
INSET_MAX_HALF_M = 5_000_000.0  # at most a continent (an azimuthal view stays readable)
INSET_VIEW_COLOR = TEXT_COLOR  # not red: red is the Battles colour
LABEL_OFFSET_PT = 6.0
MAX_LABELS = 30
SCALE_FRACTION = 0.22  # of the map's width, at most, for the scale bar


def render(incidents: Iterable[Incident], route: Route | None = None,
           mentions: Iterable[Mention] = (), curated: Iterable[Incident] = (), *,
           title: str = "", size: tuple[int, int] = DEFAULT_SIZE_PX, dpi: int = DEFAULT_DPI,
           basemaps: bool = True):
    """The static map of the same inputs as ``maps.render``, as a matplotlib ``Figure``.

    ``size`` is (width, height) in pixels at ``dpi``. ``basemaps=False``, as for
    ``maps.render``, draws the data on a plain background: no outlines, no inset.
    """
    from incimap.geo import layers
    from incimap.maps.page import merge_incidents

    merged = merge_incidents(incidents, curated)
    return draw(
        layers.incidents_frame(merged),
        mentions=layers.mentions_frame(list(mentions)),
        route=layers.route_frame(route) if route is not None else None,
        stations=layers.stations_frame(route) if route is not None else None,
        title=title, size=size, dpi=dpi, basemaps=basemaps)


def draw(incidents, *, mentions=None, route=None, stations=None, title: str = "",
         size: tuple[int, int] = DEFAULT_SIZE_PX, dpi: int = DEFAULT_DPI, basemaps: bool = True):
    """The static map from GeoDataFrames of ``geo.layers`` (incidents_frame, mentions_frame,
    route_frame, stations_frame), as a matplotlib ``Figure``."""
    import matplotlib

    with matplotlib.rc_context(_RC), _quiet_glyphs():
        return _Drawing(incidents, mentions, route, stations, title, size, dpi, basemaps).figure


def save(figure, path: str | Path, fmt: str | None = None) -> int:
    """Write ``figure`` as PNG or SVG (``fmt``, default from the suffix) atomically; its size.

    Same figure, same bytes: no dates in the metadata, a fixed SVG hash salt.
    """
    import matplotlib

    from incimap.geo.exceptions import InputError, OutputError
    from incimap.geo.fileio import atomic_path

    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError(f"image format must be one of {', '.join(FORMATS)}, got {fmt!r}",
                         path=str(path))
    metadata = ({"Date": None, "Creator": CREATOR} if fmt == "svg"
                else {"Software": CREATOR})
    with matplotlib.rc_context(_RC), _quiet_glyphs(), atomic_path(path) as tmp:
        try:
            figure.savefig(tmp, format=fmt, dpi=figure.dpi, metadata=metadata)
        except OSError as e:
            raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
        return tmp.stat().st_size


MIN_SIZE_PX, MAX_SIZE_PX = 100, 10_000


def parse_size(text: str) -> tuple[int, int]:
    """(width, height) in pixels from ``"1200x900"``; InputError naming ``--size`` otherwise."""
    from incimap.geo.exceptions import InputError

    width, _, height = text.strip().lower().partition("x")
    if not (width.isdigit() and height.isdigit()
            and all(MIN_SIZE_PX <= int(v) <= MAX_SIZE_PX for v in (width, height))):
        raise InputError(f"--size must be WIDTHxHEIGHT in pixels, each {MIN_SIZE_PX} to "
                         f"{MAX_SIZE_PX:,}, got {text!r}")
    return int(width), int(height)


ROUTE_SOURCE_CHARS = 60


def attribution(route_source: str | None = None) -> str:
    """The data sources line (licences as recorded in seeds/SOURCES.md); ``route_source`` is
    the route file's ``# source`` line, or None without a route."""
    parts = ["Places: GeoNames (CC BY 4.0)", "Outlines: Natural Earth (public domain)"]
    if route_source is not None:
        source = " ".join(route_source.split())
        if "wikipedia" in source.lower():
            parts.append("Route: Wikipedia (CC BY-SA 4.0)")
        elif source:
            short = source if len(source) <= ROUTE_SOURCE_CHARS else (
                source[:ROUTE_SOURCE_CHARS - 1].rstrip() + "\u2026")
            parts.append(f"Route: {short}")
    parts.append("Map: incident-mapper")
    return " \u00b7 ".join(parts)


_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],  # no fallback fonts: they differ between machines
    "text.usetex": False,
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "none",  # real <text>: searchable and editable by a newsroom's designer
}


@contextlib.contextmanager
def _quiet_glyphs():
    """Characters DejaVu Sans lacks (CJK, some Urdu letters) draw as boxes; matplotlib's
    warning per glyph would bury the command's own messages."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        yield


# --------------------------------------------------------------------------- drawing


class _Drawing:
    """One figure being drawn; attributes are the figure's parts, filled top to bottom."""

    def __init__(self, incidents, mentions, route, stations, title: str,
                 size: tuple[int, int], dpi: int, basemaps: bool):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        width, height = size
        self.figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi,
                             facecolor="white")
        FigureCanvasAgg(self.figure)
        self.incidents = _located(incidents)
        self.unmapped = len(incidents) - len(self.incidents)
        self.mentions = _located(mentions)
        self.route = route if route is not None and not route.empty else None
        self.stations = _located(stations)
        # Legend entries by section, shown incidents first.
        self.entries: dict[str, list[tuple[object, str]]] = {
            "incidents": [], "route": [], "places": []}
        # Labels never cover furniture or each other ("obstacles"), and avoid covering
        # markers ("marks") where they can.
        self.obstacles = _Obstacles()
        self.marks = _Obstacles()

        self._layout(title)
        self._project()
        if basemaps:
            self._outlines()
        self._route()
        self._places()
        self._incidents()
        self._legend()
        if basemaps:
            self._inset()
        self._scale_bar()
        self._north_arrow()
        self._place_labels()
        self.ax.set_xlabel("")  # geopandas names the projected axes; a locator map shows none
        self.ax.set_ylabel("")

    # ----------------------------------------------------------------- frame and text

    def _layout(self, title: str) -> None:
        fig = self.figure
        width_in, height_in = fig.get_size_inches()
        title_pt = 15.0
        lines = _wrap(title or "Incidents", width_in * 72 - 24, title_pt)
        title_h = (len(lines) * title_pt * 1.25 + 14) / 72 / height_in
        foot_h = 34 / 72 / height_in
        margin = 10 / 72 / width_in
        fig.text(margin, 1 - 8 / 72 / height_in, "\n".join(lines), ha="left", va="top",
                 fontsize=title_pt, fontweight="bold", color=TEXT_COLOR, parse_math=False,
                 linespacing=1.25, gid="title")
        self.ax = fig.add_axes((margin, foot_h, 1 - 2 * margin, 1 - title_h - foot_h))
        self.ax.set_facecolor(SEA_COLOR)
        self.ax.set_xticks([])
        self.ax.set_yticks([])
        for spine in self.ax.spines.values():
            spine.set_color(BORDER_COLOR)
            spine.set_linewidth(0.8)
        route_source = None
        if self.route is not None:
            route_source = str(self.route["source"].iloc[0]) if "source" in self.route else ""
        note = attribution(route_source)
        if self.unmapped:
            note = (f"{self.unmapped} incident{'s' if self.unmapped != 1 else ''} without a "
                    f"known place not shown. " + note)
        fig.text(margin, 8 / 72 / height_in, note, ha="left", va="bottom", fontsize=6.5,
                 color=MUTED_TEXT_COLOR, parse_math=False, gid="attribution")

    # ----------------------------------------------------------------- projection and extent

    def _project(self) -> None:
        """A local metric CRS around the data, and the view that fits it."""
        import geopandas as gpd

        points = [*_lon_lats(self.incidents), *_lon_lats(self.stations),
                  *_lon_lats(_primary(self.mentions))] or _lon_lats(self.mentions)
        if not points:  # nothing located: the inhabited world, so the image still says so
            points = [(-170.0, -50.0), (170.0, 75.0)]
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        lon_0, lat_0 = (west + east) / 2, (south + north) / 2
        self.lon_0 = lon_0
        if east - west > WIDE_SPAN_DEG or north - south > WIDE_SPAN_DEG:
            self.crs = f"+proj=eqearth +lon_0={lon_0:.4f} +datum=WGS84 +units=m +no_defs"
        else:
            self.crs = (f"+proj=tmerc +lat_0={lat_0:.4f} +lon_0={lon_0:.4f} +k=1 +x_0=0 "
                        "+y_0=0 +datum=WGS84 +units=m +no_defs")
        self.data_lonlat = (west, south, east, north)
        xy = gpd.GeoSeries.from_xy(lons, lats, crs="EPSG:4326").to_crs(self.crs)
        x0, x1 = float(xy.x.min()), float(xy.x.max())
        y0, y1 = float(xy.y.min()), float(xy.y.max())
        half_w = max((x1 - x0) / 2 * (1 + 2 * PAD_FRACTION), MIN_HALF_SPAN_M)
        half_h = max((y1 - y0) / 2 * (1 + 2 * PAD_FRACTION), MIN_HALF_SPAN_M)
        # Room for the legend and the scale bar beside the data.
        half_w *= 1.12
        half_h *= 1.12
        bbox = self.ax.get_window_extent()
        aspect = bbox.height / bbox.width
        if half_h / half_w < aspect:
            half_h = half_w * aspect
        else:
            half_w = half_h / aspect
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.ax.set_xlim(cx - half_w, cx + half_w)
        self.ax.set_ylim(cy - half_h, cy + half_h)
        self.ax.set_aspect("equal", adjustable="box")
        self.ax.set_autoscale_on(False)
        # The inset locator: an equal-area view some times wider, centred on the data.
        self.inset_lonlat = None
        if self.crs.startswith("+proj=tmerc"):
            centre = gpd.GeoSeries.from_xy([cx], [cy], crs=self.crs).to_crs("EPSG:4326")
            lon_c, lat_c = float(centre.x.iloc[0]), float(centre.y.iloc[0])
            self.inset_crs = (f"+proj=laea +lat_0={lat_c:.4f} +lon_0={lon_c:.4f} "
                              "+datum=WGS84 +units=m +no_defs")
            half = min(max(INSET_ZOOM_OUT * max(half_w, half_h), INSET_MIN_HALF_M),
                       INSET_MAX_HALF_M)
            self.inset_limits = (-half, half)
            self.inset_lonlat = _edges_lonlat(self.inset_crs, self.inset_limits,
                                              self.inset_limits, 0.0)

    def _to_map(self, frame):
        return frame.to_crs(self.crs)

    def _view_lonlat(self) -> tuple[float, float, float, float]:
        """The view's lon/lat bounds (from its edges), with a margin."""
        return _edges_lonlat(self.crs, self.ax.get_xlim(), self.ax.get_ylim(),
                             OUTLINE_MARGIN_DEG)

    # ----------------------------------------------------------------- layers

    def _outlines(self) -> None:
        import geopandas as gpd
        import shapely
        from shapely.geometry import box, shape

        from incimap.maps.basemaps import outline_basemap

        focus = set(self.incidents["country_code"]) if "country_code" in self.incidents else set()
        # Countries for the inset too, when there is one: one read of the outlines.
        basemap = outline_basemap(self.inset_lonlat or self.data_lonlat, (), focus)
        if not basemap:
            return
        self.inset_countries = basemap["countries"]
        self.focus = focus
        view = self._view_lonlat()
        # A polygon across the projection's far meridian would be smeared over the world.
        far = self.lon_0 + 180.0 if self.lon_0 < 0 else self.lon_0 - 180.0
        seam = box(far - SEAM_DEG, -90.0, far + SEAM_DEG, 90.0)
        self.area_labels: list[tuple[str, object, str]] = []
        for kind in ("countries", "provinces"):
            feats = basemap[kind]
            if not feats:
                continue
            geoms = [shapely.clip_by_rect(shape(f["geometry"]), *view).difference(seam)
                     for f in feats]
            names = [f["properties"]["name"] for f in feats]
            codes = [f["properties"]["country"].upper() for f in feats]
            frame = gpd.GeoDataFrame({"name": names, "code": codes}, geometry=geoms,
                                     crs="EPSG:4326")
            frame = frame[~frame.geometry.is_empty]
            if frame.empty:
                continue
            frame = self._to_map(frame)
            # Reprojected rings can touch themselves near the edge of a wide projection.
            frame = frame.set_geometry(frame.geometry.make_valid())
            if kind == "countries":
                fills = [FOCUS_LAND_COLOR if c in focus else LAND_COLOR for c in frame["code"]]
                frame.plot(ax=self.ax, color=fills, edgecolor=BORDER_COLOR, linewidth=0.7,
                           zorder=1)
                self.ax.collections[-1].set_gid("countries")
            else:
                frame.plot(ax=self.ax, facecolor="none", edgecolor=PROVINCE_COLOR,
                           linewidth=0.5, linestyle=(0, (3, 2)), zorder=1.5)
            for name, geom in zip(frame["name"], frame.geometry, strict=True):
                self.area_labels.append((name, geom, kind))

    def _route(self) -> None:
        if self.route is None:
            return
        from matplotlib.lines import Line2D

        line = self._to_map(self.route)
        name = str(self.route["name"].iloc[0]) if "name" in self.route else ""
        # The cartographic railway: a dark line with a dashed white core.
        line.plot(ax=self.ax, color=styles.ROUTE_COLOR, linewidth=2.6, zorder=3)
        line.plot(ax=self.ax, color="white", linewidth=1.1, linestyle=(0, (4, 4)), zorder=3.1)
        self.entries["route"].append((
            (Line2D([], [], color=styles.ROUTE_COLOR, linewidth=2.6),
             Line2D([], [], color="white", linewidth=1.1, linestyle=(0, (4, 4)))),
            f"Railway: {name}" if name else "Railway"))
        if self.stations is not None and not self.stations.empty:
            pts = self._to_map(self.stations)
            self.ax.scatter(pts.geometry.x, pts.geometry.y, s=STATION_DOT_PT ** 2,
                            marker="o", facecolor=styles.STATION_COLOR,
                            edgecolor=styles.ROUTE_COLOR, linewidth=0.8, zorder=3.2)
            self.entries["route"].append((
                Line2D([], [], linestyle="none", marker="o", markersize=STATION_DOT_PT,
                       markerfacecolor=styles.STATION_COLOR,
                       markeredgecolor=styles.ROUTE_COLOR, markeredgewidth=0.8),
                "Station"))
            self._add_marks(pts.geometry.x, pts.geometry.y, STATION_DOT_PT)

    def _places(self) -> None:
        """Event and journey places the article names where no incident is drawn."""
        from matplotlib.lines import Line2D

        shown = _primary(self.mentions)
        if shown.empty:
            return
        at_incident = {(round(x, 3), round(y, 3)) for x, y in _lon_lats(self.incidents)}
        keep = [(round(p.x, 3), round(p.y, 3)) not in at_incident for p in shown.geometry]
        shown = shown[keep]
        if shown.empty:
            return
        pts = self._to_map(shown)
        from incimap.maps.page import PRIMARY_ROLES

        for role in PRIMARY_ROLES:
            part = pts[pts["role"] == role]
            if part.empty:
                continue
            color = styles.ROLE_COLORS.get(role, styles.UNKNOWN_ROLE_COLOR)
            self.ax.scatter(part.geometry.x, part.geometry.y, s=PLACE_DOT_PT ** 2,
                            marker="o", facecolor=color, edgecolor="white", linewidth=0.8,
                            zorder=4)
            self.entries["places"].append((
                Line2D([], [], linestyle="none", marker="o", markersize=PLACE_DOT_PT,
                       markerfacecolor=color, markeredgecolor="white"),
                f"Place named: {styles.role_label(role)}"))
            self._add_marks(part.geometry.x, part.geometry.y, PLACE_DOT_PT)
        self.place_points = pts

    def _incidents(self) -> None:
        from matplotlib.lines import Line2D

        from incimap.maps.page import event_type_order

        if self.incidents.empty:
            return
        pts = self._to_map(self.incidents)
        types = [t or styles.UNKNOWN_EVENT_TYPE for t in pts["event_type"]]
        pts = pts.assign(_type=types)
        order = event_type_order(types)
        table = styles.event_styles(order)
        # One collection, larger markers drawn first, so a smaller one at the same place
        # (whatever its type) stays visible on top.
        pts = pts.assign(_pt=[
            styles.marker_px(_int(f)) * PX_TO_PT
            * MARKER_SCALE.get(table[t]["symbol"], 1.0)
            for f, t in zip(pts["fatalities"], pts["_type"], strict=True)])
        pts = pts.sort_values(["_pt", "_type"], ascending=[False, True], kind="stable")
        from matplotlib.colors import to_rgba

        # A record the reader doubts (geo.confidence) is faded with a dashed edge, as on
        # the HTML map.
        doubtful = [c is not None and c == c and float(c) < LOW_CONFIDENCE
                    for c in (pts["confidence"] if "confidence" in pts else [None] * len(pts))]
        paths, sizes, colors, edges, dashes = [], [], [], [], []
        for event_type, size_pt, curated, doubt in zip(pts["_type"], pts["_pt"],
                                                       pts["curated"], doubtful, strict=True):
            style = table[event_type]
            paths.append(_marker_path(style["symbol"]))
            sizes.append(size_pt ** 2)
            colors.append(to_rgba(style["color"], 0.45 if doubt else 0.92))
            edges.append(styles.CURATED_OUTLINE if bool(curated) else
                         "#455a64" if doubt else styles.AUTOMATIC_OUTLINE)
            dashes.append("--" if doubt else "-")
        markers = self.ax.scatter(pts.geometry.x, pts.geometry.y, s=sizes, facecolor=colors,
                                  edgecolor=edges, linewidth=1.0, linestyles=dashes, zorder=5)
        markers.set_paths(paths)
        markers.set_gid("incidents")
        for x, y, size in zip(pts.geometry.x, pts.geometry.y, sizes, strict=True):
            self._add_marks([x], [y], math.sqrt(size))
        pts = pts.assign(_size=[math.sqrt(size) for size in sizes])
        for event_type in order:
            style = table[event_type]
            scale = MARKER_SCALE.get(style["symbol"], 1.0)
            self.entries["incidents"].append((
                Line2D([], [], linestyle="none", marker=MARKERS.get(style["symbol"], "o"),
                       markersize=styles.MIN_MARKER_PX * PX_TO_PT * scale,
                       markerfacecolor=style["color"],
                       markeredgecolor=styles.AUTOMATIC_OUTLINE),
                event_type))
        if pts["curated"].astype(bool).any():
            self.entries["incidents"].append((
                Line2D([], [], linestyle="none", marker="o",
                       markersize=styles.MIN_MARKER_PX * PX_TO_PT, markerfacecolor="none",
                       markeredgecolor=styles.CURATED_OUTLINE),
                "Curated (verified): black outline"))
        if any(doubtful):
            self.entries["incidents"].append((
                Line2D([], [], linestyle="none", marker="o",
                       markersize=styles.MIN_MARKER_PX * PX_TO_PT,
                       markerfacecolor=to_rgba("#9e9e9e", 0.45), markeredgecolor="#455a64"),
                f"Low confidence (below {LOW_CONFIDENCE}): faded"))
        self.entries["incidents"].append((Line2D([], [], linestyle="none"),
                                          "Larger marker: more killed"))
        self.incident_points = pts

    # ----------------------------------------------------------------- furniture

    def _legend(self) -> None:
        entries = [e for section in self.entries.values() for e in section]
        if not entries:
            return
        from matplotlib.legend_handler import HandlerTuple

        legend = self.ax.legend(
            [h for h, _ in entries], [label for _, label in entries],
            loc=self._emptiest_corner(), fontsize=7,
            frameon=True, framealpha=0.92, facecolor="white", edgecolor=BORDER_COLOR,
            borderpad=0.6, handletextpad=0.6, labelspacing=0.5, handlelength=2.0,
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0)})
        legend.set_zorder(10)
        legend.set_gid("legend")
        for text in legend.get_texts():
            text.set_parse_math(False)  # event types and route names come from data files
            text.set_color(TEXT_COLOR)
        self.legend = legend
        self.obstacles.add(legend.get_window_extent(self._renderer()).extents)

    def _emptiest_corner(self) -> str:
        """The upper or left corner with the fewest marks under a legend-sized box."""
        counts = self._corner_counts(0.4, 0.45)
        return min(counts, key=lambda name: (counts[name], list(counts).index(name)))

    def _corner_counts(self, across: float, up: float) -> dict[str, int]:
        """Marks in a box ``across`` x ``up`` (fractions of the view) at each corner but the
        lower right, which is the scale bar's."""
        import numpy as np

        xs, ys = [], []
        for frame in (self.incidents, self.stations, _primary(self.mentions)):
            if frame is not None and not frame.empty:
                pts = self._to_map(frame)
                xs += list(pts.geometry.x)
                ys += list(pts.geometry.y)
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        u = (np.asarray(xs) - x0) / (x1 - x0)
        v = (np.asarray(ys) - y0) / (y1 - y0)
        corners = {"upper left": (u < across) & (v > 1 - up),
                   "upper right": (u > 1 - across) & (v > 1 - up),
                   "lower left": (u < across) & (v < up)}
        return {name: int(mask.sum()) for name, mask in corners.items()}

    def _inset(self) -> None:
        """A small locator map in a free corner: the region, with the view outlined."""
        if self.inset_lonlat is None or not getattr(self, "inset_countries", None):
            return
        import geopandas as gpd
        import shapely
        from shapely.geometry import box, shape

        fig, renderer = self.figure, self._renderer()
        frame = self.ax.get_window_extent(renderer)
        side = INSET_FRACTION * frame.width
        margin = 8 * fig.dpi / 72

        def spot(corner: str) -> tuple[float, float]:
            left = frame.x0 + margin if "left" in corner else frame.x1 - margin - side
            bottom = frame.y1 - margin - side if "upper" in corner else frame.y0 + margin
            return left, bottom

        # Room for it: a corner with no mark under the inset, clear of the legend.
        counts = self._corner_counts(side / frame.width + 0.02, side / frame.height + 0.02)
        free = [c for c, n in counts.items() if n == 0 and self.obstacles.free(
            (*spot(c), spot(c)[0] + side, spot(c)[1] + side))]
        if not free:
            return
        left, bottom = spot(free[0])
        width, height = fig.bbox.width, fig.bbox.height
        inset = fig.add_axes((left / width, bottom / height, side / width, side / height))
        inset.set_gid("inset")
        inset.set_facecolor(SEA_COLOR)
        inset.set_xticks([])
        inset.set_yticks([])
        for spine in inset.spines.values():
            spine.set_color(TEXT_COLOR)
            spine.set_linewidth(0.8)
        inset.set_zorder(10)
        area = box(*self.inset_lonlat)
        geoms = [shapely.clip_by_rect(shape(f["geometry"]), *area.bounds)
                 for f in self.inset_countries]
        codes = [f["properties"]["country"].upper() for f in self.inset_countries]
        countries = gpd.GeoDataFrame({"code": codes}, geometry=geoms, crs="EPSG:4326")
        countries = countries[~countries.geometry.is_empty].to_crs(self.inset_crs)
        countries = countries.set_geometry(countries.geometry.make_valid())
        if not countries.empty:
            fills = [FOCUS_LAND_COLOR if c in self.focus else LAND_COLOR
                     for c in countries["code"]]
            countries.plot(ax=inset, color=fills, edgecolor=BORDER_COLOR, linewidth=0.3)
        # The main view, outlined where it lies in the region.
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        view = gpd.GeoSeries([box(x0, y0, x1, y1).segmentize((x1 - x0) / 16)], crs=self.crs)
        view.to_crs(self.inset_crs).plot(ax=inset, facecolor="none",
                                         edgecolor=INSET_VIEW_COLOR, linewidth=1.2)
        inset.collections[-1].set_gid("inset-view")
        inset.set_xlim(*self.inset_limits)
        inset.set_ylim(*self.inset_limits)
        inset.set_aspect("equal", adjustable="box")
        inset.set_xlabel("")
        inset.set_ylabel("")
        self.obstacles.add(inset.get_window_extent(renderer).extents)

    def _scale_bar(self) -> None:
        """A bar of a round number of km, lower right; km measured geodesically there."""
        from matplotlib.patches import Rectangle
        from pyproj import Geod, Transformer

        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        w, h = x1 - x0, y1 - y0
        right, base = x1 - 0.04 * w, y0 + 0.05 * h
        back = Transformer.from_crs(self.crs, "EPSG:4326", always_xy=True)
        probe = SCALE_FRACTION * w
        lon_a, lat_a = back.transform(right - probe, base)
        lon_b, lat_b = back.transform(right, base)
        if not all(math.isfinite(v) for v in (lon_a, lat_a, lon_b, lat_b)):
            return
        _, _, metres = Geod(ellps="WGS84").inv(lon_a, lat_a, lon_b, lat_b)
        if not metres > 0:
            return
        km = _nice_km(metres / 1000.0)
        length = probe * km / (metres / 1000.0)
        left, bar_h = right - length, 0.012 * h
        for i in range(2):  # two halves, dark and light, as on printed maps
            self.ax.add_patch(Rectangle(
                (left + i * length / 2, base), length / 2, bar_h,
                facecolor=TEXT_COLOR if i == 0 else "white", edgecolor=TEXT_COLOR,
                linewidth=0.7, zorder=11, gid="scalebar"))
        label = self.ax.text(left + length / 2, base + bar_h * 1.6, f"{_km_text(km)} km",
                             ha="center", va="bottom", fontsize=7, color=TEXT_COLOR,
                             zorder=11, gid="scalebar-label")
        self.ax.text(left, base - bar_h * 0.6, "0", ha="center", va="top", fontsize=6,
                     color=TEXT_COLOR, zorder=11)
        self.scale_km = km
        renderer = self._renderer()
        self.obstacles.add(label.get_window_extent(renderer).extents)
        corner = self.ax.transData.transform([(left, base), (right, base + bar_h)])
        self.obstacles.add((*corner[0], *corner[1]))

    def _north_arrow(self) -> None:
        """An arrow along the meridian through the view's centre (near-vertical here)."""
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        w, h = x1 - x0, y1 - y0
        x, y = x1 - 0.04 * w, y0 + 0.12 * h
        arrow = self.ax.annotate(
            "N", xy=(x, y + 0.08 * h), xytext=(x, y), ha="center", va="top", fontsize=8,
            fontweight="bold", color=TEXT_COLOR, zorder=11, annotation_clip=False,
            arrowprops={"arrowstyle": "-|>", "color": TEXT_COLOR, "linewidth": 1.2,
                        "shrinkA": 0, "shrinkB": 0})
        arrow.set_gid("north-arrow")
        renderer = self._renderer()
        self.obstacles.add(arrow.get_window_extent(renderer).extents)
        tip = self.ax.transData.transform([(x - 0.01 * w, y), (x + 0.01 * w, y + 0.08 * h)])
        self.obstacles.add((*tip[0], *tip[1]))

    # ----------------------------------------------------------------- labels

    def _place_labels(self) -> None:
        """Labels in a fixed order of importance, each at the first free spot around its
        point; the least important that find none are left out."""
        candidates = self._label_candidates()
        renderer = self._renderer()
        frame = self.ax.get_window_extent(renderer)
        placed = 0
        for text, x, y, kind, mark_pt in candidates:
            if placed >= MAX_LABELS:
                break
            if kind == "area":
                if any(self._area_label(text, p.x, p.y, renderer, frame)
                       for p in _interior_points(x)):
                    placed += 1
                continue
            if self._point_label(text, x, y, kind, mark_pt, renderer, frame):
                placed += 1

    def _label_candidates(self) -> list[tuple]:
        """(text, x, y, kind, marker size in points) in the order labels are placed."""
        out: list[tuple] = []
        pts = getattr(self, "incident_points", None)
        if pts is not None:
            groups: dict[tuple[float, float], list] = {}
            sizes: dict[tuple[float, float], float] = {}
            for x, y, name, fat, size in zip(pts.geometry.x, pts.geometry.y, pts["location"],
                                             pts["fatalities"], pts["_size"], strict=True):
                key = (round(x), round(y))
                groups.setdefault(key, []).append((str(name), _int(fat) or 0))
                sizes[key] = max(sizes.get(key, 0.0), float(size))
            ranked = sorted(groups.items(), key=lambda kv: (
                -max(f for _, f in kv[1]), -len(kv[1]), min(n for n, _ in kv[1]), kv[0]))
            for (x, y), members in ranked:
                name = min(n for n, _ in members if n) if any(n for n, _ in members) else ""
                if not name:
                    continue
                events = len(members)
                out.append((name if events == 1 else f"{name} ({events} events)",
                            float(x), float(y), "event", sizes[(x, y)]))
        places = getattr(self, "place_points", None)
        if places is not None:
            seen = set()
            # Where it happened first, then the journey's and the victims' places.
            for _, x, y, name in sorted(zip(places["role"] != "event", places.geometry.x,
                                            places.geometry.y, places["location"],
                                            strict=True),
                                        key=lambda t: (t[0], str(t[3]), t[1], t[2])):
                key = (str(name), round(x), round(y))
                if name and key not in seen:
                    seen.add(key)
                    out.append((str(name), float(x), float(y), "place", PLACE_DOT_PT))
        if self.stations is not None and len(self.stations) >= 2:
            ends = self._to_map(self.stations.iloc[[0, -1]])
            for x, y, name in zip(ends.geometry.x, ends.geometry.y, ends["name"], strict=True):
                out.append((str(name), float(x), float(y), "station", STATION_DOT_PT))
        for name, geom, kind in sorted(getattr(self, "area_labels", []),
                                       key=lambda t: (t[2] != "countries", -t[1].area, t[0])):
            if not name:
                continue
            inside = self._visible_part(geom)
            if inside is None:
                continue
            out.append((name.upper() if kind == "countries" else name, inside, None,
                        "area", 0.0))
        return out

    def _visible_part(self, geom):
        import shapely.errors
        from shapely.geometry import box

        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        try:
            part = geom.intersection(box(x0, y0, x1, y1))
        except shapely.errors.GEOSException:  # a broken outline gets no name, not a failure
            return None
        area = (x1 - x0) * (y1 - y0)
        # Too small a sliver in view to carry a name.
        return None if part.is_empty or part.area < 0.01 * area else part

    def _point_label(self, text, x, y, kind, mark_pt, renderer, frame) -> bool:
        """The label at the first spot around its marker that covers nothing; else (event
        places only, which are always named) the first that covers no label."""
        style = _LABEL_STYLES[kind]
        width, height = self._text_size(text, style, renderer)
        scale = self.figure.dpi / 72
        pad = 2 + 0.15 * style["fontsize"] * scale  # the label's white box, and a margin
        radius = mark_pt / 2 + LABEL_OFFSET_PT / 2
        px, py = self.ax.transData.transform((x, y))
        rings = (1.0, 2.2) if kind != "station" else (1.0,)
        spots = []
        for ring in rings:
            for dx, dy in _DIRECTIONS:
                step = radius * ring * (0.75 if dx and dy else 1.0)  # diagonals hug the mark
                ox, oy = dx * step, dy * step
                left = (px + ox * scale if dx > 0 else px + ox * scale - width if dx < 0
                        else px - width / 2)
                bottom = (py + oy * scale if dy > 0 else py + oy * scale - height if dy < 0
                          else py - height / 2)
                box = (left - pad, bottom - pad, left + width + pad, bottom + height + pad)
                if _box_inside(box, frame) and self.obstacles.free(box):
                    spots.append((ox, oy, ring > 1, box))
        chosen = next((spot for spot in spots if self.marks.free(spot[3])), None)
        if chosen is None and kind == "event" and spots:
            chosen = spots[0]
        if chosen is None:
            return False
        ox, oy, leader, box = chosen
        self._annotate(text, x, y, ox, oy, style, leader=leader)
        self.obstacles.add(box)
        return True

    def _area_label(self, text, x, y, renderer, frame) -> bool:
        country = text.isupper()
        style = _COUNTRY_STYLE if country else _PROVINCE_STYLE
        width, height = self._text_size(text, style, renderer)
        px, py = self.ax.transData.transform((x, y))
        box = (px - width / 2 - 2, py - height / 2 - 2, px + width / 2 + 2, py + height / 2 + 2)
        if not (_box_inside(box, frame) and self.obstacles.free(box) and self.marks.free(box)):
            return False
        label = self.ax.text(x, y, text, ha="center", va="center", zorder=2,
                             parse_math=False, clip_on=True, **style)
        label.set_gid(f"area-label-{len(self.obstacles)}")
        self.obstacles.add(box)
        return True

    def _text_size(self, text, style, renderer) -> tuple[float, float]:
        """Width and height in pixels of ``text`` in ``style`` (the same wherever placed)."""
        probe = self.ax.text(0, 0, text, parse_math=False, **style)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        return extent.width, extent.height

    def _annotate(self, text, x, y, dx, dy, style, leader: bool):
        ha = "left" if dx > 0 else "right" if dx < 0 else "center"
        va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
        arrow = ({"arrowstyle": "-", "color": MUTED_TEXT_COLOR, "linewidth": 0.5,
                  "shrinkA": 0, "shrinkB": 3} if leader else None)
        label = self.ax.annotate(
            text, xy=(x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
            zorder=9, parse_math=False, annotation_clip=False, arrowprops=arrow,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.75}, **style)
        label.set_gid(f"label-{len(self.obstacles)}")  # SVG ids must be unique
        return label

    # ----------------------------------------------------------------- helpers

    def _add_marks(self, xs: Sequence[float], ys: Sequence[float], size_pt: float) -> None:
        half = size_pt / 2 * self.figure.dpi / 72
        for px, py in self.ax.transData.transform(list(zip(xs, ys, strict=True))):
            self.marks.add((px - half, py - half, px + half, py + half))

    def _renderer(self):
        return self.figure.canvas.get_renderer()


def _edges_lonlat(crs, xlim, ylim, margin: float) -> tuple[float, float, float, float]:
    """Lon/lat bounds of a rectangle of ``crs`` (from points along its edges), widened by
    ``margin`` degrees."""
    import numpy as np
    from pyproj import Transformer

    (x0, x1), (y0, y1) = xlim, ylim
    along = np.linspace(0.0, 1.0, 9)
    xs = np.concatenate([x0 + along * (x1 - x0), np.full(9, x1), x0 + along * (x1 - x0),
                         np.full(9, x0)])
    ys = np.concatenate([np.full(9, y0), y0 + along * (y1 - y0), np.full(9, y1),
                         y0 + along * (y1 - y0)])
    lons, lats = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(xs, ys)
    lons, lats = np.asarray(lons), np.asarray(lats)
    ok = np.isfinite(lons) & np.isfinite(lats)
    if not ok.any():
        return -180.0, -90.0, 180.0, 90.0
    return (max(-180.0, float(lons[ok].min()) - margin),
            max(-90.0, float(lats[ok].min()) - margin),
            min(180.0, float(lons[ok].max()) + margin),
            min(90.0, float(lats[ok].max()) + margin))


def _located(frame):
    """Rows with a point; None stays None."""
    if frame is None:
        return None
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    # incidents_frame holds ISO numeric codes; the outlines key on alpha-2.
    return frame.assign(country_code=_country_codes(frame)) if "iso" in frame else frame


def _country_codes(frame) -> list[str]:
    """ISO alpha-2 of each incident row (incidents_frame holds the numeric code)."""
    import pycountry

    codes = []
    for numeric in frame["iso"]:
        found = None
        if numeric is not None and str(numeric) not in ("", "<NA>", "nan"):
            found = pycountry.countries.get(numeric=f"{int(numeric):03d}")
        codes.append(found.alpha_2 if found else "")
    return codes


def _primary(mentions):
    """Mentions in the roles that frame the story (as the HTML map's opening view), but not
    whole countries: the outlines name them, and a dot at a country's middle is no place."""
    if mentions is None or mentions.empty or "role" not in mentions:
        return mentions.iloc[0:0] if mentions is not None else _empty()
    from incimap.maps.page import PRIMARY_ROLES

    keep = mentions["role"].isin(PRIMARY_ROLES)
    if "feature_type" in mentions:
        keep &= mentions["feature_type"] != "country"
    return mentions[keep]


def _empty():
    import geopandas as gpd

    return gpd.GeoDataFrame({"role": []}, geometry=[], crs="EPSG:4326")


def _lon_lats(frame) -> list[tuple[float, float]]:
    if frame is None or frame.empty:
        return []
    return [(float(p.x), float(p.y)) for p in frame.geometry]


def _int(value) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _interior_points(area) -> list:
    """Points inside ``area`` to try for its name: its representative point, then one in
    each quarter of its bounds."""
    from shapely.geometry import box

    points = [area.representative_point()]
    x0, y0, x1, y1 = area.bounds
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    for quarter in (box(x0, ym, xm, y1), box(xm, ym, x1, y1), box(x0, y0, xm, ym),
                    box(xm, y0, x1, ym)):
        part = area.intersection(quarter)
        if not part.is_empty and part.area > 0.1 * area.area:
            points.append(part.representative_point())
    return points


def _marker_path(symbol: str):
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(MARKERS.get(symbol, "o"))
    return style.get_path().transformed(style.get_transform())


def _nice_km(limit: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``limit`` km."""
    exponent = math.floor(math.log10(limit))
    for step in (5, 2, 1):
        value = step * 10 ** exponent
        if value <= limit:
            return value
    return 10 ** exponent


def _km_text(km: float) -> str:
    return f"{km:,.0f}" if km >= 1 else f"{km:g}"


def _wrap(text: str, width_pt: float, font_pt: float) -> list[str]:
    # DejaVu Sans Bold averages ~0.62 em per character.
    chars = max(20, int(width_pt / (font_pt * 0.62)))
    lines = textwrap.wrap(" ".join(text.split()), chars, break_long_words=False,
                          break_on_hyphens=False) or [""]
    if len(lines) > MAX_TITLE_LINES:  # a headline, not an article: end the last line with …
        last = " ".join(lines[MAX_TITLE_LINES - 1:])
        lines = [*lines[:MAX_TITLE_LINES - 1], last[:chars - 1].rstrip() + "\u2026"]
    return lines


_LABEL_STYLES = {
    "event": {"fontsize": 8, "fontweight": "bold", "color": TEXT_COLOR},
    "place": {"fontsize": 7, "color": TEXT_COLOR},
    "station": {"fontsize": 6.5, "color": MUTED_TEXT_COLOR, "fontstyle": "italic"},
}
_COUNTRY_STYLE = {"fontsize": 7.5, "color": "#9a9a9a", "fontweight": "bold"}
_PROVINCE_STYLE = {"fontsize": 6.5, "color": "#a5a5a5", "fontstyle": "italic"}
# East, west, the diagonals, then north and south: where a reader looks for a name first.
_DIRECTIONS = ((1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1), (0, 1), (0, -1))


class _Obstacles:
    """Boxes (x0, y0, x1, y1 in pixels) a label must not cover, tested all at once."""

    def __init__(self):
        self._boxes: list[tuple[float, float, float, float]] = []
        self._array = None

    def __len__(self) -> int:
        return len(self._boxes)

    def add(self, box) -> None:
        x0, y0, x1, y1 = (float(v) for v in box)
        self._boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        self._array = None

    def free(self, box) -> bool:
        import numpy as np

        if not self._boxes:
            return True
        if self._array is None:
            self._array = np.asarray(self._boxes)
        b = self._array
        x0, y0, x1, y1 = box
        hit = (b[:, 0] < x1) & (b[:, 2] > x0) & (b[:, 1] < y1) & (b[:, 3] > y0)
        return not bool(hit.any())


def _box_inside(box, frame) -> bool:
    x0, y0, x1, y1 = box
    return x0 >= frame.x0 and x1 <= frame.x1 and y0 >= frame.y0 and y1 <= frame.y1
