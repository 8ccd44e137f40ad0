"""Colours of ACLED event types, shared by every output that draws incidents.

The map (``maps.styles``) and the KML export both read this table, so a Battles marker is
the same red in the browser and in Google Earth. It lives in ``geo`` because exports may not
import ``maps``.
"""

from __future__ import annotations

# Tableau's colour-blind-safe-ish palette; the map adds a shape per type on top.
EVENT_COLORS: dict[str, str] = {
    "Battles": "#d62728",
    "Violence against civilians": "#9467bd",
    "Explosions/Remote violence": "#ff7f0e",
    "Riots": "#8c564b",
    "Protests": "#1f77b4",
    "Strategic developments": "#2ca02c",
}
# Types outside the ACLED taxonomy get these in turn.
EXTRA_COLORS = ("#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939")


def event_colors(event_types: list[str]) -> dict[str, str]:
    """Colour of each event type present: fixed for ACLED's, the extras in order of first use."""
    colors: dict[str, str] = {}
    extra = 0
    for event_type in event_types:
        if event_type in colors:
            continue
        if event_type in EVENT_COLORS:
            colors[event_type] = EVENT_COLORS[event_type]
        else:
            colors[event_type] = EXTRA_COLORS[extra % len(EXTRA_COLORS)]
            extra += 1
    return colors
