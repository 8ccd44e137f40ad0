"""US towns and villages GeoNames cities500 lacks (gazetteer/data/us_places.tsv): the
towns the Postal Service names ZIP codes after, at the centre of those ZIPs.

Reference points are general knowledge of where each town lies.
"""

from __future__ import annotations

from incimap.gazetteer import sources
from incimap.gazetteer.store import importance
from incimap.geo.geocode import geocode, geodesic_km
from incimap.geo.reader.pipeline import read


def test_a_small_town_the_gazetteer_lacked_resolves_in_a_us_report(gazetteer):
    # A New Jersey hamlet of a few hundred people, under the size cities500 keeps.
    doc = read("State police said a man was shot outside a home in Ringoes, New Jersey, "
               "late on Saturday.", gazetteer=gazetteer)
    place = next(m.place for m in doc.mentions if m.surface == "Ringoes")
    assert place.country == "US" and place.feature_type == "village"
    assert geodesic_km(place.lat, place.lon, 40.44, -74.84) <= 20


def test_a_new_england_town_is_found_with_its_state(gazetteer):
    # A Connecticut town of a few thousand, not a GeoNames populated place; a bare
    # "Ashford" stays the English town.
    doc = read("Two teenagers were hurt in a crash in Ashford, Connecticut, police said.",
               gazetteer=gazetteer)
    place = next(m.place for m in doc.mentions if m.surface == "Ashford")
    assert place.country == "US"
    assert geodesic_km(place.lat, place.lon, 41.87, -72.12) <= 20
    assert geocode("Ashford", gazetteer=gazetteer).place.country == "GB"


def test_a_common_word_that_names_a_tiny_town_is_not_a_place(gazetteer):
    # Kansas and California have ZIP towns called Protection and Rescue: the gazetteer
    # knows them, the reader still does not take the capitalised words for them.
    for word in ("Protection", "Rescue"):
        assert geocode(word, gazetteer=gazetteer).place.feature_type == "village"
    doc = read("Rescue crews worked through the night in Kansas. Protection orders were "
               "issued on Monday.", gazetteer=gazetteer)
    surfaces = {m.surface for m in doc.mentions}
    assert "Kansas" in surfaces
    assert not {"Rescue", "Protection"} & surfaces


def test_a_zip_town_never_outranks_a_real_town_or_division():
    rows = list(sources.us_place_rows(
        [r for r in sources.geonames_base_rows() if r.ftype == "province" and r.country == "US"]))
    assert rows and {r.importance for r in rows} == {0.0}
    # The least a GeoNames cities500 village or any division gets.
    assert importance("village", 500) > 0.0 and importance("district", 0) > 0.0


def test_the_table_loads_with_sane_rows():
    rows = list(sources._tsv_lines(str(sources.US_PLACES)))
    assert len(rows) > 5000
    states = set()
    for _, parts in rows:
        state, name, lat, lon, radius, zips = parts
        states.add(state)
        assert name.strip() == name and name
        assert 17 <= float(lat) <= 72 and -180 <= float(lon) <= -64
        assert 5.0 <= float(radius) <= 60 and int(zips) >= 1
    assert len(states) == 51  # the states and DC, no territories
    assert len({(p[0], p[1]) for _, p in rows}) == len(rows)
