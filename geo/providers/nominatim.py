"""OpenStreetMap Nominatim: needs a user agent and at most one request a second."""

from __future__ import annotations

from incimap.geo.models import Place, default_radius_km
from incimap.geo.providers.base import OnlineProvider

# Nominatim (class, type) -> our feature type.
_TYPES = {
    ("boundary", "administrative"): "district", ("place", "country"): "country",
    ("place", "state"): "province", ("place", "province"): "province",
    ("place", "city"): "city", ("place", "town"): "town", ("place", "village"): "village",
    ("place", "hamlet"): "village", ("railway", "station"): "station",
    ("railway", "halt"): "station", ("public_transport", "station"): "station",
    ("tunnel", "yes"): "tunnel", ("mountain_pass", "yes"): "pass", ("natural", "saddle"): "pass",
}
# Nominatim's address rank of administrative boundaries.
_ADMIN_BY_RANK = {4: "country", 8: "province", 10: "province", 12: "district"}


class Nominatim(OnlineProvider):
    name = "nominatim"
    min_delay_seconds = 1.0  # the usage policy: at most 1 request per second
    needs_user_agent = True

    def build_geocoder(self):
        from geopy.geocoders import Nominatim as GeopyNominatim

        kwargs = {"user_agent": self.user_agent, "timeout": self.timeout, "scheme": self.scheme}
        if self.domain:
            kwargs["domain"] = self.domain
        return GeopyNominatim(**kwargs)

    def params(self, country: str, limit: int) -> dict:
        params = {"exactly_one": False, "limit": limit, "addressdetails": True}
        if country:
            params["country_codes"] = country.lower()
        return params

    def to_place(self, raw: dict, lat: float, lon: float, address: str) -> Place:
        ftype = _TYPES.get((raw.get("class"), raw.get("type")), "place")
        if ftype == "district":
            ftype = _ADMIN_BY_RANK.get(int(raw.get("place_rank") or 12), "district")
        details = raw.get("address") or {}
        name = raw.get("name") or address.split(",")[0]
        return Place(name=name, lat=lat, lon=lon, feature_type=ftype,
                     country=(details.get("country_code") or "").upper(),
                     admin1=details.get("state") or details.get("province") or "",
                     gazetteer_id=f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
                     source="OpenStreetMap via Nominatim (ODbL)",
                     radius_km=default_radius_km(ftype))
