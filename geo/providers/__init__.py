"""Online geocoding providers, through geopy, used only when the user asks.

One small module per provider (like geopy's own ``geocoders`` package); each only
knows how to build its geopy geocoder and read its answers. ``get_provider`` builds
one by name with the shared cache and rate limiting of ``base.OnlineProvider``.
"""

from __future__ import annotations

import importlib

from incimap.geo.exceptions import InputError

PROVIDERS = {
    "nominatim": "geo.providers.nominatim:Nominatim",
    "photon": "geo.providers.photon:Photon",
    "arcgis": "geo.providers.arcgis:ArcGIS",
}


def get_provider(name: str, **options):
    """An ``OnlineProvider`` by name (``nominatim``, ``photon``, ``arcgis``)."""
    target = PROVIDERS.get(name.lower())
    if target is None:
        raise InputError(f"unknown provider {name!r}; choose from {', '.join(PROVIDERS)}",
                         field="--provider")
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)(**options)
