"""Interactive HTML maps of incidents, place mentions and a route (rendering only).

``render(incidents, route=..., mentions=...)`` returns a ``folium.Map`` for notebooks;
``save(m, path)`` writes a self-contained page that works offline.
"""

from incimap.maps.page import render, save, to_html

__all__ = ["render", "save", "to_html"]
