"""Second-level divisions worldwide (gazetteer/data/admin2_points.tsv): districts, counties,
provinces, raions and territories stand at the centre of their towns, with a radius that
says how few towns that was.

Reference points are general knowledge of where each division lies, with tolerances a
right answer meets and the town or foreign namesake chosen before did not.
"""

from __future__ import annotations

import pytest

from incimap.gazetteer import sources
from incimap.geo.exceptions import DataError
from incimap.geo.geocode import geocode, geodesic_km
from incimap.geo.reader.pipeline import read


@pytest.mark.parametrize("query, point, km, country", [
    ("Somme", (49.9, 2.3), 80, "FR"),                 # a French department
    ("Pangasinan", (15.9, 120.3), 80, "PH"),          # "Province of Pangasinan"
    ("Masisi Territory", (-1.4, 28.8), 80, "CD"),
    ("Khyber", (34.2, 71.2), 80, "PK"),               # "Khyber Agency", a tribal agency
])
def test_a_division_the_gazetteer_lacked_is_found(gazetteer, query, point, km, country):
    place = geocode(query, gazetteer=gazetteer).place
    assert place.feature_type == "district" and place.country == country
    assert geodesic_km(place.lat, place.lon, *point) <= km


def test_an_english_county_in_a_british_report(gazetteer):
    # A bare "Suffolk" is the Virginia town; in a report from England it is the county.
    doc = read("Police in London said the men were arrested in Suffolk and Essex on Monday.",
               gazetteer=gazetteer)
    suffolk = next(m.place for m in doc.mentions if m.surface == "Suffolk")
    assert (suffolk.feature_type, suffolk.country) == ("district", "GB")
    assert geodesic_km(suffolk.lat, suffolk.lon, 52.2, 1.0) <= 60


def test_a_district_hint_finds_the_district_not_its_seat(gazetteer):
    district = geocode("Kalat District", gazetteer=gazetteer).place
    town = geocode("Kalat", gazetteer=gazetteer, country="PK").place
    assert (district.feature_type, district.country) == ("district", "PK")
    assert town.feature_type == "town"
    assert district.radius_km > town.radius_km


def test_a_province_hint_accepts_a_second_level_province(gazetteer):
    # Burkina Faso's and the Philippines' provinces are second-level divisions.
    place = geocode("Soum province", gazetteer=gazetteer).place
    assert (place.feature_type, place.country) == ("district", "BF")


def test_a_district_of_the_same_name_does_not_make_a_town_the_seat(gazetteer):
    # Most districts are named after their seat; only a first-level namesake is evidence.
    doc = read("British police said a man was stabbed in Newcastle. Officers in Manchester "
               "and Leeds were also called.", gazetteer=gazetteer)
    newcastle = next(m for m in doc.mentions if m.surface == "Newcastle")
    assert newcastle.place.country == "GB"


def test_every_row_is_on_the_globe_with_an_honest_radius():
    rows = list(sources._tsv_lines(str(sources.ADMIN2_POINTS)))
    assert len(rows) > 15000
    for _, parts in rows:
        lat, lon, radius, towns = float(parts[3]), float(parts[4]), float(parts[5]), int(parts[7])
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        # one town says little about where the division's edge is
        assert radius >= (40 if towns == 1 else 10)


def test_a_broken_row_names_the_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "admin2.tsv"
    bad.write_text("# header\nGB\tENG\tSuffolk\t52.2\tx\t48\t1\t2\n", encoding="utf-8")
    monkeypatch.setattr(sources, "ADMIN2_POINTS", bad)
    with pytest.raises(DataError, match=r"admin2.tsv, line 2"):
        list(sources.admin2_rows([]))


def test_a_division_without_its_word_is_an_exact_name_on_every_path(gazetteer):
    """"Pangasinan" names "Province of Pangasinan" exactly (Gazetteer.exact), so the batch
    path of ``incimap geocode`` answers as a single lookup does."""
    from incimap.geo.geocode import geocode_many

    (batch,) = geocode_many(["Pangasinan"], gazetteer=gazetteer)
    single = geocode("Pangasinan", gazetteer=gazetteer)
    assert batch.match_kind == single.match_kind == "exact"
    assert batch.place.feature_type == single.place.feature_type == "district"
