"""Named water bodies (gazetteer/data/water_bodies.tsv): the table, the store, the reader."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from incimap.gazetteer import sources
from incimap.gazetteer.errors import DataError
from incimap.geo.geocode import geocode
from incimap.geo.models import geo_precision_for


def km(place, lat, lon) -> float:
    return geodesic((place.lat, place.lon), (lat, lon)).km


# Independent reference points (encyclopedia infoboxes), each with its kind.
REFERENCE = {
    "Lake Tanganyika": (-6.1, 29.5, "LAKE"),  # 6°06′S 29°30′E
    "Gulf of Aden": (12.0, 48.0, "GULF"),  # 12°N 48°E
    "Indian Ocean": (-20.0, 80.0, "OCEAN"),  # 20°S 80°E
    "Euphrates": (35.4, 43.8, "RIVER"),  # midway between its source confluence and mouth
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_water_body_resolves_within_its_radius(gazetteer, name):
    lat, lon, _kind = REFERENCE[name]
    result = geocode(name, gazetteer=gazetteer)
    assert result.place.feature_type == "water"
    assert result.place.gazetteer_id.startswith("water:")
    assert km(result.place, lat, lon) <= result.place.radius_km


@pytest.mark.parametrize(("name", "point", "countries"), [
    ("Lake Erie", (42.2, -81.2), ("CA", "US", "")),  # was Lakheri, a town in India
    ("Lake Superior", (47.7, -87.5), ("CA", "US", "")),
    ("Lake Michigan", (44.0, -87.0), ("US",)),
    ("Lake Titicaca", (-15.9, -69.3), ("PE", "BO", "")),
    ("Lake Ladoga", (60.8, 31.5), ("RU",)),
])
def test_the_largest_lakes_are_water_not_look_alike_towns(gazetteer, name, point, countries):
    place = geocode(name, gazetteer=gazetteer).place
    assert place.feature_type == "water"
    assert place.country in countries
    assert km(place, *point) <= place.radius_km


def test_other_names_of_a_water_body_resolve(gazetteer):
    assert geocode("Arabian Gulf", gazetteer=gazetteer).place.name == "Persian Gulf"
    assert geocode("Lake Nyasa", gazetteer=gazetteer).place.name == "Lake Malawi"


def test_a_province_named_after_a_sea_keeps_both_candidates(gazetteer):
    # Sudan's and Egypt's Red Sea states share the sea's name: both kinds stay candidates.
    result = geocode("Red Sea", gazetteer=gazetteer, alternatives=5)
    types = {result.place.feature_type, *(a.place.feature_type for a in result.alternatives)}
    assert {"water", "province"} <= types
    assert geocode("Red Sea", gazetteer=gazetteer, country="SD").place.country == "SD"


def test_water_is_never_an_exact_point():
    assert geo_precision_for("water") in (2, 3)


def test_fishermen_attacked_on_a_lake_resolve_the_lake(isolated_cache):
    from incimap.geo.extract import extract

    found = extract("Fishermen were attacked on Lake Kivu near a fishing camp on Tuesday, "
                    "local officials said.")
    lakes = [m.place for m in found.mentions if m.place and m.place.feature_type == "water"]
    assert [p.name for p in lakes] == ["Lake Kivu"]
    assert km(lakes[0], -1.9, 29.15) < lakes[0].radius_km


def test_the_table_loads_with_sane_rows():
    rows = sources.water_bodies()
    assert len(rows) >= 20
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    kinds = {r["kind"] for r in rows}
    assert {"ocean", "sea", "gulf", "strait", "lake", "river", "canal"} <= kinds
    for r in rows:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180
        assert r["radius_km"] > 0
        assert r["url"].startswith("http")
        assert all(len(c) == 2 and c.isupper() for c in r["countries"])
    assert {r["kind"] for r in rows if r["name"].endswith("Ocean")} == {"ocean"}


def test_water_rows_are_places_of_type_water():
    rows = {r.name: r for r in sources.water_rows()}
    assert rows["Suez Canal"].country == "EG"  # one country: it belongs to it
    assert rows["Black Sea"].country == ""  # shared
    assert rows["Indian Ocean"].importance > rows["Lake Kivu"].importance  # ranks by area
    assert all(r.ftype == "water" and r.source.startswith("water_bodies.tsv: http")
               for r in rows.values())


def test_a_bad_row_is_a_data_error(tmp_path):
    bad = tmp_path / "water.tsv"
    bad.write_text("Lake X\t\tpond\t1\t2\t3\tXX\thttp://example.org\n", encoding="utf-8")
    with pytest.raises(DataError):
        sources.water_bodies(bad)
    bad.write_text("Lake X\t\tlake\t91\t2\t3\tXX\thttp://example.org\n", encoding="utf-8")
    with pytest.raises(DataError):
        sources.water_bodies(bad)
