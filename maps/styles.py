"""Colours, symbols and sizes of everything drawn on the map, in one place.

The legend and the markers both read these tables, so what the legend explains is
exactly what the map draws. Symbols are drawn as inline SVG by our own script (no icon
fonts, nothing fetched).
"""

from __future__ import annotations

import math

from incimap.geo.confidence import LOW as LOW_CONFIDENCE
from incimap.geo.palette import EVENT_COLORS, event_colors

# ACLED event types: a colour each (from geo.palette, shared with the KML export) and a
# different shape per type, so colour is never the only cue.
_SYMBOLS = {
    "Battles": "diamond",
    "Violence against civilians": "circle",
    "Explosions/Remote violence": "star",
    "Riots": "triangle",
    "Protests": "square",
    "Strategic developments": "hexagon",
}
EVENT_STYLES: dict[str, dict[str, str]] = {
    t: {"color": c, "symbol": _SYMBOLS[t]} for t, c in EVENT_COLORS.items()
}
# Types outside the ACLED taxonomy get these in turn.
_EXTRA_SYMBOLS = ("pentagon", "cross", "circle", "square", "triangle", "diamond")
UNKNOWN_EVENT_TYPE = "Unclassified"

ROLE_LABELS: dict[str, str] = {
    "event": "where it happened",
    "origin": "journey start",
    "destination": "journey end",
    "based_in": "where someone is based",
    "victims_from": "where victims came from",
    "taken_to": "where people were taken",
    "title": "part of a title",
    "context": "context",
}
ROLE_COLORS: dict[str, str] = {
    "event": "#c0392b",
    "origin": "#16a085",
    "destination": "#2471a3",
    "based_in": "#7f8c8d",
    "victims_from": "#8e44ad",
    "taken_to": "#27ae60",
    "title": "#a6acaf",
    "context": "#34495e",
}
UNKNOWN_ROLE_COLOR = "#566573"

ROUTE_COLOR = "#1a1a1a"
STATION_COLOR = "#ffffff"
UNCERTAINTY_COLOR = "#e67e22"
CURATED_OUTLINE = "#000000"
AUTOMATIC_OUTLINE = "#ffffff"

TIME_PRECISION_LABELS = {1: "exact day", 2: "within a week", 3: "month or vaguer"}
GEO_PRECISION_LABELS = {
    1: "the place itself",
    2: "near the place or part of a region",
    3: "only a large region (province or country)",
}

# Marker diameter in pixels grows with the log of fatalities, so 1 and 100 both read.
MIN_MARKER_PX = 14
MAX_MARKER_PX = 40
LEGEND_FATALITIES = (0, 10, 100)


def event_styles(event_types: list[str]) -> dict[str, dict[str, str]]:
    """Colour and symbol of each event type present, stable for the ACLED ones."""
    styles: dict[str, dict[str, str]] = {}
    extra = 0
    for event_type, color in event_colors(event_types).items():
        if event_type in EVENT_STYLES:
            styles[event_type] = dict(EVENT_STYLES[event_type])
        else:
            styles[event_type] = {"color": color,
                                  "symbol": _EXTRA_SYMBOLS[extra % len(_EXTRA_SYMBOLS)]}
            extra += 1
    return styles


def marker_px(fatalities: int | None) -> int:
    """Marker diameter for a fatality count (None or negative counts as 0)."""
    n = max(0, fatalities or 0)
    size = MIN_MARKER_PX + 5 * math.log2(1 + n)
    return int(round(min(MAX_MARKER_PX, size)))


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def style_tables() -> dict:
    """Everything the page's script needs to draw and explain symbols (JSON values)."""
    return {
        "role_colors": ROLE_COLORS,
        "role_labels": ROLE_LABELS,
        "unknown_role_color": UNKNOWN_ROLE_COLOR,
        "route_color": ROUTE_COLOR,
        "station_color": STATION_COLOR,
        "uncertainty_color": UNCERTAINTY_COLOR,
        "curated_outline": CURATED_OUTLINE,
        "automatic_outline": AUTOMATIC_OUTLINE,
        "low_confidence": LOW_CONFIDENCE,
        "time_precision_labels": {str(k): v for k, v in TIME_PRECISION_LABELS.items()},
        "geo_precision_labels": {str(k): v for k, v in GEO_PRECISION_LABELS.items()},
        "marker_sizes": [{"fatalities": n, "px": marker_px(n)} for n in LEGEND_FATALITIES],
    }
