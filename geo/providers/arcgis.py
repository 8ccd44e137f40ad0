"""Esri ArcGIS World Geocoding Service."""

from __future__ import annotations

from incimap.geo.models import Place, default_radius_km
from incimap.geo.providers.base import OnlineProvider

_TYPES = {"Country": "country", "State or Province": "province", "County": "district",
          "City": "city", "Town": "town", "Village": "village", "Railroad Station": "station",
          "Tunnel": "tunnel", "Pass": "pass"}


class ArcGIS(OnlineProvider):
    name = "arcgis"
    min_delay_seconds = 0.2

    def build_geocoder(self):
        from geopy.geocoders import ArcGIS as GeopyArcGIS

        kwargs = {"user_agent": self.user_agent, "timeout": self.timeout, "scheme": self.scheme}
        if self.domain:
            kwargs["domain"] = self.domain
        return GeopyArcGIS(**kwargs)

    def params(self, country: str, limit: int) -> dict:
        return {"exactly_one": False, "out_fields": "*"}

    def to_place(self, raw: dict, lat: float, lon: float, address: str) -> Place:
        attrs = raw.get("attributes") or {}
        ftype = _TYPES.get(attrs.get("Type") or "", "place")
        return Place(name=attrs.get("PlaceName") or address.split(",")[0], lat=lat, lon=lon,
                     feature_type=ftype, country=_alpha2(attrs.get("Country") or ""),
                     admin1=attrs.get("Region") or "", gazetteer_id="arcgis:",
                     source="Esri ArcGIS World Geocoder", radius_km=default_radius_km(ftype))


def _alpha2(code: str) -> str:
    """ArcGIS answers ISO alpha-3 country codes; the project speaks alpha-2."""
    if len(code) != 3:
        return code.upper()
    import pycountry

    country = pycountry.countries.get(alpha_3=code.upper())
    return country.alpha_2 if country else ""
