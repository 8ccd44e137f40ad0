"""Komoot's Photon (OpenStreetMap data, no key)."""

from __future__ import annotations

from incimap.geo.models import Place, default_radius_km
from incimap.geo.providers.base import OnlineProvider

_TYPES = {"country": "country", "state": "province", "county": "district", "city": "city",
          "town": "town", "village": "village", "hamlet": "village", "station": "station",
          "halt": "station", "tunnel": "tunnel", "mountain_pass": "pass"}


class Photon(OnlineProvider):
    name = "photon"
    min_delay_seconds = 1.0

    def build_geocoder(self):
        from geopy.geocoders import Photon as GeopyPhoton

        kwargs = {"user_agent": self.user_agent, "timeout": self.timeout, "scheme": self.scheme}
        if self.domain:
            kwargs["domain"] = self.domain
        return GeopyPhoton(**kwargs)

    def params(self, country: str, limit: int) -> dict:
        return {"exactly_one": False, "limit": limit}

    def to_place(self, raw: dict, lat: float, lon: float, address: str) -> Place:
        props = raw.get("properties") or {}
        ftype = _TYPES.get(props.get("osm_value") or props.get("type") or "", "place")
        return Place(name=props.get("name") or address.split(",")[0], lat=lat, lon=lon,
                     feature_type=ftype, country=(props.get("countrycode") or "").upper(),
                     admin1=props.get("state") or "",
                     gazetteer_id=f"osm:{props.get('osm_type', '')}/{props.get('osm_id', '')}",
                     source="OpenStreetMap via Photon (ODbL)", radius_km=default_radius_km(ftype))
