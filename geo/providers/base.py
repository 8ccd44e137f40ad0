"""What every online provider shares: a persistent answer cache, rate limiting,
timeouts, and turning geopy's ``Location`` into our ``GeocodeResult``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from incimap.geo.exceptions import InputError, NoMatch, ProviderError
from incimap.geo.models import GeocodeResult, Place
from incimap.geo.providers.cache import AnswerCache


class OnlineProvider(ABC):
    """A geopy geocoder behind a cache and a rate limiter.

    ``domain`` and ``scheme`` point it at another server (a self-hosted Nominatim,
    or the local test server); ``min_delay_seconds`` follows the provider's policy.
    """

    name = "online"
    min_delay_seconds = 0.0
    needs_user_agent = False

    def __init__(self, *, user_agent: str = "", timeout: float = 10.0, domain: str = "",
                 scheme: str = "https", cache: AnswerCache | None = None,
                 min_delay_seconds: float | None = None, api_key: str = ""):
        if self.needs_user_agent and not user_agent:
            raise InputError(f"{self.name} needs a user agent naming your application "
                             "(--user-agent or INCIMAP_USER_AGENT)", field="--user-agent")
        self.user_agent, self.timeout, self.domain, self.scheme = (
            user_agent or "incident-mapper", timeout, domain, scheme)
        self.api_key = api_key
        self.cache = cache if cache is not None else AnswerCache.default()
        if min_delay_seconds is not None:
            self.min_delay_seconds = min_delay_seconds
        self._limited = None

    @abstractmethod
    def build_geocoder(self) -> Any:
        """The geopy geocoder for this provider."""

    @abstractmethod
    def params(self, country: str, limit: int) -> dict:
        """Keyword arguments for the geocoder's ``geocode`` call."""

    @abstractmethod
    def to_place(self, raw: dict, lat: float, lon: float, address: str) -> Place:
        """Our Place from one answer."""

    def _call(self):
        if self._limited is None:
            from geopy.extra.rate_limiter import RateLimiter

            geocoder = self.build_geocoder()
            self._limited = RateLimiter(geocoder.geocode, min_delay_seconds=self.min_delay_seconds,
                                        max_retries=0,
                                        swallow_exceptions=False)
        return self._limited

    def lookup(self, query: str, country: str = "", alternatives: int = 3) -> GeocodeResult:
        """Ranked answers for a name; a repeated query is answered from the cache."""
        from incimap.geo.geocode import check_country

        params = self.params(check_country(country), alternatives + 1)
        key = (self.name, self.domain, query, params)
        answers = self.cache.get(key)
        if answers is None:
            answers = self._fetch(query, params)
            self.cache.put(key, answers)
        if not answers:
            raise NoMatch(query)
        results = [GeocodeResult(query, self.to_place(a["raw"], a["lat"], a["lon"], a["address"]),
                                 "online", 100.0, f"answer {i + 1} of {self.name}")
                   for i, a in enumerate(answers)]
        if params.get("country_codes") is None and country:
            # The service cannot be asked for one country: prefer its answers there.
            inside = [r for r in results if r.place.country == country.upper()]
            results = inside + [r for r in results if r not in inside]
        return GeocodeResult(query, results[0].place, "online", 100.0,
                             f"first answer of {self.name}", tuple(results[1 : alternatives + 1]))

    def _fetch(self, query: str, params: dict) -> list[dict]:
        from geopy.exc import GeopyError

        try:
            found = self._call()(query, **params)
        except GeopyError as e:
            raise ProviderError(f"{self.name}: {type(e).__name__}: {e}") from None
        if found is None:
            return []
        found = found if isinstance(found, list) else [found]
        return [{"raw": loc.raw, "lat": loc.latitude, "lon": loc.longitude,
                 "address": loc.address} for loc in found]
