"""The kinds of place the gazetteer holds (``incimap.geo.models`` re-exports them)."""

# Feature types the project knows, from the broadest to the most precise.
FEATURE_TYPES = (
    "continent",
    "country",
    "province",
    "district",
    "region",
    "water",
    "pass",
    "city",
    "town",
    "village",
    "station",
    "tunnel",
    "place",
)
