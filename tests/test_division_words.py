"""Division words beside a name (geo.reader.resolution.division_word) and demonyms of
countries and divisions (geo.geocode.candidates_for): "Bourbon County" written as
"Fayette and Bourbon counties", "Bourbon" before "County", "Bourbon Co.", "Ohioans".
The passages are self-written; each fails when its rule is removed."""

from __future__ import annotations

import re

import pytest

from incimap.geo.evaluate import GoldDocument, GoldToponym, gold_mentions
from incimap.geo.geocode import geocode
from incimap.geo.reader.resolution import resolve_mentions


def _resolve(text: str, *names: str) -> dict:
    """The names, as a reader or a corpus would mark them, resolved together."""
    spans = [GoldToponym(m.start(), m.end(), name) for name in names
             for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    doc = GoldDocument("t", text, tuple(sorted(spans, key=lambda t: t.start)))
    return {m.surface: m.place for m in resolve_mentions(gold_mentions(doc))}


def _county(place) -> tuple:
    return (place.name, place.feature_type, place.admin1) if place else None


def test_a_list_of_names_before_counties_makes_each_a_county():
    """Bare "Bourbon" is a town in Indiana or Missouri; the plural makes it Kentucky's
    county, and "Fayette" the county beside it."""
    places = _resolve("Crews cleared roads in Fayette and Bourbon counties on Monday.",
                      "Fayette", "Bourbon")
    assert _county(places["Bourbon"]) == ("Bourbon County", "district", "Kentucky")


def test_a_longer_list_before_counties_reaches_its_first_name():
    places = _resolve("Floods closed roads in Harlan, Letcher and Perry counties.",
                      "Harlan", "Letcher", "Perry")
    assert {_county(p)[0] for p in places.values()} == {
        "Harlan County", "Letcher County", "Perry County"}
    assert {p.admin1 for p in places.values()} == {"Kentucky"}


def test_a_county_word_after_a_marked_name_is_read():
    """A corpus marks "Bourbon" alone in "Bourbon County": the word after it counts."""
    places = _resolve("The Bourbon County sheriff said the road reopened.", "Bourbon")
    assert _county(places["Bourbon"])[:2] == ("Bourbon County", "district")  # KY or KS


def test_the_press_abbreviation_co_is_county():
    places = _resolve("A barn burned in Bourbon Co. on Friday.", "Bourbon Co.")
    assert _county(places["Bourbon Co."])[:2] == ("Bourbon County", "district")


def test_a_division_word_the_gazetteer_lacks_keeps_the_name():
    """"Paris districts": no division is named so; Paris stays the city."""
    places = _resolve("Police patrolled several Paris districts overnight.", "Paris")
    assert places["Paris"].country == "FR" and places["Paris"].feature_type == "city"


def test_a_demonym_several_countries_share_is_the_largest():
    """"Chinese": China, not Macao or Hong Kong, which share the demonym."""
    assert geocode("Chinese").place.country == "CN"


def test_a_country_demonym_beside_a_village_of_that_name_can_be_the_country():
    """"Canadian" is also a village in Texas and in Australia; in an article about Ontario
    it is Canada."""
    places = _resolve("Canadian officials toured Toronto and Ottawa on Monday.",
                      "Canadian", "Toronto", "Ottawa")
    assert places["Canadian"].feature_type == "country"
    assert places["Canadian"].country == "CA"


@pytest.mark.parametrize(("demonym", "division"), [
    ("Ohioans", "Ohio"), ("Texan", "Texas"), ("Floridian", "Florida"),
    ("Dagestani", "Dagestan"), ("Abkhaz", "Abkhazia")])
def test_a_demonym_of_a_division_names_the_division(demonym, division):
    place = geocode(demonym).place
    assert (place.name, place.feature_type) == (division, "province")


def test_a_demonym_of_a_city_is_no_division(gazetteer):
    """Only divisions, regions and countries: "Bostonians" never makes Boston a demonym's
    place (the bare name may still match it as a spelling variant)."""
    from incimap.geo.geocode import division_demonym_candidates

    assert division_demonym_candidates(gazetteer, "bostonians") == []
    assert [c.row.name for c in division_demonym_candidates(gazetteer, "ohioans")] == ["Ohio"]


def test_america_alone_is_the_united_states():
    places = _resolve("Tourists came to America from Iowa and Ohio.", "America", "Iowa",
                      "Ohio")
    assert places["America"].country == "US"


@pytest.mark.parametrize("query", ["Bassa local government area", "Bassa LGA"])
def test_a_local_government_area_is_a_nigerian_district(query):
    """Nigeria's second-level divisions are "local government areas" ("LGA")."""
    place = geocode(query, country="NG").place
    assert (place.name, place.feature_type, place.country) == (
        "Bassa", "district", "NG")


def test_a_division_is_found_under_its_iso_3166_2_spelling():
    """GeoNames spells Myanmar's Sagaing Region "Sagain"; ISO 3166-2's "Sagaing" names it
    too, so "Sagaing region" is the region, not the town of Sagaing."""
    place = geocode("Sagaing region").place
    assert (place.feature_type, place.country, place.admin1_code) == ("province", "MM", "10")
