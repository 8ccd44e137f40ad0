"""incident-mapper's domain: geocoding, reading articles, incidents, routes, exports, CLI."""

from incimap.geo.exceptions import IncimapError, InputError, NoMatch
from incimap.geo.models import Figure, GeocodeResult, Incident, Mention, Place, Route, Span, Station

__all__ = [
    "Figure", "GeocodeResult", "Incident", "IncimapError", "InputError", "Mention", "NoMatch",
    "Place", "Route", "Span", "Station", "geocode",
]


def geocode(query: str, **options):
    """Best match for a place name; see ``geo.geocode.geocode``."""
    from incimap.geo.geocode import geocode as _geocode

    return _geocode(query, **options)
