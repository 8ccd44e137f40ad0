"""What every online provider shares: a persistent answer cache, rate limiting,
timeouts, turning geopy's ``Location`` into our ``GeocodeResult``, and turning a
failed request into one line naming the provider, its server and what went wrong
(never the text of geopy, requests or urllib3)."""

from __future__ import annotations

import socket
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any

from incimap.geo.exceptions import InputError, NoMatch, ProviderError, ProviderUnreachable
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
        self._geocoder = None

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

            geocoder = self._geocoder = self.build_geocoder()
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

    def lookup_many(self, queries: Iterable[str], country: str = "", alternatives: int = 3
                    ) -> list[GeocodeResult | NoMatch | ProviderError]:
        """One outcome per name, in order. Once the server cannot be reached, the
        remaining names get that error without another request (each would wait for
        the same timeout)."""
        unreachable: ProviderUnreachable | None = None
        outcomes: list[GeocodeResult | NoMatch | ProviderError] = []
        for query in queries:
            if unreachable is not None:
                outcomes.append(unreachable)
                continue
            try:
                outcomes.append(self.lookup(query, country=country, alternatives=alternatives))
            except NoMatch as e:
                outcomes.append(e)
            except ProviderUnreachable as e:
                unreachable = e
                outcomes.append(e)
            except ProviderError as e:
                outcomes.append(e)
        return outcomes

    @property
    def server(self) -> str:
        """The host the requests go to (the provider's own unless ``domain`` says)."""
        return self.domain or getattr(self._geocoder, "domain", "") or self.name

    def _fetch(self, query: str, params: dict) -> list[dict]:
        from geopy.exc import GeopyError

        try:
            found = self._call()(query, **params)
        except GeopyError as e:
            reason, unreachable = describe_failure(e, self.timeout)
            error = ProviderUnreachable if unreachable else ProviderError
            raise error(f"{self.name} at {self.server}: {reason}") from None
        if found is None:
            return []
        found = found if isinstance(found, list) else [found]
        return [{"raw": loc.raw, "lat": loc.latitude, "lon": loc.longitude,
                 "address": loc.address} for loc in found]


def describe_failure(error: BaseException, timeout: float) -> tuple[str, bool]:
    """What went wrong in words, and whether the server was unreachable, from a geopy
    error and the errors it wraps (requests, urllib3, the socket)."""
    from geopy import exc

    chain = _chain(error)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "cannot connect (connection refused)", True
    if any(isinstance(e, socket.gaierror) for e in chain):
        return "cannot connect (host name not found; offline?)", True
    status = next((getattr(e, "status_code", None) for e in chain
                   if getattr(e, "status_code", None)), None)
    if status is None and (isinstance(error, exc.GeocoderTimedOut)
                           or any(isinstance(e, TimeoutError) for e in chain)):
        return f"no answer within {timeout:g} s (timed out; --timeout sets the wait)", True
    if status == 429 or isinstance(error, exc.GeocoderRateLimited):
        after = getattr(error, "retry_after", None)
        return "rate limited (HTTP 429); try again " + (
            f"in {after} s" if after else "later"), False
    if status in (401, 403):
        return f"refused access (HTTP {status})", False
    if status and 400 <= status < 500:
        return f"rejected the request (HTTP {status})", False
    if status and status >= 500:
        return f"server error (HTTP {status}); try again later", False
    if isinstance(error, exc.GeocoderParseError):
        return "sent an answer that is not JSON", False
    reasons = [e for e in chain if isinstance(e, OSError) and not _is_library_error(e)]
    if reasons:
        return f"cannot connect ({reasons[-1].strerror or type(reasons[-1]).__name__})", True
    if isinstance(error, exc.GeocoderUnavailable):
        return "cannot connect", True
    return f"request failed ({type(error).__name__})", False


def _chain(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    while error is not None and error not in found:
        found.append(error)
        error = error.__cause__ or error.__context__
    return found


def _is_library_error(error: OSError) -> bool:
    # requests' and urllib3's errors are OSErrors too; their text is what users must not see.
    return type(error).__module__.split(".")[0] in ("requests", "urllib3", "geopy")
